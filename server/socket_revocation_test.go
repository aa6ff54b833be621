package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/server"
)

// wsMessage is a graphql-transport-ws message.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

type socket struct {
	t    *testing.T
	conn *websocket.Conn
}

// openSocket connects with the token and waits for the acknowledgement.
func openSocket(ctx context.Context, t *testing.T, api *apitest.API, token string) *socket {
	t.Helper()
	url := "ws" + strings.TrimPrefix(api.Server.URL, "http") + server.GraphQLPath
	conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = conn.CloseNow() })
	s := &socket{t: t, conn: conn}
	init, _ := json.Marshal(map[string]string{"Authorization": "Bearer " + token})
	s.send(ctx, wsMessage{Type: "connection_init", Payload: init})
	if m, err := s.read(ctx); err != nil || m.Type != "connection_ack" {
		t.Fatalf("want connection_ack, got %+v (%v)", m, err)
	}
	return s
}

func (s *socket) send(ctx context.Context, m wsMessage) {
	s.t.Helper()
	if err := wsjson.Write(ctx, s.conn, m); err != nil {
		s.t.Fatalf("write: %v", err)
	}
}

func (s *socket) subscribe(ctx context.Context, id, query string, variables map[string]any) {
	s.t.Helper()
	p, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	s.send(ctx, wsMessage{ID: id, Type: "subscribe", Payload: p})
}

// read returns the next message that is not a keep-alive.
func (s *socket) read(ctx context.Context) (wsMessage, error) {
	for {
		var m wsMessage
		if err := wsjson.Read(ctx, s.conn, &m); err != nil {
			return m, err
		}
		if m.Type != "ping" && m.Type != "pong" {
			return m, nil
		}
	}
}

// wantClosed reads until the server closes the socket, within a short
// bounded wait, with 4403 and a French reason; it returns the messages
// received before.
func (s *socket) wantClosed(t *testing.T) []wsMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var got []wsMessage
	for {
		m, err := s.read(ctx)
		if err == nil {
			got = append(got, m)
			continue
		}
		var ce websocket.CloseError
		if status := websocket.CloseStatus(err); status != 4403 {
			t.Fatalf("want the socket closed with 4403 at once, got %v (status %d) after %+v", err, status, got)
		}
		if errorsAs(err, &ce) && !strings.Contains(ce.Reason, "jeton") && !strings.Contains(ce.Reason, "droits") {
			t.Fatalf("close reason %q is not the French message", ce.Reason)
		}
		return got
	}
}

// stillOpen runs a query over the socket and expects an answer.
func (s *socket) stillOpen(t *testing.T, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.subscribe(ctx, id, `{ viewer { id } }`, nil)
	for {
		m, err := s.read(ctx)
		if err != nil {
			t.Fatalf("the socket of someone else closed: %v", err)
		}
		if m.ID == id && m.Type == "next" {
			if strings.Contains(string(m.Payload), "errors") {
				t.Fatalf("refused: %s", m.Payload)
			}
			return
		}
	}
}

const seatsChanged = `subscription($id: ID!) { seatsChanged(seriesID: $id) { freeSeats } }`

// noRecheck leaves only the announced revocations (and the per-operation
// check) to close a socket: the periodic safety net would not fire within
// the tests' waits.
var noRecheck = apitest.WithConfig(func(c *config.Config) { c.SocketRecheck = time.Hour })

// elsewhere is the portal process that revokes: on PostgreSQL a second
// one, so that the revocation reaches the first through LISTEN/NOTIFY.
func elsewhere(t *testing.T, api *apitest.API) *apitest.API {
	if api.DB.IsPostgres() {
		return api.Another(t)
	}
	return api
}

func TestARevokedTokenClosesItsOpenSocketsAtOnce(t *testing.T) {
	api := apitest.New(t, noRecheck)
	other := elsewhere(t, api)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	staff := openSocket(ctx, t, api, api.Token(t, demo.PartnerStaff))
	staff.subscribe(ctx, "1", seatsChanged, map[string]any{"id": api.Demo.SeriesID})
	if m, err := staff.read(ctx); err != nil || m.Type != "next" {
		t.Fatalf("want the first seats, got %+v (%v)", m, err)
	}
	educator := openSocket(ctx, t, api, api.Token(t, demo.Educator))

	tokenID := api.DB.Client.AccessToken.Query().
		Where(accesstoken.PersonID(api.Demo.People[demo.PartnerStaff])).FirstIDX(viewer.SystemContext(ctx))
	other.MustSucceed(t, other.Token(t, demo.Coordinator),
		`mutation($id: ID!) { revokeAccessToken(input: {tokenID: $id}) { errors { code } } }`, map[string]any{"id": tokenID}, nil)

	staff.wantClosed(t)
	t.Run("a new operation on it is refused", func(t *testing.T) {
		p, _ := json.Marshal(map[string]any{"query": `{ viewer { id } }`})
		if err := wsjson.Write(ctx, staff.conn, wsMessage{ID: "2", Type: "subscribe", Payload: p}); err == nil {
			if m, err := staff.read(ctx); err == nil {
				t.Fatalf("the closed socket answered %+v", m)
			}
		}
	})
	t.Run("someone else's socket stays open", func(t *testing.T) { educator.stillOpen(t, "e1") })
}

func TestRemovingAPersonClosesTheirSocketsAtOnce(t *testing.T) {
	api := apitest.New(t, noRecheck)
	other := elsewhere(t, api)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	prescriber := openSocket(ctx, t, api, api.Token(t, demo.Prescriber))
	prescriber.stillOpen(t, "p1")

	m := api.DB.Client.Membership.Query().
		Where(membership.PersonID(api.Demo.People[demo.Prescriber])).OnlyX(viewer.SystemContext(ctx))
	var got struct {
		RemovePerson struct{ Errors []struct{ Code string } }
	}
	other.MustSucceed(t, other.Token(t, demo.Coordinator),
		`mutation($id: ID!) { removePerson(input: {membershipID: $id}) { errors { code } } }`, map[string]any{"id": m.ID}, &got)
	if len(got.RemovePerson.Errors) > 0 {
		t.Fatalf("removal: %+v", got.RemovePerson.Errors)
	}
	prescriber.wantClosed(t)
}

func TestAnExpiredTokenRunsNothingMoreOnItsSocket(t *testing.T) {
	api := apitest.New(t, noRecheck)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	staff := openSocket(ctx, t, api, api.Token(t, demo.PartnerStaff))
	staff.stillOpen(t, "s1")

	// The portal's clock passes the expiry without a notification nor a
	// timer firing: only the check before the next operation sees it.
	api.Clock.Advance(demo.TokenTTL + time.Hour)
	staff.subscribe(ctx, "2", `mutation { revokeAccessToken(input: {tokenID: "`+string(pulid.ID("x"))+`"}) { errors { code } } }`, nil)
	refused := false
	for _, m := range staff.wantClosed(t) {
		refused = refused || m.ID == "2" && m.Type == "next" && strings.Contains(string(m.Payload), `"UNAUTHENTICATED"`) &&
			!strings.Contains(string(m.Payload), `"data":{`)
	}
	if !refused {
		t.Fatal("want the mutation refused with UNAUTHENTICATED, without data, before the close")
	}
}

func errorsAs(err error, target *websocket.CloseError) bool {
	return errors.As(err, target)
}

func TestThePeriodicRecheckClosesASocketWhoseRevocationWasNotAnnounced(t *testing.T) {
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.SocketRecheck = 200 * time.Millisecond }))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	staff := openSocket(ctx, t, api, api.Token(t, demo.PartnerStaff))
	staff.stillOpen(t, "s1")
	// Written behind the portal's back: no hook, no notification.
	query := `UPDATE access_tokens SET revoked_at = expires_at WHERE person_id = ?`
	if api.DB.IsPostgres() {
		query = strings.Replace(query, "?", "$1", 1)
	}
	if _, err := api.DB.SQL.ExecContext(ctx, query, string(api.Demo.People[demo.PartnerStaff])); err != nil {
		t.Fatal(err)
	}
	staff.wantClosed(t)
}

func TestAChangeOfRightsClosesTheSocketsOpenedWithTheOldOnes(t *testing.T) {
	api := apitest.New(t, noRecheck)
	other := elsewhere(t, api)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sys := viewer.SystemContext(ctx)
	staffID := api.Demo.People[demo.PartnerStaff]
	email := api.DB.Client.Person.GetX(sys, staffID).Email
	// The school's staff member becomes a prescriber of the council too.
	var invited struct {
		InvitePerson struct {
			Membership *struct{ ID pulid.ID }
			Errors     []struct{ Code string }
		}
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `mutation($in: InvitePersonInput!) { invitePerson(input: $in) { membership { id } errors { code } } }`,
		map[string]any{"in": map[string]any{"organisationID": api.Demo.DepartmentalCouncilID, "email": email, "role": "PRESCRIBER"}}, &invited)
	if invited.InvitePerson.Membership == nil {
		t.Fatalf("invitation: %+v", invited.InvitePerson.Errors)
	}
	second := invited.InvitePerson.Membership.ID
	token := api.Token(t, demo.PartnerStaff)

	for _, step := range []struct{ name, mutation, input string }{
		{"a change of role", "changeRole", `{membershipID: $id, role: PARTNER_STAFF}`},
		{"the end of one of two memberships", "removePerson", `{membershipID: $id}`},
	} {
		t.Run(step.name, func(t *testing.T) {
			s := openSocket(ctx, t, api, token)
			s.stillOpen(t, "before")
			res := other.Do(t, other.Token(t, demo.Coordinator),
				`mutation($id: ID!) { `+step.mutation+`(input: `+step.input+`) { errors { code } } }`, map[string]any{"id": second})
			if len(res.Errors) > 0 || strings.Contains(string(res.Data), `"code"`) {
				t.Fatalf("%s: %s %v", step.mutation, res.Data, res.Codes())
			}
			s.wantClosed(t)
			// The token itself still holds, with the rights left.
			api.MustSucceed(t, token, `{ viewer { id } }`, nil, nil)
		})
	}
}
