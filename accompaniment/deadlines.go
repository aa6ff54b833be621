package accompaniment

import (
	"context"
	"fmt"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/viewer"
)

// The deadlines of unanswered requests, run by the scheduler as the portal
// (nobody asked for them). A request is unanswered while it is REQUESTED:
// starting the evaluation answers it.

// RemindUnansweredRequests queues a reminder to the provider's
// coordinators for each request unanswered for longer than after, once per
// request. It returns how many requests were reminded.
func RemindUnansweredRequests(ctx context.Context, client *ent.Client, after time.Duration, now time.Time) (int, error) {
	ctx = viewer.SystemContext(ctx)
	due, err := client.Accompaniment.Query().Where(
		entacc.StatusEQ(entacc.StatusRequested),
		entacc.RequestedAtLT(now.Add(-after)),
	).All(ctx)
	if err != nil {
		return 0, err
	}
	reminded := 0
	for _, a := range due {
		done, err := client.OutboxMessage.Query().Where(
			outboxmessage.AccompanimentID(a.ID),
			outboxmessage.RecipientKindEQ(outboxmessage.RecipientKindCoordinator),
		).Exist(ctx)
		if err != nil {
			return reminded, err
		}
		if done {
			continue
		}
		coordinators, err := client.Person.Query().Where(person.HasMembershipsWith(
			membership.ProviderID(a.ProviderID), membership.RoleEQ(membership.RoleCoordinator),
		)).All(ctx)
		if err != nil {
			return reminded, err
		}
		for _, p := range coordinators {
			err := client.OutboxMessage.Create().
				SetProviderID(a.ProviderID).SetAccompanimentID(a.ID).
				SetRecipientKind(outboxmessage.RecipientKindCoordinator).SetRecipientID(p.ID).
				SetRecipientAddress(p.Email).
				SetSubject("Demande d'accompagnement sans réponse").
				SetBody(fmt.Sprintf("La demande %s attend une réponse depuis le %s.", a.ID, a.RequestedAt.Format("02/01/2006"))).
				Exec(ctx)
			if err != nil {
				return reminded, err
			}
		}
		reminded++
	}
	return reminded, nil
}

// ExpireUnansweredRequests expires the requests unanswered for longer than
// after. It returns how many expired.
func ExpireUnansweredRequests(ctx context.Context, client *ent.Client, after time.Duration, now time.Time) (int, error) {
	if !CanMove(entacc.StatusRequested, entacc.StatusExpired) {
		return 0, nil
	}
	return client.Accompaniment.Update().Where(
		entacc.StatusEQ(entacc.StatusRequested),
		entacc.RequestedAtLT(now.Add(-after)),
	).SetStatus(entacc.StatusExpired).SetClosedAt(now).
		SetStatusReason(fmt.Sprintf("No answer within %s.", after)).
		Save(viewer.SystemContext(ctx))
}
