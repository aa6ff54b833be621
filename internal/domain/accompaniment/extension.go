package accompaniment

import (
	"context"
	"strings"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/extension"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// MaxExtensionMonths is how many months the extensions of one file may
// add in all: half of the brochure's six-month modules, so that an
// extended file stays a short accompaniment.
const MaxExtensionMonths = 3

// RequestExtensionInput asks the financer to extend an accompaniment.
type RequestExtensionInput struct {
	AccompanimentID pulid.ID
	Months          int
	Reason          string
}

// DecideExtensionInput approves or refuses a requested extension; a
// refusal needs a note.
type DecideExtensionInput struct {
	ExtensionID pulid.ID
	Approved    bool
	Note        *string
}

// RequestExtension records a coordinator's request to extend a running
// accompaniment by a few months, for the prescribers of the organisation
// that finances its place to decide.
func (s *Service) RequestExtension(ctx context.Context, in RequestExtensionInput) (*ent.Extension, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if err := access.CanRequestExtension(v, a.ProviderID); err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return nil, apierror.New(ReasonRequired, "acc.reason_required").OnField("input", "reason")
	}
	if in.Months < 1 || a.ExtendedMonths+in.Months > MaxExtensionMonths {
		return nil, apierror.New(ExtensionTooLong, "suspend.extension_too_long",
			MaxExtensionMonths, a.ExtendedMonths).OnField("input", "months")
	}
	if err := checkRunning(a); err != nil {
		return nil, err
	}
	financer, err := financerOf(viewer.SystemContext(ctx), c, a)
	if err != nil {
		return nil, err
	}
	if financer == nil {
		return nil, apierror.New(NoFinancer, "suspend.no_financer")
	}
	pending, err := c.Extension.Query().
		Where(extension.AccompanimentID(a.ID), extension.StatusEQ(extension.StatusRequested)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if pending {
		return nil, apierror.New(ExtensionPending, "suspend.extension_pending")
	}
	return c.Extension.Create().SetAccompanimentID(a.ID).SetMonths(in.Months).SetReason(reason).
		SetRequestedAt(s.client.Clock.Now()).SetRequestedByID(v.PersonID).Save(ctx)
}

// DecideExtension records the decision of the financer's prescriber; an
// approval moves the end date by the months extended.
func (s *Service) DecideExtension(ctx context.Context, in DecideExtensionInput) (*ent.Extension, error) {
	c := database.ClientFor(ctx, s.client)
	e, err := c.Extension.Get(ctx, in.ExtensionID)
	if ent.IsNotFound(err) {
		return nil, notFound("input", "extensionID")
	}
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if err := access.CanDecideExtension(ctx, c, v, e.AccompanimentID); err != nil {
		return nil, err
	}
	to := extension.StatusRefused
	if in.Approved {
		to = extension.StatusApproved
	}
	if err := schema.ExtensionMoves.Check("extension", string(e.Status), string(to)); err != nil {
		return nil, err
	}
	note := ""
	if in.Note != nil {
		note = strings.TrimSpace(*in.Note)
	}
	if !in.Approved && note == "" {
		return nil, apierror.New(ReasonRequired, "suspend.refusal_note_required").OnField("input", "note")
	}
	now := s.client.Clock.Now()
	decision := e.Update().SetStatus(to).SetDecidedAt(now).SetDecidedByID(v.PersonID).SetDecisionNote(note)
	if in.Approved {
		a, err := load(ctx, c, e.AccompanimentID)
		if err != nil {
			return nil, err
		}
		if err := checkRunning(a); err != nil {
			return nil, err
		}
		_, months, zone, err := scheduleOf(viewer.SystemContext(ctx), c, a)
		if err != nil {
			return nil, err
		}
		a.ExtendedMonths += e.Months
		ends := scheduledEnd(a, *a.StartsAt, months, zone)
		err = a.Update().SetExtendedMonths(a.ExtendedMonths).SetEndsAt(ends).Exec(ctx)
		if err != nil {
			return nil, err
		}
		decision.SetNillablePreviousEndsAt(a.EndsAt).SetEndsAt(ends)
	}
	return decision.Save(ctx)
}

// checkRunning refuses to extend a file that is not running (active or
// suspended) or has no end date yet.
func checkRunning(a *ent.Accompaniment) error {
	if (a.Status != entacc.StatusActive && a.Status != entacc.StatusSuspended) || a.StartsAt == nil {
		return apierror.New(NotActive, "suspend.extension_not_running")
	}
	return nil
}
