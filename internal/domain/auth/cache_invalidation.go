package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// tokensChannel is the PostgreSQL channel of the token cache's
// invalidations. A payload is "<token ID> <nonce>", or "* <nonce>" for
// every token; each listening process, once it has applied one, answers
// "ack <nonce>", so that the announcing process knows when every process
// has forgotten the token.
const tokensChannel = "portal_tokens"

// listenQuery is what pq's listener sends, and so what pg_stat_activity
// shows for an idle listening connection: how the announcing process
// counts the processes to hear from.
var listenQuery = `LISTEN ` + pq.QuoteIdentifier(tokensChannel)

// ackTimeout bounds how long a write that invalidates waits, after its
// commit, for every listening process to apply it: then the next request
// anywhere refuses the token.
const ackTimeout = 2 * time.Second

// invalidations carries the cache's invalidations: announced by hooks on
// the mutations of tokens, memberships and people (in the mutation's
// transaction: heard only if it commits), heard by every process.
type invalidations struct {
	cache    *tokenCache
	postgres bool
	url      string
	logger   *slog.Logger

	client *ent.Client

	mu       sync.Mutex
	listener *pq.Listener
	closed   bool
	waiting  map[string]*acks // by nonce
}

// acks counts the processes that applied one invalidation.
type acks struct {
	got, need int // need < 0: not known yet
	done      chan struct{}
}

func (a *acks) check() {
	if a.need >= 0 && a.got >= a.need {
		select {
		case <-a.done:
		default:
			close(a.done)
		}
	}
}

func newInvalidations(c *tokenCache, postgres bool, url string, logger *slog.Logger) *invalidations {
	if logger == nil {
		logger = slog.Default()
	}
	return &invalidations{cache: c, postgres: postgres, url: url, logger: logger, waiting: map[string]*acks{}}
}

// install adds the hooks that announce a change. A token's update or
// deletion invalidates that token; a new, changed or removed membership,
// a changed or deleted person, or a change of many tokens at once
// invalidates every token (rare, and costs a few look-ups).
func (b *invalidations) install(client *ent.Client) {
	b.client = client
	client.AccessToken.Use(b.hook(func(m ent.Mutation) (pulid.ID, bool) {
		if m.Op().Is(ent.OpCreate) {
			return "", false
		}
		if t, ok := m.(*ent.AccessTokenMutation); ok && m.Op().Is(ent.OpUpdateOne|ent.OpDeleteOne) {
			if id, ok := t.ID(); ok {
				return id, true
			}
		}
		return "", true
	}))
	everything := func(ent.Mutation) (pulid.ID, bool) { return "", true }
	client.Membership.Use(b.hook(everything))
	client.Person.Use(b.hook(func(m ent.Mutation) (pulid.ID, bool) { return "", !m.Op().Is(ent.OpCreate) }))
}

func (b *invalidations) hook(scope func(ent.Mutation) (pulid.ID, bool)) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if tokenID, ok := scope(m); ok {
				if err := b.announce(ctx, m, tokenID); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}
}

// announce invalidates tokenID ("" for all) here once the mutation's
// transaction commits, and on PostgreSQL in every listening process,
// whose acknowledgements it waits for after the commit.
func (b *invalidations) announce(ctx context.Context, m ent.Mutation, tokenID pulid.ID) error {
	var nonce string
	var wait *acks
	if b.postgres {
		if err := b.listen(); err != nil {
			return err
		}
		raw := make([]byte, 8)
		_, _ = rand.Read(raw)
		nonce = hex.EncodeToString(raw)
		key := string(tokenID)
		if key == "" {
			key = "*"
		}
		wait = &acks{need: -1, done: make(chan struct{})}
		b.mu.Lock()
		b.waiting[nonce] = wait
		b.mu.Unlock()
		client := m.(interface{ Client() *ent.Client }).Client()
		if _, err := client.ExecContext(ctx, "SELECT pg_notify($1, $2)", tokensChannel, key+" "+nonce); err != nil {
			b.forget(nonce)
			return err
		}
	}
	done := func(ctx context.Context, committed bool) {
		if committed {
			b.cache.invalidate(tokenID)
		}
		if wait == nil {
			return
		}
		defer b.forget(nonce)
		if !committed {
			return
		}
		need, err := b.listeners(ctx)
		if err != nil {
			b.logger.Warn("auth: counting the processes to invalidate tokens in", "error", err)
			return
		}
		b.mu.Lock()
		wait.need = need
		wait.check()
		b.mu.Unlock()
		select {
		case <-wait.done:
		case <-time.After(ackTimeout):
			b.logger.Warn("auth: token invalidation not acknowledged by every process", "timeout", ackTimeout)
		}
	}
	if tx := ent.TxFromContext(ctx); tx != nil {
		tx.OnCommit(func(next ent.Committer) ent.Committer {
			return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
				err := next.Commit(ctx, tx)
				done(ctx, err == nil)
				return err
			})
		})
		tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
			return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
				done(ctx, false)
				return next.Rollback(ctx, tx)
			})
		})
		return nil
	}
	done(ctx, true)
	return nil
}

// listeners counts the connections listening for invalidations on the
// database, this process's included.
func (b *invalidations) listeners(ctx context.Context) (int, error) {
	rows, err := b.client.QueryContext(context.WithoutCancel(ctx),
		`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = $1`, listenQuery)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

func (b *invalidations) forget(nonce string) {
	b.mu.Lock()
	delete(b.waiting, nonce)
	b.mu.Unlock()
}

// listening reports whether entries may be stored: always on SQLite (one
// process), on PostgreSQL only while this process hears invalidations.
func (b *invalidations) listening() bool {
	if !b.postgres {
		return true
	}
	if err := b.listen(); err != nil {
		b.logger.Warn("auth: token cache off, not listening", "error", err)
		return false
	}
	return true
}

// listen opens the LISTEN connection once, on first use.
func (b *invalidations) listen() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return fmt.Errorf("auth: token cache closed")
	}
	if b.listener != nil {
		return nil
	}
	l := pq.NewListener(b.url, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			b.logger.Warn("auth: token invalidations listener", "event", ev, "error", err)
		}
	})
	done := make(chan error, 1)
	go func() { done <- l.Listen(tokensChannel) }()
	select {
	case err := <-done:
		if err != nil {
			_ = l.Close()
			return fmt.Errorf("auth: listening: %w", err)
		}
	case <-time.After(10 * time.Second):
		_ = l.Close()
		return fmt.Errorf("auth: listening: no answer from the database")
	}
	b.listener = l
	go b.dispatch(l)
	return nil
}

// dispatch applies the invalidations heard until the listener closes,
// and acknowledges each. A nil notification means the connection was
// re-established and some may have been missed: every token is forgotten.
func (b *invalidations) dispatch(l *pq.Listener) {
	for n := range l.Notify {
		if n == nil {
			b.cache.invalidate("")
			continue
		}
		key, nonce, _ := strings.Cut(n.Extra, " ")
		if key == "ack" {
			b.mu.Lock()
			if a, ok := b.waiting[nonce]; ok {
				a.got++
				a.check()
			}
			b.mu.Unlock()
			continue
		}
		if key == "*" {
			key = ""
		}
		b.cache.invalidate(pulid.ID(key))
		go b.ack(nonce)
	}
}

func (b *invalidations) ack(nonce string) {
	ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
	defer cancel()
	if _, err := b.client.ExecContext(ctx, "SELECT pg_notify($1, $2)", tokensChannel, "ack "+nonce); err != nil {
		b.logger.Warn("auth: acknowledging a token invalidation", "error", err)
	}
}

func (b *invalidations) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	if b.listener != nil {
		_ = b.listener.Close()
		b.listener = nil
	}
}
