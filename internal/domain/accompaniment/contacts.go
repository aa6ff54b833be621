package accompaniment

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// clockSkew is how far ahead of the portal's clock a contact recorded
// "now" may be dated: the device of an educator back from a home visit may
// run a few minutes fast, which is no mistake of theirs.
const clockSkew = 5 * time.Minute

// RecordContact logs a contact of the assigned educator with the family.
// It must fall between the first appointment and the closing.
func (s *Service) RecordContact(ctx context.Context, in RecordContactInput) (*ent.ContactEvent, error) {
	c := database.ClientFor(ctx, s.client)
	if in.DurationMinutes < 0 {
		return nil, apierror.New(apierror.BadUserInput, "acc.negative_duration").OnField("input", "durationMinutes")
	}
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	return s.createContact(ctx, c, a, in)
}

// createContact writes a contact of the viewer on a, once its dates fit the
// accompaniment's: the one path of every contact event (recorded, or an
// appointment held).
func (s *Service) createContact(ctx context.Context, c *ent.Client, a *ent.Accompaniment, in RecordContactInput) (*ent.ContactEvent, error) {
	if in.OccurredAt.After(s.client.Clock.Now().Add(clockSkew)) {
		return nil, apierror.New(ContactInFuture,
			"acc.contact_in_future",
			i18n.Day(in.OccurredAt), i18n.Hour(in.OccurredAt)).OnField("input", "occurredAt")
	}
	if a.Status != entacc.StatusActive && a.Status != entacc.StatusClosed {
		return nil, apierror.New(NotActive, "acc.contacts_when_active")
	}
	if a.StartsAt == nil || in.OccurredAt.Before(*a.StartsAt) {
		return nil, apierror.New(ContactBeforeStart, "acc.contact_before_start").OnField("input", "occurredAt")
	}
	if a.ClosedAt != nil && in.OccurredAt.After(*a.ClosedAt) {
		return nil, apierror.New(ContactAfterClose, "acc.contact_after_close").OnField("input", "occurredAt")
	}
	create := c.ContactEvent.Create().
		SetAccompanimentID(a.ID).
		SetAuthorID(viewer.FromContext(ctx).PersonID).
		SetKind(in.Kind).
		SetOccurredAt(in.OccurredAt).
		SetDurationMinutes(in.DurationMinutes)
	if in.Note != nil {
		create.SetNote(*in.Note)
	}
	return create.Save(ctx)
}
