// Package database opens the portal's database: an embedded SQLite file by
// default, PostgreSQL (through lib/pq) for a postgres:// URL. It owns the
// choice of driver, the connection settings and schema upgrades.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"  // PostgreSQL driver, registered as "postgres".
	_ "modernc.org/sqlite" // pure-Go SQLite driver, registered as "sqlite".

	"github.com/reseau-liens/portal/ent"
	_ "github.com/reseau-liens/portal/ent/runtime" // privacy policies and hooks
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// DefaultURL is where the portal keeps its data when no URL is configured.
const DefaultURL = "sqlite:data/portal.db"

// DB is an open database: the ent client and the pool underneath.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string
	// URL is the URL the database was opened with, for the connections
	// that live outside the pool (PostgreSQL LISTEN, see package seats).
	URL string
	// Clock is the portal's clock, which the client carries too
	// (Client.Clock).
	Clock clock.Clock
	// Driver is the ent driver the client was built on, before NewDB's
	// own decoration: what a client that counts or logs statements wraps.
	Driver dialect.Driver
}

// Open connects to the database at rawURL ("" for DefaultURL); its client
// tells the time by clk. Extra ent options are passed to the client.
func Open(rawURL string, clk clock.Clock, opts ...ent.Option) (*DB, error) {
	if rawURL == "" {
		rawURL = DefaultURL
	}
	driverName, dialectName, dsn, err := parse(rawURL)
	if err != nil {
		return nil, err
	}
	dsn, statementCache, err := statementCacheOf(dialectName, dsn)
	if err != nil {
		return nil, err
	}
	if dialectName == dialect.SQLite && !strings.Contains(dsn, ":memory:") {
		if err := enableWAL(context.Background(), dsn); err != nil {
			return nil, err
		}
	}
	pool, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	configurePool(pool, dialectName)
	var drv dialect.Driver = entsql.OpenDB(dialectName, pool)
	if statementCache > 0 {
		if drv, err = newPreparingDriver(dialectName, pool, statementCache); err != nil {
			return nil, err
		}
	}
	db := NewDB(pool, dialectName, drv, clk, opts...)
	db.URL = rawURL
	if dialectName == dialect.Postgres {
		db.URL = dsn // what lib/pq accepts, for the LISTEN connections
	}
	return db, nil
}

// statementCacheOf takes the statement_cache_capacity parameter out of a
// PostgreSQL URL (the name pgx gives it; lib/pq would send it to the
// server): how many statements the pool keeps prepared. SQLite has no
// round trip to save, and keeps none.
func statementCacheOf(dialectName, dsn string) (string, int, error) {
	if dialectName != dialect.Postgres {
		return dsn, 0, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", 0, fmt.Errorf("database: unparseable URL %q", redact(dsn))
	}
	q := u.Query()
	raw, set := q.Get("statement_cache_capacity"), q.Has("statement_cache_capacity")
	if !set {
		return dsn, DefaultStatementCache, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 {
		return "", 0, fmt.Errorf("database: statement_cache_capacity must be a whole number, 0 to prepare no statement (got %q)", raw)
	}
	q.Del("statement_cache_capacity")
	u.RawQuery = q.Encode()
	return u.String(), n, nil
}

// NewDB wraps an open pool and its ent driver (possibly decorated). Its
// client tells the time by clk and stamps the rows it writes with it; the
// composition root (package app) adds the audit trail.
func NewDB(pool *sql.DB, dialectName string, drv dialect.Driver, clk clock.Clock, opts ...ent.Option) *DB {
	clientDriver := drv
	if dialectName == dialect.SQLite {
		clientDriver = sqliteTimes{drv}
	}
	client := ent.NewClient(append([]ent.Option{ent.Driver(clientDriver), ent.Clock(clk)}, opts...)...)
	installStamps(client, clk)
	return &DB{
		Client:  client,
		SQL:     pool,
		Dialect: dialectName,
		Clock:   clk,
		Driver:  drv,
	}
}

// parse turns a portal database URL into a driver name, an ent dialect
// and a driver DSN.
func parse(rawURL string) (driverName, dialectName, dsn string, err error) {
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return "postgres", dialect.Postgres, rawURL, nil
	case strings.HasPrefix(rawURL, "sqlite:"), strings.HasPrefix(rawURL, "file:"):
		path := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite:"), "file:")
		path, query, _ := strings.Cut(path, "?")
		if path != ":memory:" {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return "", "", "", fmt.Errorf("database: creating the data directory: %w", err)
			}
		}
		return "sqlite", dialect.SQLite, sqliteDSN(path, query), nil
	default:
		return "", "", "", fmt.Errorf("database: unsupported URL %q (use sqlite:PATH or postgres://...)", redact(rawURL))
	}
}

// sqliteDSN enables what the portal relies on: foreign keys, a busy
// timeout (WAL, for concurrent readers, is set once by enableWAL), IMMEDIATE transactions so that two
// writers queue instead of failing on lock upgrade, and times written as
// 2006-01-02 15:04:05.999999999-07:00 rather than modernc's default
// time.String(), whose zone names and monotonic suffix ("m=+0.01") neither
// sort nor compare (sqliteTimes puts every time in UTC, so the text sorts
// as the instants do).
func sqliteDSN(path, extra string) string {
	params := url.Values{}
	params.Add("_pragma", "busy_timeout(10000)")
	params.Add("_pragma", "foreign_keys(1)")
	params.Add("_pragma", "synchronous(NORMAL)")
	params.Set("_txlock", "immediate")
	params.Set("_time_format", "sqlite")
	dsn := "file:" + path + "?" + params.Encode()
	if extra != "" {
		dsn += "&" + extra
	}
	return dsn
}

func configurePool(pool *sql.DB, dialectName string) {
	switch dialectName {
	case dialect.SQLite:
		// One writer at a time is SQLite's model; a small pool keeps
		// readers concurrent without piling up busy writers.
		pool.SetMaxOpenConns(4)
	default:
		pool.SetMaxOpenConns(20)
		pool.SetMaxIdleConns(10)
		pool.SetConnMaxIdleTime(5 * time.Minute)
	}
}

// redact hides a password in a URL before it is shown.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }

// Close closes the client and the pool.
func (db *DB) Close() error { return db.Client.Close() }
