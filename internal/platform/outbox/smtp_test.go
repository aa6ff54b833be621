package outbox_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
	"github.com/reseau-liens/portal/internal/platform/outbox"
)

// mailbox is a real SMTP server on loopback (emersion/go-smtp) whose
// backend keeps what it is given; refuse makes it answer RCPT with 550.
type mailbox struct {
	mu       sync.Mutex
	received []received
	refuse   bool
	addr     string
}

type received struct {
	from, user string
	to         []string
	data       []byte
}

func startMailbox(t *testing.T) *mailbox {
	t.Helper()
	mb := &mailbox{}
	srv := smtp.NewServer(mb)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true // loopback; PLAIN over plain text only here
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mb.addr = l.Addr().String()
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return mb
}

func (mb *mailbox) sender(t *testing.T) outbox.SMTPSender {
	t.Helper()
	s, err := outbox.NewSender("smtp://portail:secret@"+mb.addr+"?from=portail@example.org", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s.(outbox.SMTPSender)
}

func (mb *mailbox) messages() []received {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return append([]received(nil), mb.received...)
}

func (mb *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{mb: mb}, nil }

type session struct {
	mb  *mailbox
	cur received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "portail" || pass != "secret" {
			return errors.New("bad credentials")
		}
		s.cur.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.cur.from = from; return nil }

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.mb.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.cur.to = append(s.cur.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.mb.mu.Lock()
	s.mb.received = append(s.mb.received, s.cur)
	s.mb.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.cur = received{user: s.cur.user} }
func (s *session) Logout() error { return nil }

// TestMailArrivesEncodedWithTextAndHTML sends an outbox message through
// the real sender to a real SMTP server and reads it back as a mail
// client would: headers decoded (RFC 2047), both parts, the HTML escaped.
func TestMailArrivesEncodedWithTextAndHTML(t *testing.T) {
	mb := startMailbox(t)
	db := dbtest.Open(t)
	subject := "Demande d'accompagnement sans réponse : rappel à l'équipe"
	body := "Bonjour,\n\nLa demande de la famille <Martin & fils> attend une réponse.\nMerci de la traiter.\n\nLe portail"
	m := db.Client.OutboxMessage.Create().SetProviderID("prv_test").SetRecipientKind(outboxmessage.RecipientKindGuardian).
		SetRecipientAddress("parent@example.org").SetSubject(subject).SetBody(body).SaveX(sys)

	if n, err := outbox.Dispatch(context.Background(), db.Client, mb.sender(t), discard); err != nil || n != 1 {
		t.Fatalf("dispatched %d, %v", n, err)
	}
	if got := db.Client.OutboxMessage.GetX(sys, m.ID); got.Status != outboxmessage.StatusSent {
		t.Fatalf("%s", got.Status)
	}
	got := mb.messages()
	if len(got) != 1 || got[0].from != "portail@example.org" || len(got[0].to) != 1 || got[0].to[0] != "parent@example.org" || got[0].user != "portail" {
		t.Fatalf("envelope: %+v", got)
	}
	raw := got[0].data
	header, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, c := range header {
		if c > 127 {
			t.Fatalf("a header carries raw 8-bit text:\n%s", header)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var dec mime.WordDecoder
	if s, err := dec.DecodeHeader(msg.Header.Get("Subject")); err != nil || s != subject {
		t.Errorf("Subject %q decodes to %q (%v)", msg.Header.Get("Subject"), s, err)
	}
	if id := msg.Header.Get("Message-ID"); id != "<"+string(m.ID)+"@example.org>" {
		t.Errorf("Message-ID %q", id)
	}
	if d, err := msg.Header.Date(); err != nil || !d.Equal(db.Clock.Now().Truncate(time.Second)) {
		t.Errorf("Date %q (%v), clock %s", msg.Header.Get("Date"), err, db.Clock.Now())
	}
	if to, err := msg.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "parent@example.org" {
		t.Errorf("To %v %v", to, err)
	}

	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	parts := map[string]string{}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, cp, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if !strings.EqualFold(cp["charset"], "utf-8") {
			t.Errorf("%s part in charset %q", ct, cp["charset"])
		}
		b, _ := io.ReadAll(p) // quoted-printable is decoded by the reader
		parts[ct] = strings.ReplaceAll(string(b), "\r\n", "\n")
	}
	if parts["text/plain"] != body {
		t.Errorf("text part:\n%q\nwant\n%q", parts["text/plain"], body)
	}
	html := parts["text/html"]
	for _, want := range []string{"<p>Bonjour,</p>", "famille &lt;Martin &amp; fils&gt; attend une réponse.<br>", "<title>Demande d&#39;accompagnement sans réponse"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<Martin") {
		t.Errorf("HTML part not escaped:\n%s", html)
	}
}

// TestAPermanentRefusalFailsAtOnce: a 5xx reply from the server makes the
// message FAILED at the first attempt, logged by id.
func TestAPermanentRefusalFailsAtOnce(t *testing.T) {
	mb := startMailbox(t)
	mb.refuse = true
	db := dbtest.Open(t)
	m := queue(t, db.Client, "inconnu@example.org")
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	if _, err := outbox.Dispatch(context.Background(), db.Client, mb.sender(t), logger); err != nil {
		t.Fatal(err)
	}
	got := db.Client.OutboxMessage.GetX(sys, m.ID)
	if got.Status != outboxmessage.StatusFailed || got.Attempts != 1 {
		t.Fatalf("%s after %d attempts", got.Status, got.Attempts)
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), string(m.ID)) {
		t.Fatalf("log: %s", logs.String())
	}
}

// silentServer accepts connections and never says a word.
func silentServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return l.Addr().String()
}

// TestASilentServerDoesNotOutliveTheDeadline: Send returns at the
// context's deadline, with a temporary error, and Dispatch goes on with
// the next message after the sender's own timeout.
func TestASilentServerDoesNotOutliveTheDeadline(t *testing.T) {
	addr := silentServer(t)
	s, err := outbox.NewSender("smtp://"+addr+"?from=portail@example.org&timeout=20s", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Send returns at the context deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		watch := clock.StartStopwatch()
		_, err := s.Send(ctx, outbox.Message{ID: "msg_1", To: "parent@example.org", Subject: "Bilan", Body: "Texte."})
		if took := watch.Elapsed(); took > 1500*time.Millisecond {
			t.Fatalf("Send took %s past a 300ms deadline", took)
		}
		if err == nil || outbox.IsPermanent(err) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Dispatch is bounded by the sender's timeout per message", func(t *testing.T) {
		db := dbtest.Open(t)
		a, b := queue(t, db.Client, "a@example.org"), queue(t, db.Client, "b@example.org")
		short := s.(outbox.SMTPSender)
		short.Timeout = 200 * time.Millisecond
		watch := clock.StartStopwatch()
		if _, err := outbox.Dispatch(context.Background(), db.Client, short, discard); err != nil {
			t.Fatal(err)
		}
		if took := watch.Elapsed(); took > 3*time.Second {
			t.Fatalf("Dispatch took %s", took)
		}
		for _, queued := range []*ent.OutboxMessage{a, b} {
			m := db.Client.OutboxMessage.GetX(sys, queued.ID)
			if m.Status != outboxmessage.StatusPending || m.Attempts != 1 {
				t.Fatalf("%s: %s after %d attempts", m.ID, m.Status, m.Attempts)
			}
		}
	})
}
