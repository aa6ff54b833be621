package outbox

import (
	"context"
	"log/slog"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// MaxAttempts is how many times a message is tried before it is marked
// FAILED for a person to look at.
const MaxAttempts = 5

// batchSize bounds one run, so that a backlog is worked through in steps.
const batchSize = 100

// Dispatch sends the pending messages, oldest first, and records each
// outcome: SENT, LOGGED (no SMTP or no address), another attempt, or
// FAILED after MaxAttempts or at once when the refusal is permanent (see
// Permanent); each failure is logged, by message id. It runs as the
// portal, from the scheduler, which makes sure one process at a time does it.
func Dispatch(ctx context.Context, client *ent.Client, sender Sender, logger *slog.Logger) (int, error) {
	ctx = viewer.SystemContext(ctx)
	msgs, err := client.OutboxMessage.Query().
		Where(outboxmessage.StatusEQ(outboxmessage.StatusPending)).
		Order(ent.Asc(outboxmessage.FieldQueuedAt), ent.Asc(outboxmessage.FieldID)).
		Limit(batchSize).All(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, m := range msgs {
		delivered, sendErr := sender.Send(ctx, Message{ID: string(m.ID), To: m.RecipientAddress, Subject: m.Subject,
			Body: m.Body, Date: client.Clock.Now()})
		if ctx.Err() != nil {
			// The job was stopped: this attempt is not the message's fault.
			return done, ctx.Err()
		}
		update := m.Update().AddAttempts(1)
		switch {
		case sendErr != nil && (IsPermanent(sendErr) || m.Attempts+1 >= MaxAttempts):
			update.SetStatus(outboxmessage.StatusFailed)
			logger.ErrorContext(ctx, "outbox message failed for good: a person must look at it",
				"message_id", m.ID, "attempts", m.Attempts+1, "error", sendErr)
		case sendErr != nil:
			// stays PENDING for the next run
			logger.WarnContext(ctx, "outbox message not sent; it will be tried again",
				"message_id", m.ID, "attempts", m.Attempts+1, "error", sendErr)
		case delivered:
			update.SetStatus(outboxmessage.StatusSent).SetSentAt(client.Clock.Now())
		default:
			update.SetStatus(outboxmessage.StatusLogged).SetSentAt(client.Clock.Now())
		}
		if err := update.Exec(ctx); err != nil {
			return done, err
		}
		if sendErr == nil {
			done++
		}
	}
	return done, nil
}
