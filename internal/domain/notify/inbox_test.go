package notify_test

import (
	"context"
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

	"github.com/emersion/go-smtp"

	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/outbox"
)

const markDoc = `mutation($in: MarkNotificationsReadInput!) { markNotificationsRead(input: $in) {
	marked unreadNotificationCount errors { code field } } }`

func TestReadingMarksNoticesRead(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var files []file
	for range 3 {
		files = append(files, requested(t, api, "MIP"))
		api.Clock.Advance(time.Minute)
	}
	list, unread, total := inbox(t, api, demo.Coordinator, false)
	if len(list) != 3 || unread != 3 || total != 3 {
		t.Fatalf("%d notices, %d unread, total %d; want 3 unread", len(list), unread, total)
	}
	t.Run("newest first", func(t *testing.T) {
		for i, n := range list {
			if want := files[len(files)-1-i].ID; *n.AccompanimentID != want {
				t.Fatalf("notice %d is about %s, want %s", i, *n.AccompanimentID, want)
			}
		}
	})
	t.Run("marking some read: the others stay unread, unreadOnly shows them alone", func(t *testing.T) {
		var got struct {
			Marked int `json:"marked"`
			Unread int `json:"unreadNotificationCount"`
		}
		api.Mutate(t, demo.Coordinator, markDoc, map[string]any{"in": map[string]any{"ids": []pulid.ID{list[0].ID, list[0].ID}}}).
			WantOK(t).Into(t, &got)
		if got.Marked != 1 || got.Unread != 2 {
			t.Fatalf("marked %d, %d unread; want 1 and 2", got.Marked, got.Unread)
		}
		unreadList, unread, total := inbox(t, api, demo.Coordinator, true)
		if len(unreadList) != 2 || unread != 2 || total != 2 || unreadList[0].ID != list[1].ID {
			t.Fatalf("unreadOnly: %+v, %d unread, total %d", unreadList, unread, total)
		}
		all, _, _ := inbox(t, api, demo.Coordinator, false)
		if all[0].ReadAt == nil || !all[0].ReadAt.Equal(api.Clock.Now()) || all[1].ReadAt != nil {
			t.Fatalf("read at %v, %v", all[0].ReadAt, all[1].ReadAt)
		}
	})
	t.Run("marking again keeps the first reading", func(t *testing.T) {
		first := api.Clock.Now()
		api.Clock.Advance(time.Hour)
		api.Mutate(t, demo.Coordinator, markDoc, map[string]any{"in": map[string]any{"all": true}}).WantOK(t)
		all, unread, _ := inbox(t, api, demo.Coordinator, false)
		if unread != 0 || !all[0].ReadAt.Equal(first) || !all[1].ReadAt.Equal(api.Clock.Now()) {
			t.Fatalf("%d unread, read at %v and %v", unread, all[0].ReadAt, all[1].ReadAt)
		}
	})
	t.Run("ids or all, not both nor neither", func(t *testing.T) {
		api.Mutate(t, demo.Coordinator, markDoc, map[string]any{"in": map[string]any{}}).WantCode(t, "BAD_USER_INPUT")
		api.Mutate(t, demo.Coordinator, markDoc, map[string]any{"in": map[string]any{"all": true, "ids": []pulid.ID{list[0].ID}}}).
			WantCode(t, "BAD_USER_INPUT")
	})
}

// Nobody reads, counts or marks another person's notices, whatever their
// role: the coordinator's notice does not exist for anyone else.
func TestNobodyReadsAnotherPersonsNotices(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	requested(t, api, "MIP")
	mine := api.DB.Client.Notification.Query().
		Where(notification.RecipientID(api.Demo.People[demo.Coordinator])).OnlyX(apitest.Sys)
	for _, account := range apitest.EveryAccount() {
		t.Run(account, func(t *testing.T) {
			var data struct {
				Node *struct {
					ID string `json:"id"`
				} `json:"node"`
			}
			res := api.Do(t, api.Token(t, account), `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": mine.ID})
			res.Decode(t, &data)
			if got := data.Node != nil; got != (account == demo.Coordinator) {
				t.Fatalf("node read: %v", got)
			}
			if account == apitest.Anonymous {
				api.Mutate(t, account, markDoc, map[string]any{"in": map[string]any{"all": true}}).WantCode(t, "UNAUTHENTICATED")
				return
			}
			list, unread, total := inbox(t, api, account, false)
			if account != demo.Coordinator && (len(list) != 0 || unread != 0 || total != 0) {
				t.Fatalf("read %d notices, %d unread, total %d", len(list), unread, total)
			}
			// Through another person's inbox: empty for all but its owner.
			var other struct {
				Node *struct {
					Count         int `json:"unreadNotificationCount"`
					Notifications struct {
						TotalCount int `json:"totalCount"`
					} `json:"notifications"`
					Prefs []any `json:"notificationPreferences"`
				} `json:"node"`
			}
			// A person they cannot read is not found; one they can has an
			// empty inbox for them.
			res = api.Do(t, api.Token(t, account), `query($id: ID!) { node(id: $id) { ... on Person {
				unreadNotificationCount notifications { totalCount } notificationPreferences { kind } } } }`,
				map[string]any{"id": api.Demo.People[demo.Coordinator]})
			if codes := res.Codes(); len(codes) > 0 && (len(codes) != 1 || codes[0] != "NOT_FOUND") {
				t.Fatalf("reading the coordinator: %v", codes)
			}
			res.Decode(t, &other)
			if account != demo.Coordinator && other.Node != nil && (other.Node.Count != 0 || other.Node.Notifications.TotalCount != 0 || len(other.Node.Prefs) != 0) {
				t.Fatalf("read the coordinator's inbox: %+v", other.Node)
			}
			if account != demo.Coordinator {
				api.Mutate(t, account, markDoc, map[string]any{"in": map[string]any{"ids": []pulid.ID{mine.ID}}}).WantCode(t, "NOT_FOUND")
				api.Mutate(t, account, markDoc, map[string]any{"in": map[string]any{"all": true}}).WantOK(t)
				if api.DB.Client.Notification.GetX(apitest.Sys, mine.ID).ReadAt != nil {
					t.Fatal("marked the coordinator's notice read")
				}
			}
		})
	}
}

// A page of notices costs the same number of SQL queries whatever its size.
func TestAnInboxPageCostsConstantQueries(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Coordinator)
	cost := func() int64 {
		api.DB.ResetQueries()
		var data any
		api.MustSucceed(t, token, inboxDoc, map[string]any{"unread": false, "first": 100}, &data)
		return api.DB.Queries()
	}
	requested(t, api, "MIP")
	cost() // the token's look-up, cached afterwards
	one := cost()
	for range 5 {
		requested(t, api, "MIP")
	}
	if six := cost(); six != one {
		t.Fatalf("%d queries for one notice, %d for six", one, six)
	}
}

// plainText is the text part of a mail, decoded as a mail client would.
func plainText(t *testing.T, raw string) string {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	parts := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := parts.NextPart()
		if err != nil {
			return ""
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/plain") {
			b, _ := io.ReadAll(p)
			return string(b)
		}
	}
}

// mailbox is a real SMTP server on loopback (emersion/go-smtp) keeping
// what it receives.
type mailbox struct {
	mu   sync.Mutex
	got  []string
	addr string
}

func (mb *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{mb: mb}, nil }

type session struct {
	mb *mailbox
	to string
}

func (s *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.mb.mu.Lock()
	s.mb.got = append(s.mb.got, s.to+"\n"+string(b))
	s.mb.mu.Unlock()
	return err
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func TestANoticeMailReachesTheMailServer(t *testing.T) {
	t.Parallel()
	mb := &mailbox{}
	srv := smtp.NewServer(mb)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	sender, err := outbox.NewSender("smtp://"+l.Addr().String()+"?from=portail@example.org", nil)
	if err != nil {
		t.Fatal(err)
	}

	api := apitest.New(t)
	a := requested(t, api, "MIP")
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := outbox.Dispatch(context.Background(), api.DB.Client, sender, logger); err != nil {
		t.Fatal(err)
	}
	ref := api.DB.Client.Family.GetX(apitest.Sys, a.FamilyID).Reference
	mb.mu.Lock()
	defer mb.mu.Unlock()
	want := email(t, api, demo.Coordinator)[0]
	for _, m := range mb.got {
		to, raw, _ := strings.Cut(m, "\n")
		if text := plainText(t, raw); to == want && strings.Contains(text, ref) {
			checkClean(t, text)
			if !strings.Contains(text, "préférences") {
				t.Fatalf("the mail does not say how to stop it: %q", text)
			}
			return
		}
	}
	t.Fatalf("no mail to %s naming %s among %d", want, ref, len(mb.got))
}
