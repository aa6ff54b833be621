package outbox_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
	"github.com/reseau-liens/portal/internal/platform/outbox"
)

// TestAMessageTheMailerRefusesFailsAtOnceAndIsLogged queues messages whose
// address no mail server may take (stored before addresses were checked)
// and sends them through the real SMTP sender: it refuses them before
// dialling, and they are FAILED at the first attempt, with a log line
// that names the message but not the address.
func TestAMessageTheMailerRefusesFailsAtOnceAndIsLogged(t *testing.T) {
	for _, to := range []string{"parent@example.org\r\nBcc: victime@example.org", "Parent <parent@example.org>", "pas une adresse"} {
		t.Run(to, func(t *testing.T) {
			db := dbtest.Open(t)
			m := queue(t, db.Client, to)
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, nil))
			// Nothing listens on port 1: a dial would be a transient failure.
			sender, err := outbox.NewSender("smtp://127.0.0.1:1?from=portail@example.org", logger)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := outbox.Dispatch(context.Background(), db.Client, sender, logger); err != nil {
				t.Fatal(err)
			}
			got := db.Client.OutboxMessage.GetX(sys, m.ID)
			if got.Status != outboxmessage.StatusFailed || got.Attempts != 1 {
				t.Fatalf("%s after %d attempts", got.Status, got.Attempts)
			}
			if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), string(m.ID)) || strings.Contains(logs.String(), "victime") {
				t.Fatalf("log: %s", logs.String())
			}
		})
	}
}
