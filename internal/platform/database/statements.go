package database

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	lru "github.com/hashicorp/golang-lru/v2/simplelru"
)

// DefaultStatementCache is how many statements a PostgreSQL pool keeps
// prepared (the URL's statement_cache_capacity changes it; 0 turns the
// cache off, for a pooler that cannot keep prepared statements).
const DefaultStatementCache = 256

// preparingDriver is the ent driver of a PostgreSQL pool that prepares
// each statement once per connection and reuses it, as pgx does by
// default. lib/pq otherwise sends a statement with arguments in two round
// trips (parse and describe, then bind and execute) and PostgreSQL plans
// it again every time; a prepared one costs one round trip and, once
// PostgreSQL settles on a generic plan, no planning. ent writes the same
// text for the same query shape, so a few hundred entries cover the
// portal's requests. Statements without arguments keep lib/pq's simple
// protocol, which is already one round trip and allows several commands.
type preparingDriver struct {
	entsql.Conn
	pool    *sql.DB
	cache   *statementCache
	dialect string
}

func newPreparingDriver(dialectName string, pool *sql.DB, capacity int) (*preparingDriver, error) {
	cache := &statementCache{pool: pool}
	entries, err := lru.NewLRU(capacity, cache.evicted)
	if err != nil {
		return nil, err
	}
	cache.entries = entries
	return &preparingDriver{
		Conn:    entsql.Conn{ExecQuerier: poolStatements{pool: pool, cache: cache}},
		pool:    pool,
		cache:   cache,
		dialect: dialectName,
	}, nil
}

func (d *preparingDriver) Dialect() string { return d.dialect }

func (d *preparingDriver) Close() error { return d.pool.Close() }

func (d *preparingDriver) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

// BeginTx serves the ent client's BeginTx: the transaction's statements
// come from the same cache, bound to the transaction's connection.
func (d *preparingDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	tx, err := d.pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &entsql.Tx{Conn: entsql.Conn{ExecQuerier: txStatements{tx: tx, cache: d.cache}}, Tx: tx}, nil
}

// statementCache holds the prepared statements of a pool, by text, the
// least recently used dropped first. A statement dropped while a caller
// still holds it is closed when the last one lets it go (database/sql
// itself keeps it for the rows still being read).
type statementCache struct {
	pool *sql.DB
	mu   sync.Mutex
	// entries and the counts of the statements they hold are guarded by
	// mu; closing is done outside it, as it talks to the server.
	entries *lru.LRU[string, *statement]
	closing []*statement
	// warming holds the texts being prepared for a transaction.
	warming sync.Map
}

// statement is a cached statement and how many callers hold it.
type statement struct {
	stmt    *sql.Stmt
	holders int
	dropped bool
}

// evicted is the LRU's eviction callback; mu is held.
func (c *statementCache) evicted(_ string, s *statement) {
	s.dropped = true
	if s.holders == 0 {
		c.closing = append(c.closing, s)
	}
}

// closeDropped closes the statements dropped and no longer held; mu is
// not held.
func (c *statementCache) closeDropped() {
	c.mu.Lock()
	closing := c.closing
	c.closing = nil
	c.mu.Unlock()
	for _, s := range closing {
		_ = s.stmt.Close()
	}
}

// hold returns the cached statement of query, held, if there is one.
func (c *statementCache) hold(query string) (*statement, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.entries.Get(query)
	if ok {
		s.holders++
	}
	return s, ok
}

// release lets go of a statement hold or get returned.
func (c *statementCache) release(s *statement) {
	c.mu.Lock()
	s.holders--
	last := s.dropped && s.holders == 0
	if last {
		c.closing = append(c.closing, s)
	}
	c.mu.Unlock()
	if last {
		c.closeDropped()
	}
}

// get returns the statement of query, held, preparing it on the pool if
// it is not cached.
func (c *statementCache) get(ctx context.Context, query string) (*statement, error) {
	if s, ok := c.hold(query); ok {
		return s, nil
	}
	prepared, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	s, found := c.entries.Get(query)
	if found {
		// Another request prepared it meanwhile: keep one.
		c.closing = append(c.closing, &statement{stmt: prepared})
	} else {
		s = &statement{stmt: prepared}
		c.entries.Add(query, s)
	}
	s.holders++
	c.mu.Unlock()
	c.closeDropped()
	return s, nil
}

// warm prepares query on the pool in the background. A transaction that
// misses the cache cannot wait for it: preparing takes a second
// connection, which a full pool of transactions would never free.
func (c *statementCache) warm(query string) {
	if _, busy := c.warming.LoadOrStore(query, struct{}{}); busy {
		return
	}
	go func() {
		defer c.warming.Delete(query)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if s, err := c.get(ctx, query); err == nil {
			c.release(s)
		} // a failure leaves the text unprepared, as before
	}()
}

// poolStatements runs statements on the pool.
type poolStatements struct {
	pool  *sql.DB
	cache *statementCache
}

func (p poolStatements) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if len(args) == 0 {
		return p.pool.ExecContext(ctx, query)
	}
	s, err := p.cache.get(ctx, query)
	if err != nil {
		return nil, err
	}
	defer p.cache.release(s)
	return s.stmt.ExecContext(ctx, args...)
}

func (p poolStatements) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if len(args) == 0 {
		return p.pool.QueryContext(ctx, query)
	}
	s, err := p.cache.get(ctx, query)
	if err != nil {
		return nil, err
	}
	defer p.cache.release(s)
	return s.stmt.QueryContext(ctx, args...)
}

// txStatements runs statements in a transaction. The transaction's copy
// of a cached statement reuses what its connection already prepared, and
// is closed with the transaction; a statement not cached yet runs as
// lib/pq runs it, while the pool prepares it for the next time.
type txStatements struct {
	tx    *sql.Tx
	cache *statementCache
}

func (t txStatements) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, ok := t.held(query, args)
	if !ok {
		return t.tx.ExecContext(ctx, query, args...)
	}
	defer t.cache.release(s)
	return t.tx.StmtContext(ctx, s.stmt).ExecContext(ctx, args...)
}

func (t txStatements) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, ok := t.held(query, args)
	if !ok {
		return t.tx.QueryContext(ctx, query, args...)
	}
	defer t.cache.release(s)
	return t.tx.StmtContext(ctx, s.stmt).QueryContext(ctx, args...)
}

// held is the cached statement of query, held, or false (and the pool
// starts preparing it) when there is none or query has no arguments.
func (t txStatements) held(query string, args []any) (*statement, bool) {
	if len(args) == 0 {
		return nil, false
	}
	if s, ok := t.cache.hold(query); ok {
		return s, true
	}
	t.cache.warm(query)
	return nil, false
}
