package outbox_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
	"github.com/reseau-liens/portal/internal/platform/outbox"
)

var (
	sys     = viewer.SystemContext(context.Background())
	discard = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// mailServer stands for an SMTP server at the Sender boundary: it records
// what it is given and fails when told to.
type mailServer struct {
	got  []outbox.Message
	fail bool
}

func (s *mailServer) Send(_ context.Context, m outbox.Message) (bool, error) {
	if s.fail {
		return false, errors.New("connection refused")
	}
	s.got = append(s.got, m)
	return m.To != "", nil
}

func queue(t *testing.T, c *ent.Client, to string) *ent.OutboxMessage {
	t.Helper()
	return c.OutboxMessage.Create().SetProviderID("prv_test").SetRecipientKind(outboxmessage.RecipientKindGuardian).
		SetRecipientAddress(to).SetSubject("Bilan").SetBody("Texte du bilan.").SaveX(sys)
}

func TestDispatch(t *testing.T) {
	t.Run("without SMTP, messages are logged and marked LOGGED, once", func(t *testing.T) {
		db := dbtest.Open(t)
		m := queue(t, db.Client, "parent@example.org")
		sender, err := outbox.NewSender("", slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if n, err := outbox.Dispatch(context.Background(), db.Client, sender, discard); err != nil || n != 1 {
			t.Fatalf("dispatched %d, %v", n, err)
		}
		if got := db.Client.OutboxMessage.GetX(sys, m.ID); got.Status != outboxmessage.StatusLogged || got.SentAt == nil {
			t.Fatalf("%s", got.Status)
		}
		if n, _ := outbox.Dispatch(context.Background(), db.Client, sender, discard); n != 0 {
			t.Fatalf("dispatched again: %d", n)
		}
	})
	t.Run("a mail server gets the message; SENT", func(t *testing.T) {
		db := dbtest.Open(t)
		m := queue(t, db.Client, "parent@example.org")
		srv := &mailServer{}
		if _, err := outbox.Dispatch(context.Background(), db.Client, srv, discard); err != nil {
			t.Fatal(err)
		}
		if len(srv.got) != 1 || srv.got[0].To != "parent@example.org" || srv.got[0].Body != "Texte du bilan." {
			t.Fatalf("%+v", srv.got)
		}
		if got := db.Client.OutboxMessage.GetX(sys, m.ID); got.Status != outboxmessage.StatusSent {
			t.Fatalf("%s", got.Status)
		}
	})
	t.Run("a failing server: retried, then FAILED after MaxAttempts", func(t *testing.T) {
		db := dbtest.Open(t)
		m := queue(t, db.Client, "parent@example.org")
		srv := &mailServer{fail: true}
		for i := 1; i <= outbox.MaxAttempts; i++ {
			if _, err := outbox.Dispatch(context.Background(), db.Client, srv, discard); err != nil {
				t.Fatal(err)
			}
			got := db.Client.OutboxMessage.GetX(sys, m.ID)
			want := outboxmessage.StatusPending
			if i == outbox.MaxAttempts {
				want = outboxmessage.StatusFailed
			}
			if got.Status != want || got.Attempts != i {
				t.Fatalf("attempt %d: %s after %d attempts", i, got.Status, got.Attempts)
			}
		}
	})
}

func TestNewSender(t *testing.T) {
	for _, bad := range []string{"http://mail.example.org", "smtp://mail.example.org", "smtp://?from=a@b"} {
		if _, err := outbox.NewSender(bad, nil); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	s, err := outbox.NewSender("smtp://u:p@mail.example.org?from=portail@example.org&timeout=5s", nil)
	if err != nil {
		t.Fatal(err)
	}
	if smtp, ok := s.(outbox.SMTPSender); !ok || smtp.Host != "mail.example.org" || smtp.Port != 587 ||
		smtp.From != "portail@example.org" || smtp.Username != "u" || smtp.Password != "p" || smtp.Timeout != 5*time.Second {
		t.Fatalf("%+v", s)
	}
}
