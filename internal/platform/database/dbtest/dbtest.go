// Package dbtest gives each test its own real, migrated database: a fresh
// SQLite file, or a fresh schema on the PostgreSQL server named by
// PORTAL_TEST_DATABASE_URL. It also counts the SQL queries the test issues.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/clock/clocktest"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// EnvURL names the PostgreSQL server the suite also runs on, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const EnvURL = "PORTAL_TEST_DATABASE_URL"

// DB is a test database with a query counter, whose client tells the
// time by a frozen clock set at the suite's instant (see clocktest).
type DB struct {
	*database.DB
	// Clock is the client's clock, for the test to read and move.
	Clock *clock.Frozen
	// URL opens another connection pool on the same database, as a second
	// portal process would.
	URL     string
	queries atomic.Int64
}

// Queries returns how many SQL queries (reads) ran since the last Reset.
func (db *DB) Queries() int64 { return db.queries.Load() }

// ResetQueries sets the query counter back to zero.
func (db *DB) ResetQueries() { db.queries.Store(0) }

// IsPostgres reports whether the test runs on PostgreSQL.
func (db *DB) IsPostgres() bool { return db.Dialect == dialect.Postgres }

// Option changes how a test database is opened.
type Option func(*options)

type options struct{ proxy *Proxy }

// Through makes the portal reach PostgreSQL through proxy (see NewProxy).
func Through(proxy *Proxy) Option { return func(o *options) { o.proxy = proxy } }

// Open returns a migrated, empty database private to t, dropped when t ends.
func Open(t testing.TB, opts ...Option) *DB {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	rawURL := sqliteURL(t)
	if base := os.Getenv(EnvURL); base != "" {
		rawURL = postgresSchemaURL(t, base)
		if o.proxy != nil {
			u, _ := url.Parse(rawURL)
			u.Host = o.proxy.Addr()
			rawURL = u.String()
		}
	}
	db := &DB{URL: rawURL, Clock: clocktest.New()}
	opened, err := database.Open(rawURL, db.Clock)
	if err != nil {
		t.Fatalf("dbtest: opening %s: %v", rawURL, err)
	}
	// Rebuild the client over a driver that counts queries.
	counting := dialect.DebugWithContext(entsql.OpenDB(opened.Dialect, opened.SQL), func(_ context.Context, args ...any) {
		if len(args) > 0 && strings.Contains(fmt.Sprint(args[0]), "Query:") {
			db.queries.Add(1)
			if os.Getenv("PORTAL_TEST_LOG_SQL") != "" {
				fmt.Fprintln(os.Stderr, args...)
			}
		}
	})
	db.DB = database.NewDB(opened.SQL, opened.Dialect, counting, db.Clock)
	audit.Install(db.Client) // as the composition root does (package app)
	db.DB.URL = rawURL
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("dbtest: migrating: %v", err)
	}
	db.ResetQueries()
	return db
}

func sqliteURL(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "portal.db")
}

// postgresSchemaURL creates a schema of its own for t and returns a URL
// whose connections use it; the schema is dropped when t ends.
func postgresSchemaURL(t testing.TB, base string) string {
	t.Helper()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	defer admin.Close()
	if err := admin.Ping(); err != nil {
		t.Fatalf("dbtest: PostgreSQL at %s is unreachable: %v", EnvURL, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("dbtest: creating schema: %v", err)
	}
	t.Cleanup(func() {
		cleanup, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer cleanup.Close()
		_, _ = cleanup.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("dbtest: %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	return u.String()
}
