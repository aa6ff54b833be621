package accompaniment

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// RequestDeadlines are the delays of an unanswered request: a request is
// unanswered while it is REQUESTED (starting the evaluation answers it).
type RequestDeadlines struct {
	// RemindAfter: the provider's coordinators are reminded, once (a
	// REQUEST_UNANSWERED notice, package notify).
	RemindAfter time.Duration
	// ExpireAfter: the request expires and its prescriber is told.
	ExpireAfter time.Duration
}

// EnforceRequestDeadlines is the scheduled job of unanswered requests, run
// as the portal (nobody asked for it). It reminds first, then expires the
// requests past the longer delay whose reminder went out on an earlier
// run: a request is always reminded before it expires, never the reverse,
// however late the job runs. It returns how many requests it reminded or
// expired.
func (s *Service) EnforceRequestDeadlines(ctx context.Context) (int, error) {
	ctx = viewer.SystemContext(ctx)
	client, d := database.ClientFor(ctx, s.client), s.deadlines
	now := client.Clock.Now()
	reminded, err := remindUnanswered(ctx, client, d.RemindAfter, now)
	if err != nil {
		return reminded, err
	}
	expired, err := expireUnanswered(ctx, client, d.ExpireAfter, now)
	return reminded + expired, err
}

// unansweredSince returns the requests still unanswered that were made
// before since, and when each one's reminder was queued (absent: none).
func unansweredSince(ctx context.Context, client *ent.Client, since time.Time) ([]*ent.Accompaniment, map[pulid.ID]time.Time, error) {
	due, err := client.Accompaniment.Query().Where(
		entacc.StatusEQ(entacc.StatusRequested),
		entacc.RequestedAtLT(since),
	).All(ctx)
	if err != nil || len(due) == 0 {
		return nil, nil, err
	}
	ids := make([]pulid.ID, len(due))
	for i, a := range due {
		ids[i] = a.ID
	}
	// A reminder is a notice to the coordinators (always written, whatever
	// their e-mail choices).
	reminders, err := client.Notification.Query().Where(
		notification.AccompanimentIDIn(ids...),
		notification.KindEQ(notification.KindRequestUnanswered),
	).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	reminded := make(map[pulid.ID]time.Time, len(reminders))
	for _, m := range reminders {
		if at, seen := reminded[*m.AccompanimentID]; !seen || m.CreatedAt.Before(at) {
			reminded[*m.AccompanimentID] = m.CreatedAt
		}
	}
	return due, reminded, nil
}

func remindUnanswered(ctx context.Context, client *ent.Client, after time.Duration, now time.Time) (int, error) {
	due, reminded, err := unansweredSince(ctx, client, now.Add(-after))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range due {
		if _, done := reminded[a.ID]; done {
			continue
		}
		n++
		coordinators, err := coordinatorsOf(ctx, client, a.ProviderID)
		if err != nil {
			return 0, err
		}
		requested := a.RequestedAt
		if err := tell(ctx, client, a, notification.KindRequestUnanswered, coordinators, "", &requested); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func expireUnanswered(ctx context.Context, client *ent.Client, after time.Duration, now time.Time) (int, error) {
	due, reminded, err := unansweredSince(ctx, client, now.Add(-after))
	if err != nil {
		return 0, err
	}
	reason := i18n.T("reason.unanswered", i18n.Delay(after)).French()
	expired := 0
	for _, a := range due {
		if at, done := reminded[a.ID]; !done || !at.Before(now) {
			continue // reminded on this run, or never: it expires on a later one
		}
		// Only a request still unanswered expires: the coordinator may
		// have started the evaluation meanwhile.
		n, err := client.Accompaniment.Update().
			Where(entacc.ID(a.ID), entacc.StatusEQ(entacc.StatusRequested)).
			SetStatus(entacc.StatusExpired).SetClosedAt(now).SetStatusReason(reason).
			Save(ctx)
		if err != nil {
			return expired, err
		}
		if n == 0 {
			continue
		}
		expired++
		requested := a.RequestedAt
		if err := tellPrescriber(ctx, client, a, notification.KindRequestExpired, i18n.Delay(after).French(), &requested); err != nil {
			return expired, err
		}
		a.Status, a.ClosedAt, a.StatusReason = entacc.StatusExpired, &now, reason
		if _, err := announce(ctx, client, a, webhook.RequestExpired); err != nil {
			return expired, err
		}
	}
	return expired, nil
}
