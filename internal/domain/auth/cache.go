package auth

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// TokenCache says how long a verified token is trusted without the
// database, and where its invalidations travel.
type TokenCache struct {
	// TTL is how long a verified token stays trusted (0: no cache).
	TTL time.Duration
	// Dialect and URL name the database: on PostgreSQL, revocations,
	// expiries and removals reach every portal process at once through
	// LISTEN/NOTIFY on URL; on SQLite, only this process.
	Dialect, URL string
	Logger       *slog.Logger
}

// WithTokenCache makes s keep verified tokens for cfg.TTL, so that a
// request costs no database round trip to authenticate. Every change of a
// token, a membership or a person ends the trust at once, in every
// process (see cache_invalidation.go); a token's expiry bounds its entry.
func (s *Service) WithTokenCache(cfg TokenCache) *Service {
	if cfg.TTL <= 0 {
		return s
	}
	c := &tokenCache{ttl: cfg.TTL, entries: map[string]cached{}}
	c.bus = newInvalidations(c, cfg.Dialect == dialect.Postgres, cfg.URL, cfg.Logger)
	c.bus.install(s.client)
	s.cache = c
	return s
}

// Close stops listening for invalidations.
func (s *Service) Close() {
	if s.cache != nil {
		s.cache.bus.close()
	}
}

// AuthenticateFresh is Authenticate from the database, whatever the cache
// holds.
func (s *Service) AuthenticateFresh(ctx context.Context, secret string) (*viewer.Viewer, error) {
	v, _, err := s.authenticate(ctx, secret)
	return v, err
}

// Authenticate resolves a bearer secret to the viewer it stands for, with
// the person's current memberships: from the cache while it trusts the
// token, else from the database.
func (s *Service) Authenticate(ctx context.Context, secret string) (*viewer.Viewer, error) {
	if s.cache == nil {
		return s.AuthenticateFresh(ctx, secret)
	}
	c := s.cache
	key := string(digest(secret))
	now := s.client.Clock.Now()
	if v, ok := c.get(key, now); ok {
		return v, nil
	}
	// An invalidation between the read and the store must win: the store
	// is dropped when one happened since this generation.
	gen := c.generation()
	v, expires, err := s.authenticate(ctx, secret)
	if err != nil {
		return nil, err
	}
	if c.bus.listening() {
		until := now.Add(c.ttl)
		if expires.Before(until) {
			until = expires
		}
		c.put(key, v, until, gen)
	}
	return copyViewer(v), nil
}

// tokenCache holds verified tokens by the digest of their secret.
type tokenCache struct {
	ttl time.Duration
	bus *invalidations

	mu      sync.Mutex
	gen     uint64
	entries map[string]cached
}

type cached struct {
	viewer *viewer.Viewer
	until  time.Time
}

func (c *tokenCache) get(key string, now time.Time) (*viewer.Viewer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	if !now.Before(e.until) {
		delete(c.entries, key)
		return nil, false
	}
	return copyViewer(e.viewer), true
}

func (c *tokenCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *tokenCache) put(key string, v *viewer.Viewer, until time.Time, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.entries) > maxEntries {
		// Many tokens in a few seconds: start again rather than grow.
		clear(c.entries)
	}
	c.entries[key] = cached{viewer: copyViewer(v), until: until}
}

// maxEntries bounds the cache's memory (a viewer is a few hundred bytes).
const maxEntries = 100_000

// invalidate forgets one token (by its ID), or every token for "".
func (c *tokenCache) invalidate(tokenID pulid.ID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if tokenID == "" {
		clear(c.entries)
		return
	}
	for k, e := range c.entries {
		if e.viewer.TokenID == tokenID {
			delete(c.entries, k)
		}
	}
}

// copyViewer gives each request a viewer of its own.
func copyViewer(v *viewer.Viewer) *viewer.Viewer {
	out := *v
	out.Memberships = slices.Clone(v.Memberships)
	return &out
}
