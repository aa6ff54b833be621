package access

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// The financer's view: the members of an organisation that finances
// places (a convention's financer, or the financer named with a request)
// see the files it finances, their status and dates, and the copy of the
// final report the family lets it receive; never the family's file nor
// its sensitive fields, which stay with the provider's staff.

// FinancedBy matches the accompaniments whose place one of the
// organisations finances: the financer of their convention, else the one
// named with the request (the final report's copy goes to the same one).
func FinancedBy(organisationIDs ...pulid.ID) predicate.Accompaniment {
	return accompaniment.Or(
		accompaniment.HasConventionWith(convention.FinancerIDIn(organisationIDs...)),
		accompaniment.And(accompaniment.ConventionIDIsNil(), accompaniment.FinancerIDIn(organisationIDs...)),
	)
}

// financedAccompaniments are the files the viewer's organisations finance,
// for any of their members (prescribers and partner staff).
func financedAccompaniments(v *viewer.Viewer) []predicate.Accompaniment {
	if ids := v.OrganisationIDs(prescriber, partnerStaff); len(ids) > 0 {
		return []predicate.Accompaniment{FinancedBy(ids...)}
	}
	return nil
}

// financedFinalReports are the delivered final reports of the files the
// viewer's organisations finance, while the family consents to share its
// file: the copy owed to the financer ("copie jointe au financeur").
func financedFinalReports(v *viewer.Viewer) []predicate.Document {
	financed := financedAccompaniments(v)
	if len(financed) == 0 {
		return nil
	}
	return []predicate.Document{document.And(
		document.KindEQ(document.KindFinalReport),
		document.DeliveredAtNotNil(),
		document.HasAccompanimentWith(accompaniment.And(financed...), accompaniment.HasFamilyWith(SharedWithPrescriber())),
	)}
}

// CanSuspendAccompaniment: a provider's coordinators suspend and resume
// its accompaniments.
func CanSuspendAccompaniment(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "suspend.only_coordinator_suspends")
}

// CanRequestExtension: a provider's coordinators request the extension of
// its accompaniments.
func CanRequestExtension(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "suspend.only_coordinator_extends")
}

// CanDecideExtension: a prescriber of the organisation that finances the
// accompaniment's place approves or refuses its extension; c reads the
// accompaniment as the portal.
func CanDecideExtension(ctx context.Context, c *ent.Client, v *viewer.Viewer, accompanimentID pulid.ID) error {
	return refuseUnless(decidesExtensionOf(ctx, c, v, accompanimentID), "suspend.only_financer_decides")
}

func decidesExtensionOf(ctx context.Context, c *ent.Client, v *viewer.Viewer, accompanimentID pulid.ID) bool {
	ids := v.OrganisationIDs(prescriber)
	if len(ids) == 0 {
		return false
	}
	ok, err := c.Accompaniment.Query().Where(accompaniment.ID(accompanimentID), FinancedBy(ids...)).
		Exist(viewer.SystemContext(ctx))
	return err == nil && ok
}

// CanReadStatement: a convention's quarterly statement is read by the
// coordinators of its provider and the members of its financer.
func CanReadStatement(v *viewer.Viewer, providerID, financerID pulid.ID) error {
	allowed := v.IsSystem() || v.IsCoordinatorOf(providerID)
	for _, id := range v.OrganisationIDs(prescriber, partnerStaff) {
		allowed = allowed || id == financerID
	}
	return refuseUnless(allowed, "suspend.statement_forbidden")
}
