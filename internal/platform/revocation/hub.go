package revocation

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// Channel is the PostgreSQL notification channel; the payload is the
// person's ID.
const Channel = "token_revoked"

// listenTimeout bounds the wait for the LISTEN connection.
const listenTimeout = 10 * time.Second

// Hub announces revocations and fans them out to the watchers of a person.
type Hub struct {
	postgres bool
	url      string
	logger   *slog.Logger

	mu       sync.Mutex
	subs     map[pulid.ID]map[chan struct{}]struct{}
	count    int
	listener *pq.Listener
}

// New returns a hub for a database of the given dialect; url is the
// PostgreSQL URL to LISTEN on (unused on SQLite).
func New(dialectName, url string, logger *slog.Logger) *Hub {
	return &Hub{
		postgres: dialectName == dialect.Postgres,
		url:      url,
		logger:   logger,
		subs:     map[pulid.ID]map[chan struct{}]struct{}{},
	}
}

// Announce records that the tokens or memberships of a person change
// through client (a transaction's client within one); watchers hear of it
// once (and only if) it commits.
func (h *Hub) Announce(ctx context.Context, client *ent.Client, tx *ent.Tx, personID pulid.ID) error {
	if h.postgres {
		_, err := client.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, string(personID))
		return err
	}
	if tx != nil {
		tx.OnCommit(func(next ent.Committer) ent.Committer {
			return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
				err := next.Commit(ctx, tx)
				if err == nil {
					h.signal(personID)
				}
				return err
			})
		})
		return nil
	}
	h.signal(personID)
	return nil
}

// Watch returns a channel that receives a signal after each announced
// change for the person (coalesced when the reader is slow), until ctx
// ends. On PostgreSQL it returns once the process LISTENs.
func (h *Hub) Watch(ctx context.Context, personID pulid.ID) (<-chan struct{}, error) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.postgres && h.listener == nil {
		if err := h.listen(); err != nil {
			return nil, err
		}
	}
	if h.subs[personID] == nil {
		h.subs[personID] = map[chan struct{}]struct{}{}
	}
	h.subs[personID][ch] = struct{}{}
	h.count++
	go func() {
		<-ctx.Done()
		h.unsubscribe(personID, ch)
	}()
	return ch, nil
}

func (h *Hub) unsubscribe(personID pulid.ID, ch chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs[personID], ch)
	if len(h.subs[personID]) == 0 {
		delete(h.subs, personID)
	}
	h.count--
	if h.count == 0 && h.listener != nil {
		// The last socket left: give the connection back.
		_ = h.listener.Close()
		h.listener = nil
	}
}

// listen opens the LISTEN connection; h.mu is held.
func (h *Hub) listen() error {
	l := pq.NewListener(h.url, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			h.logger.Warn("revocation: listener", "event", ev, "error", err)
		}
	})
	// Listen retries the connection forever: bound the wait.
	done := make(chan error, 1)
	go func() { done <- l.Listen(Channel) }()
	select {
	case err := <-done:
		if err != nil {
			_ = l.Close()
			return fmt.Errorf("revocation: listening: %w", err)
		}
	case <-time.After(listenTimeout):
		_ = l.Close()
		return fmt.Errorf("revocation: listening: no answer from the database in %s", listenTimeout)
	}
	h.listener = l
	go h.dispatch(l)
	return nil
}

// dispatch forwards notifications until the listener closes. A nil
// notification means the connection was re-established and some may have
// been missed: every watcher is told to check again.
func (h *Hub) dispatch(l *pq.Listener) {
	for n := range l.Notify {
		if n == nil {
			h.signalAll()
			continue
		}
		h.signal(pulid.ID(n.Extra))
	}
}

func (h *Hub) signal(personID pulid.ID) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[personID] {
		select {
		case ch <- struct{}{}:
		default: // a signal is already pending
		}
	}
}

func (h *Hub) signalAll() {
	h.mu.Lock()
	ids := make([]pulid.ID, 0, len(h.subs))
	for id := range h.subs {
		ids = append(ids, id)
	}
	h.mu.Unlock()
	for _, id := range ids {
		h.signal(id)
	}
}
