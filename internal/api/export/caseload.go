package export

import (
	"context"
	"net/http"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// CaseloadColumns are the columns of a partner's active caseload, in their
// stable order.
var CaseloadColumns = []Column{
	{"accompaniment_id", "csv.accompaniment"}, {"family_reference", "csv.family_reference"},
	{"programme", "csv.programme"}, {"status", "csv.accompaniment_status"}, {"prescriber", "csv.prescriber"},
	{"referred_by_partner", "csv.referred_by_partner"}, {"financed_by_partner", "csv.financed_by_partner"},
	{"convention_id", "csv.convention"}, {"validated_on", "csv.validated_on"},
	{"starts_on", "csv.accompaniment_starts_on"}, {"ends_on", "csv.accompaniment_ends_on"},
}

// partnerCaseload writes the active accompaniments of the viewer's
// providers that the organisation referred or finances.
func partnerCaseload(ctx context.Context, client *ent.Client, w http.ResponseWriter, f format, orgID pulid.ID) error {
	org, err := client.Organisation.Get(ctx, orgID)
	if err != nil {
		return err
	}
	providers := viewer.FromContext(ctx).ProviderIDs(membership.RoleCoordinator)
	q := client.Accompaniment.Query().
		Where(
			accompaniment.ProviderIDIn(providers...),
			accompaniment.StatusEQ(accompaniment.StatusActive),
			accompaniment.Or(
				accompaniment.PrescriberOrganisationID(org.ID),
				accompaniment.FinancerID(org.ID),
			),
		).
		WithFamily().
		WithProgramme().
		WithPrescriber()
	out := newCSV(w, f, "partner-"+string(org.ID)+"-caseload-"+client.Clock.Now().Format(time.DateOnly)+".csv")
	if err := out.write(f.header(CaseloadColumns)); err != nil {
		return err
	}
	err = stream(ctx, q, out, func(a *ent.Accompaniment) error {
		var ref, prog, prescriber, conv string
		if a.Edges.Family != nil {
			ref = a.Edges.Family.Reference
		}
		if a.Edges.Programme != nil {
			prog = a.Edges.Programme.Code
		}
		if a.Edges.Prescriber != nil {
			prescriber = a.Edges.Prescriber.DisplayName
		}
		if a.ConventionID != nil {
			conv = string(*a.ConventionID)
		}
		return out.write([]string{
			string(a.ID), f.text(ref), f.text(prog), f.status("accompaniment", a.Status), f.text(prescriber),
			f.yes(a.PrescriberOrganisationID != nil && *a.PrescriberOrganisationID == org.ID),
			f.yes(a.FinancerID != nil && *a.FinancerID == org.ID),
			conv, f.day(a.ValidatedAt), f.day(a.StartsAt), f.day(a.EndsAt),
		})
	})
	if err != nil {
		return err
	}
	return out.flush()
}
