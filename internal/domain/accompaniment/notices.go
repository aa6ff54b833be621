package accompaniment

import (
	"context"
	"strings"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/notify"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// tell notifies the persons to of a step of a (package notify), naming
// the family by its reference and the programme by its name, nothing
// else of the family. It reads as the portal: the person acting may not
// read the people told.
func tell(ctx context.Context, c *ent.Client, a *ent.Accompaniment, kind notification.Kind, to []pulid.ID, detail string, day *time.Time) error {
	if len(to) == 0 {
		return nil
	}
	sys := viewer.SystemContext(ctx)
	ref, err := c.Family.Query().Where(family.ID(a.FamilyID)).Select(family.FieldReference).String(sys)
	if err != nil {
		return err
	}
	prog, err := c.Programme.Get(sys, a.ProgrammeID)
	if err != nil {
		return err
	}
	return notify.Send(ctx, c, notify.Notice{
		Kind: kind, To: to, ProviderID: a.ProviderID,
		AccompanimentID: a.ID, ProgrammeID: a.ProgrammeID, FamilyID: a.FamilyID,
		FamilyReference: ref, ProgrammeName: prog.Name, Detail: detail, Day: day,
	})
}

// tellPrescriber notifies the person who made the request, if anyone did
// (a self-referral has no prescriber).
func tellPrescriber(ctx context.Context, c *ent.Client, a *ent.Accompaniment, kind notification.Kind, detail string, day *time.Time) error {
	if a.PrescriberID == nil {
		return nil
	}
	return tell(ctx, c, a, kind, []pulid.ID{*a.PrescriberID}, detail, day)
}

// coordinatorsOf lists the coordinators of a provider, read as the portal.
func coordinatorsOf(ctx context.Context, c *ent.Client, providerID pulid.ID) ([]pulid.ID, error) {
	return c.Person.Query().Where(person.HasMembershipsWith(
		membership.ProviderID(providerID), membership.RoleEQ(membership.RoleCoordinator),
	)).IDs(viewer.SystemContext(ctx))
}

// educatorNames words who follows a, for its prescriber: the assigned
// workers' names, or that one is still to be named.
func educatorNames(ctx context.Context, a *ent.Accompaniment) (string, error) {
	names, err := a.QueryEducators().Order(ent.Asc(person.FieldDisplayName)).
		Select(person.FieldDisplayName).Strings(viewer.SystemContext(ctx))
	if err != nil {
		return "", err
	}
	if len(names) == 0 {
		return i18n.T("notify.no_educator_yet").French(), nil
	}
	return strings.Join(names, ", "), nil
}

// declineReasonWord is the wording of a decline reason.
func declineReasonWord(reason entacc.DeclineReason) i18n.Message {
	switch reason {
	case entacc.DeclineReasonNotEligible:
		return i18n.T("notify.decline.NOT_ELIGIBLE")
	case entacc.DeclineReasonCapacity:
		return i18n.T("notify.decline.CAPACITY")
	case entacc.DeclineReasonFamilyDeclined:
		return i18n.T("notify.decline.FAMILY_DECLINED")
	default:
		return i18n.T("notify.decline.OTHER")
	}
}

// declineWords words a decline's reason for its prescriber, with the
// coordinator's text when there is one.
func declineWords(reason entacc.DeclineReason, text string) string {
	word := declineReasonWord(reason)
	if text == "" {
		return word.French()
	}
	return i18n.T("notify.decline_with_text", word, text).French()
}
