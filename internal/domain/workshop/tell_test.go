package workshop_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/emersion/go-smtp"

	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/outbox"
)

// inbox is a real SMTP server on loopback (emersion/go-smtp) keeping the
// mails it is given.
type inbox struct {
	mu   sync.Mutex
	got  []inboxMail
	addr string
}

type inboxMail struct {
	to   []string
	data []byte
}

func startInbox(t *testing.T) *inbox {
	t.Helper()
	ib := &inbox{}
	srv := smtp.NewServer(ib)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ib.addr = l.Addr().String()
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ib
}

func (ib *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &inboxSession{ib: ib}, nil }

type inboxSession struct {
	ib  *inbox
	cur inboxMail
}

func (s *inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *inboxSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *inboxSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.ib.mu.Lock()
	s.ib.got = append(s.ib.got, s.cur)
	s.ib.mu.Unlock()
	return nil
}
func (s *inboxSession) Reset()        { s.cur = inboxMail{} }
func (s *inboxSession) Logout() error { return nil }

func TestTheBookersEMailReachesTheirMailbox(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ib := startInbox(t)
	s := newSeries(t, api, 6, month)
	mustOK(t, book(t, api, api.Token(t, demo.PartnerStaff), s.ID, "smtp-1", "CONFIRM_WHAT_FITS", kid("Lina", 8)))
	// Only this test's mail is to go out.
	api.DB.Client.OutboxMessage.Update().Where(outboxmessage.StatusEQ(outboxmessage.StatusPending)).
		SetStatus(outboxmessage.StatusLogged).ExecX(apitest.Sys)
	api.Mutate(t, demo.Practitioner, cancelSessionDoc, in(map[string]any{"sessionID": sessionsOf(t, api, s)[1].ID, "reason": "Grève des transports"})).WantOK(t)

	sender, err := outbox.NewSender("smtp://"+ib.addr+"?from=portail@example.org", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := outbox.Dispatch(t.Context(), api.DB.Client, sender, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil || n != 1 {
		t.Fatalf("dispatched %d, %v", n, err)
	}
	address := api.DB.Client.Person.GetX(apitest.Sys, api.Demo.People[demo.PartnerStaff]).Email
	if len(ib.got) != 1 || len(ib.got[0].to) != 1 || ib.got[0].to[0] != address {
		t.Fatalf("the mailbox got %+v, want one mail to %s", ib.got, address)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(ib.got[0].data)))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "Séance annulée : "+s.Title {
		t.Fatalf("subject %q (%v)", subject, err)
	}
}

// hookReceiver is a partner's HTTPS receiver of webhooks.
type hookReceiver struct {
	mu     sync.Mutex
	bodies [][]byte
	srv    *httptest.Server
}

func TestTheBookersWebhookHearsOfTheMove(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	rcv := &hookReceiver{}
	rcv.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rcv.mu.Lock()
		rcv.bodies = append(rcv.bodies, b)
		rcv.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(rcv.srv.Close)
	api.Mutate(t, demo.PartnerStaff, `mutation($in: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $in) { secret errors { code } } }`,
		in(map[string]any{"organisationID": api.Demo.SchoolID, "url": rcv.srv.URL + "/hooks",
			"eventKinds": []string{webhook.SessionMoved, webhook.SessionCancelled, webhook.SeriesCancelled}})).WantOK(t)

	s := newSeries(t, api, 6, month)
	mustOK(t, book(t, api, api.Token(t, demo.PartnerStaff), s.ID, "wh-1", "CONFIRM_WHAT_FITS", kid("Lina", 8), kid("Adam", 8)))
	ses := sessionsOf(t, api, s)[2]
	to := ses.StartsAt.Add(48 * time.Hour)
	api.Mutate(t, demo.Coordinator, moveSessionDoc, in(map[string]any{"sessionID": ses.ID, "startsAt": to.Format(time.RFC3339)})).WantOK(t)

	d := webhook.NewDispatcher(api.DB.Client, slog.New(slog.NewTextHandler(io.Discard, nil)), netip.MustParsePrefix("127.0.0.0/8"))
	d.HTTP.Transport.(*http.Transport).TLSClientConfig = rcv.srv.Client().Transport.(*http.Transport).TLSClientConfig
	now := api.Clock.Now()
	d.Now = func() time.Time { return now }
	if n, err := d.RunOnce(t.Context()); err != nil || n != 1 {
		t.Fatalf("RunOnce = %d, %v: one event for the organisation, whatever its bookings", n, err)
	}
	if len(rcv.bodies) != 1 {
		t.Fatalf("the receiver got %d deliveries", len(rcv.bodies))
	}
	var ev struct {
		Kind string
		Data struct {
			SeriesID, SessionID, SessionStatus string
			StartsAt, PreviousStartsAt         time.Time
		}
	}
	if err := json.Unmarshal(rcv.bodies[0], &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Kind != webhook.SessionMoved || ev.Data.SessionID != string(ses.ID) || ev.Data.SeriesID != string(s.ID) ||
		!ev.Data.StartsAt.Equal(to) || !ev.Data.PreviousStartsAt.Equal(ses.StartsAt) || ev.Data.SessionStatus != "SCHEDULED" {
		t.Fatalf("event %s", rcv.bodies[0])
	}
	if strings.Contains(string(rcv.bodies[0]), "Lina") {
		t.Fatalf("the event names a child: %s", rcv.bodies[0])
	}
}

func TestThePartnersCalendarFollowsTheChanges(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	staff := api.Token(t, demo.PartnerStaff)
	s := newSeries(t, api, 6, month)
	mustOK(t, book(t, api, staff, s.ID, "cal-1", "CONFIRM_WHAT_FITS", kid("Lina", 8)))
	sessions := sessionsOf(t, api, s)

	var created struct {
		CreateCalendarFeed struct{ URL string }
	}
	api.MustSucceed(t, staff, `mutation($in: CreateCalendarFeedInput!) { createCalendarFeed(input: $in) { url errors { code } } }`,
		in(map[string]any{"kind": "ORGANISATION", "organisationID": api.Demo.SchoolID}), &created)
	feed := func() map[string]*ics.VEvent {
		t.Helper()
		u, err := url.Parse(created.CreateCalendarFeed.URL)
		if err != nil {
			t.Fatal(err)
		}
		res, err := api.Server.Client().Get(api.Server.URL + u.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		cal, err := ics.ParseCalendar(res.Body)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("status %d, %v", res.StatusCode, err)
		}
		out := map[string]*ics.VEvent{}
		for _, e := range cal.Events() {
			out[e.Id()] = e
		}
		return out
	}
	uid := func(i int) string { return string(sessions[i].ID) + "@localhost" }
	value := func(e *ics.VEvent, p ics.ComponentProperty) string {
		if v := e.GetProperty(p); v != nil {
			return v.Value
		}
		return ""
	}
	seq := func(e *ics.VEvent) int {
		t.Helper()
		n, err := strconv.Atoi(value(e, ics.ComponentPropertySequence))
		if err != nil {
			t.Fatalf("SEQUENCE of %s: %v", e.Id(), err)
		}
		return n
	}
	before := feed()

	t.Run("a moved session keeps its UID, shows its new time and a higher SEQUENCE", func(t *testing.T) {
		to := sessions[1].StartsAt.Add(26 * time.Hour)
		// Within the second of its creation: the revision alone raises the SEQUENCE.
		api.Mutate(t, demo.Practitioner, moveSessionDoc, in(map[string]any{"sessionID": sessions[1].ID, "startsAt": to.Format(time.RFC3339), "place": "Gymnase"})).WantOK(t)
		after := feed()
		e := after[uid(1)]
		if e == nil {
			t.Fatalf("the moved session left the feed")
		}
		start, err := e.GetStartAt()
		if err != nil || !start.Equal(to) || value(e, ics.ComponentPropertyLocation) != "Gymnase" ||
			value(e, ics.ComponentPropertyStatus) != "CONFIRMED" || seq(e) <= seq(before[uid(1)]) {
			t.Fatalf("moved event: start %s (%v), location %q, STATUS %s, SEQUENCE %s after %s", start, err,
				value(e, ics.ComponentPropertyLocation), value(e, ics.ComponentPropertyStatus),
				value(e, ics.ComponentPropertySequence), value(before[uid(1)], ics.ComponentPropertySequence))
		}
		if seq(after[uid(0)]) != seq(before[uid(0)]) {
			t.Errorf("an unmoved session's SEQUENCE changed")
		}
	})
	t.Run("a cancelled session stays, STATUS:CANCELLED, the others confirmed", func(t *testing.T) {
		api.Clock.Advance(time.Minute)
		api.Mutate(t, demo.Coordinator, cancelSessionDoc, in(map[string]any{"sessionID": sessions[3].ID, "reason": "Salle indisponible"})).WantOK(t)
		after := feed()
		for i := range sessions {
			want := "CONFIRMED"
			if i == 3 {
				want = "CANCELLED"
			}
			if after[uid(i)] == nil {
				t.Fatalf("session %d left the feed", i)
			}
			if got := value(after[uid(i)], ics.ComponentPropertyStatus); got != want {
				t.Errorf("session %d: STATUS %s, want %s", i, got, want)
			}
		}
	})
	t.Run("a cancelled series' sessions all stay, STATUS:CANCELLED", func(t *testing.T) {
		api.Clock.Advance(time.Minute)
		api.Mutate(t, demo.Coordinator, cancelSeriesDoc, in(map[string]any{"seriesID": s.ID, "reason": "Fermeture de l'école"})).WantOK(t)
		after := feed()
		for i := range sessions {
			e := after[uid(i)]
			if e == nil {
				t.Fatalf("session %d left the feed", i)
			}
			if value(e, ics.ComponentPropertyStatus) != "CANCELLED" || seq(e) <= seq(before[uid(i)]) {
				t.Errorf("session %d: STATUS %s, SEQUENCE %d", i, value(e, ics.ComponentPropertyStatus), seq(e))
			}
		}
	})
}
