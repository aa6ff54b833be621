package pubsub

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

// listenTimeout bounds the wait for the LISTEN connection.
const listenTimeout = 10 * time.Second

// Hub announces changes of records on one channel and fans them out to
// the subscribers of each record.
type Hub struct {
	channel  string
	postgres bool
	url      string
	logger   *slog.Logger

	mu       sync.Mutex
	subs     map[pulid.ID]map[chan struct{}]struct{}
	count    int
	listener *pq.Listener
}

// New returns a hub on channel for a database of the given dialect; url
// is the PostgreSQL URL to LISTEN on (unused on SQLite).
func New(channel, dialectName, url string, logger *slog.Logger) *Hub {
	return &Hub{
		channel:  channel,
		postgres: dialectName == dialect.Postgres,
		url:      url,
		logger:   logger,
		subs:     map[pulid.ID]map[chan struct{}]struct{}{},
	}
}

// Announce records that the record id changes through client (tx's
// client within a transaction); subscribers hear of it once (and only if)
// it commits: PostgreSQL delivers a NOTIFY on commit, and on SQLite the
// signal waits for tx's commit.
func (h *Hub) Announce(ctx context.Context, client *ent.Client, tx *ent.Tx, id pulid.ID) error {
	if h.postgres {
		_, err := client.ExecContext(ctx, "SELECT pg_notify($1, $2)", h.channel, string(id))
		return err
	}
	if tx != nil {
		tx.OnCommit(func(next ent.Committer) ent.Committer {
			return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
				err := next.Commit(ctx, tx)
				if err == nil {
					h.signal(id)
				}
				return err
			})
		})
		return nil
	}
	h.signal(id)
	return nil
}

// Subscribe returns a channel that receives a signal after each announced
// change of the record (coalesced when the reader is slow), until ctx ends.
// On PostgreSQL it returns once the process LISTENs.
func (h *Hub) Subscribe(ctx context.Context, id pulid.ID) (<-chan struct{}, error) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.postgres && h.listener == nil {
		if err := h.listen(); err != nil {
			return nil, err
		}
	}
	if h.subs[id] == nil {
		h.subs[id] = map[chan struct{}]struct{}{}
	}
	h.subs[id][ch] = struct{}{}
	h.count++
	go func() {
		<-ctx.Done()
		h.unsubscribe(id, ch)
	}()
	return ch, nil
}

func (h *Hub) unsubscribe(id pulid.ID, ch chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs[id], ch)
	if len(h.subs[id]) == 0 {
		delete(h.subs, id)
	}
	h.count--
	if h.count == 0 && h.listener != nil {
		// The last subscriber left: give the connection back.
		_ = h.listener.Close()
		h.listener = nil
	}
}

// listen opens the LISTEN connection; h.mu is held.
func (h *Hub) listen() error {
	l := pq.NewListener(h.url, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			h.logger.Warn("pubsub: listener", "channel", h.channel, "event", ev, "error", err)
		}
	})
	// Listen blocks until the server acknowledges, retrying the connection
	// forever: bound the wait, so that a subscription fails rather than hangs.
	done := make(chan error, 1)
	go func() { done <- l.Listen(h.channel) }()
	select {
	case err := <-done:
		if err != nil {
			_ = l.Close()
			return fmt.Errorf("pubsub: listening on %s: %w", h.channel, err)
		}
	case <-time.After(listenTimeout):
		_ = l.Close()
		return fmt.Errorf("pubsub: listening on %s: no answer from the database in %s", h.channel, listenTimeout)
	}
	h.listener = l
	go h.dispatch(l)
	return nil
}

// dispatch forwards notifications until the listener closes. A nil
// notification means the connection was re-established and some may have
// been missed: every subscriber is told to look again.
func (h *Hub) dispatch(l *pq.Listener) {
	for n := range l.Notify {
		if n == nil {
			h.signalAll()
			continue
		}
		h.signal(pulid.ID(n.Extra))
	}
}

func (h *Hub) signal(id pulid.ID) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[id] {
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
