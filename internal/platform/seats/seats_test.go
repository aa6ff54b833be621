package seats_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/server"
)

// message is a graphql-transport-ws message.
type message struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsClient speaks graphql-transport-ws to a portal.
type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
}

// dial opens a WebSocket and sends connection_init with the token.
func dial(ctx context.Context, t *testing.T, api *apitest.API, token string) *wsClient {
	t.Helper()
	url := "ws" + strings.TrimPrefix(api.Server.URL, "http") + server.GraphQLPath
	conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = conn.CloseNow() })
	c := &wsClient{t: t, conn: conn}
	init, _ := json.Marshal(map[string]string{"Authorization": "Bearer " + token})
	c.send(ctx, message{Type: "connection_init", Payload: init})
	return c
}

func (c *wsClient) send(ctx context.Context, m message) {
	c.t.Helper()
	if err := wsjson.Write(ctx, c.conn, m); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// read returns the next message that is not a keep-alive.
func (c *wsClient) read(ctx context.Context) (message, error) {
	for {
		var m message
		if err := wsjson.Read(ctx, c.conn, &m); err != nil {
			return m, err
		}
		if m.Type != "ping" && m.Type != "pong" {
			return m, nil
		}
	}
}

type seats struct {
	SeatsChanged struct{ FreeSeats, WaitingCount int }
}

// next reads the next seats update of subscription "1".
func (c *wsClient) next(ctx context.Context) seats {
	c.t.Helper()
	m, err := c.read(ctx)
	if err != nil || m.Type != "next" {
		c.t.Fatalf("want a next message, got %+v (%v)", m, err)
	}
	var p struct {
		Data   seats
		Errors []any
	}
	if err := json.Unmarshal(m.Payload, &p); err != nil || len(p.Errors) > 0 {
		c.t.Fatalf("payload %s (%v)", m.Payload, err)
	}
	return p.Data
}

func TestSeatsArePushedLive(t *testing.T) {
	api := apitest.New(t)
	// On PostgreSQL the booking goes through a second portal process and
	// reaches the subscriber through LISTEN/NOTIFY; SQLite is one process.
	booker := api
	if api.DB.IsPostgres() {
		booker = api.Another(t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	c := dial(ctx, t, api, api.Token(t, demo.PartnerStaff))
	if m, err := c.read(ctx); err != nil || m.Type != "connection_ack" {
		t.Fatalf("want connection_ack, got %+v (%v)", m, err)
	}
	sub, _ := json.Marshal(map[string]any{
		"query":     `subscription($id: ID!) { seatsChanged(seriesID: $id) { freeSeats waitingCount } }`,
		"variables": map[string]any{"id": api.Demo.SeriesID},
	})
	c.send(ctx, message{ID: "1", Type: "subscribe", Payload: sub})

	// The demo series: six seats, all confirmed, one child waiting.
	if got := c.next(ctx).SeatsChanged; got.FreeSeats != 0 || got.WaitingCount != 1 {
		t.Fatalf("first update %+v, want 0 free and 1 waiting", got)
	}
	var data struct {
		BookChildren struct {
			Errors []struct{ Code string }
		}
	}
	booker.MustSucceed(t, booker.Token(t, demo.PartnerStaff), `mutation($input: BookChildrenInput!) {
		bookChildren(input: $input) { errors { code } } }`, map[string]any{"input": map[string]any{
		"seriesID": api.Demo.SeriesID, "policy": "CONFIRM_WHAT_FITS", "idempotencyKey": "live-1",
		"newChildren": []map[string]any{{"firstName": "Yanis", "birthDate": api.Clock.Now().AddDate(-8, 0, 0).Format(time.DateOnly) + "T00:00:00Z"}},
	}}, &data)
	if len(data.BookChildren.Errors) > 0 {
		t.Fatalf("booking: %+v", data.BookChildren.Errors)
	}
	if got := c.next(ctx).SeatsChanged; got.FreeSeats != 0 || got.WaitingCount != 2 {
		t.Fatalf("after the booking %+v, want 0 free and 2 waiting", got)
	}
}

func TestAWebSocketWithABadTokenIsRefused(t *testing.T) {
	api := apitest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := dial(ctx, t, api, "not-a-token")
	m, err := c.read(ctx)
	if err == nil {
		t.Fatalf("the server answered %+v to a bad token", m)
	}
	if status := websocket.CloseStatus(err); status != 4403 {
		t.Fatalf("closed with %v (%d), want 4403 Forbidden", err, status)
	}
}
