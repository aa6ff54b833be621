package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// CloseForbidden is the graphql-transport-ws close code of a socket whose
// token no longer holds (revoked, expired, its person removed): the same
// as a connection refused at init.
const CloseForbidden = 4403

// A socket checks its token again on each announced revocation of its
// person, at the token's expiry, every SocketRecheck as a safety net (a
// missed notification) and before each operation (socketRecheck): a
// revocation closes it at once, in whichever process holds it.

// socketSlot carries the accepted connection from the upgrade to the
// init message, so that a guard can close it with a code of its own
// (gqlgen closes a cancelled connection with 1000 only).
type socketSlot struct{ conn transport.WebsocketConn }

type slotKey struct{}

func withSocketSlot(ctx context.Context) context.Context {
	return context.WithValue(ctx, slotKey{}, &socketSlot{})
}

// guardedSockets fills the slot of the request it accepts.
type guardedSockets struct {
	inner transport.WebsocketImplementation
}

// Accept implements transport.WebsocketImplementation.
func (g guardedSockets) Accept(w http.ResponseWriter, r *http.Request, options transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	conn, err := g.inner.Accept(w, r, options)
	if slot, ok := r.Context().Value(slotKey{}).(*socketSlot); ok && err == nil {
		slot.conn = conn
	}
	return conn, err
}

// socketGuard watches the token of one authenticated socket.
type socketGuard struct {
	authn         authenticator
	clock         clock.Clock
	every         time.Duration
	logger        *slog.Logger
	authorization string
	viewer        *viewer.Viewer
	conn          transport.WebsocketConn

	once   sync.Once
	closed chan struct{}
}

type guardKey struct{}

func guardFrom(ctx context.Context) *socketGuard {
	g, _ := ctx.Value(guardKey{}).(*socketGuard)
	return g
}

// guardSocket starts watching the socket authenticated in ctx, if any: it
// returns once revocations are listened to, so that none is missed after
// the connection is acknowledged.
func guardSocket(ctx context.Context, authn authenticator, clk clock.Clock, every time.Duration, logger *slog.Logger, authorization string) context.Context {
	slot, _ := ctx.Value(slotKey{}).(*socketSlot)
	v := viewer.FromContext(ctx)
	if slot == nil || slot.conn == nil || v.IsAnonymous() {
		return ctx
	}
	if every <= 0 {
		every = 30 * time.Second
	}
	g := &socketGuard{authn: authn, clock: clk, every: every, logger: logger,
		authorization: authorization, viewer: v, conn: slot.conn, closed: make(chan struct{})}
	revoked, err := authn.auth.WatchRevocations(ctx, v.PersonID)
	if err != nil {
		// The periodic and per-operation checks still hold.
		logger.WarnContext(ctx, "websocket: revocations not heard", "error", err)
	}
	go g.watch(ctx, revoked)
	return context.WithValue(ctx, guardKey{}, g)
}

// watch checks the token whenever it may have changed, until the
// connection ends or the guard closes it.
func (g *socketGuard) watch(ctx context.Context, revoked <-chan struct{}) {
	ticker := time.NewTicker(g.every)
	defer ticker.Stop()
	var expiry <-chan time.Time
	if at, err := g.authn.auth.ExpiresAt(ctx, g.viewer.TokenID); err == nil {
		// A little past the expiry: the clock truncates what it reads.
		timer := time.NewTimer(at.Sub(g.clock.Now()) + 10*time.Millisecond)
		defer timer.Stop()
		expiry = timer.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-g.closed:
			return
		case <-revoked:
		case <-ticker.C:
		case <-expiry:
		}
		if e := g.check(ctx); e != nil && e.Code != apierror.Unavailable {
			g.close(ctx, e)
			return
		}
	}
}

// check authenticates the socket's token again: an error when it no
// longer holds, or no longer grants what the socket was opened with
// (a membership ended, changed or added: the client reconnects).
func (g *socketGuard) check(ctx context.Context) *apierror.Error {
	fresh, err := g.authn.freshViewerFor(ctx, g.authorization)
	if err != nil {
		e, _ := apierror.As(err)
		return e
	}
	if !sameMemberships(viewer.FromContext(fresh).Memberships, g.viewer.Memberships) {
		return apierror.New(apierror.Unauthenticated, "auth.socket_rights_changed")
	}
	return nil
}

func sameMemberships(a, b []viewer.Membership) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[viewer.Membership]int{}
	for _, m := range a {
		count[m]++
	}
	for _, m := range b {
		count[m]--
		if count[m] < 0 {
			return false
		}
	}
	return true
}

// close ends the socket with 4403 and the reason in the client's language.
func (g *socketGuard) close(ctx context.Context, e *apierror.Error) {
	g.once.Do(func() {
		close(g.closed)
		_ = g.conn.WriteClose(CloseForbidden, closeReason("Forbidden: "+e.Message(ctx)))
		_ = g.conn.Close()
	})
}

// closeReason fits a reason in a close frame (123 bytes), cutting between
// characters.
func closeReason(s string) string {
	const max = 123
	if len(s) <= max {
		return s
	}
	s = s[:max]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
