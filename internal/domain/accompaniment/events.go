package accompaniment

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/domain/webhook"
)

// requestEvent is what the prescriber's organisation learns of its
// request through its webhooks: what its prescriber sees of the active
// caseload in the API (status and dates), and no one's name.
type requestEvent struct {
	AccompanimentID    pulid.ID   `json:"accompanimentId"`
	ProgrammeID        pulid.ID   `json:"programmeId"`
	Status             string     `json:"status"`
	DeclineReason      string     `json:"declineReason,omitempty"`
	RequestedAt        time.Time  `json:"requestedAt"`
	ValidatedAt        *time.Time `json:"validatedAt,omitempty"`
	FirstAppointmentAt *time.Time `json:"firstAppointmentAt,omitempty"`
	EndsAt             *time.Time `json:"endsAt,omitempty"`
	ClosedAt           *time.Time `json:"closedAt,omitempty"`
}

// announce queues a webhook event for the organisation of the prescriber
// who made the request, in the step's transaction. Self-referrals have no
// partner to tell.
func announce(ctx context.Context, c *ent.Client, a *ent.Accompaniment, kind string) (*ent.Accompaniment, error) {
	if a.PrescriberOrganisationID == nil {
		return a, nil
	}
	ev := requestEvent{
		AccompanimentID: a.ID, ProgrammeID: a.ProgrammeID, Status: a.Status.String(),
		RequestedAt: a.RequestedAt, ValidatedAt: a.ValidatedAt, FirstAppointmentAt: a.FirstAppointmentAt,
		EndsAt: a.EndsAt, ClosedAt: a.ClosedAt,
	}
	if a.DeclineReason != nil {
		ev.DeclineReason = a.DeclineReason.String()
	}
	if err := webhook.Emit(ctx, c, *a.PrescriberOrganisationID, kind, ev); err != nil {
		return nil, err
	}
	return a, nil
}
