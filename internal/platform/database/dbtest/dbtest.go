// Package dbtest gives each test its own real, migrated database: a fresh
// SQLite file, or a fresh database on the PostgreSQL server named by
// PORTAL_TEST_DATABASE_URL. It also counts the SQL queries the test issues.
//
// Migrating (and, for package apitest, loading the demo data) costs far
// more than copying a database, so each is done once per test binary in a
// Template, which every test then copies: a file copy on SQLite, CREATE
// DATABASE ... TEMPLATE on PostgreSQL.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

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
	URL        string
	queries    atomic.Int64
	statements atomic.Int64
}

// Queries returns how many SQL queries (reads) ran since the last Reset.
func (db *DB) Queries() int64 { return db.queries.Load() }

// Statements returns how many SQL statements (reads and writes, BEGIN and
// COMMIT aside) ran since the last Reset.
func (db *DB) Statements() int64 { return db.statements.Load() }

// ResetQueries sets the query and statement counters back to zero.
func (db *DB) ResetQueries() { db.queries.Store(0); db.statements.Store(0) }

// IsPostgres reports whether the test runs on PostgreSQL.
func (db *DB) IsPostgres() bool { return db.Dialect == dialect.Postgres }

// Placeholder is the dialect's first bind parameter, for raw SQL.
func (db *DB) Placeholder() string {
	if db.IsPostgres() {
		return "$1"
	}
	return "?"
}

// Option changes how a test database is opened.
type Option func(*options)

type options struct{ proxy *Proxy }

// Through makes the portal reach PostgreSQL through proxy (see NewProxy).
func Through(proxy *Proxy) Option { return func(o *options) { o.proxy = proxy } }

// empty is the migrated database without data that Open copies.
var empty = NewTemplate("empty", nil)

// Open returns a migrated, empty database private to t, dropped when t ends.
func Open(t testing.TB, opts ...Option) *DB {
	t.Helper()
	return empty.Open(t, opts...)
}

// OpenUnmigrated returns an empty database private to t, dropped when t
// ends, with no migration applied: for the tests of a migration, which
// apply the ones before it, write rows as an earlier portal did, then
// apply the rest.
func OpenUnmigrated(t testing.TB) *DB {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		return open(t, "sqlite:"+filepath.Join(t.TempDir(), "portal.db"))
	}
	rawURL, err := pgEmpty(t, base)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return open(t, rawURL)
}

// Template is a database migrated and filled once per test binary, the
// first time a test opens it, and copied for every test that opens it:
// tests get a private database each without paying for the migrations
// and the data again. The template is built at the suite's instant
// (clocktest), so what fill dates relative to the clock is the same in
// every copy, and each copy gets its own fresh clock at that instant.
type Template struct {
	name string
	fill func(context.Context, *database.DB) error

	once sync.Once
	err  error
	file []byte // SQLite: the template's content
	pg   string // PostgreSQL: the template database's name
}

var templateName = regexp.MustCompile(`^[a-z][a-z0-9]{0,15}$`)

// NewTemplate declares a template: a migrated database, filled by fill
// (nil for none) when the first test opens it. name tells templates apart
// (lowercase letters and digits); declare templates as package variables,
// so that each is built once per test binary.
func NewTemplate(name string, fill func(ctx context.Context, db *database.DB) error) *Template {
	if !templateName.MatchString(name) {
		panic(fmt.Sprintf("dbtest: template name %q: use up to 16 lowercase letters and digits", name))
	}
	return &Template{name: name, fill: fill}
}

// Open returns a copy of the template private to t, dropped when t ends.
func (tp *Template) Open(t testing.TB, opts ...Option) *DB {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	base := os.Getenv(EnvURL)
	tp.once.Do(func() { tp.err = tp.build(base) })
	if tp.err != nil {
		t.Fatalf("dbtest: building the %q template: %v", tp.name, tp.err)
	}
	var rawURL string
	if base == "" {
		path := filepath.Join(t.TempDir(), "portal.db")
		if err := os.WriteFile(path, tp.file, 0o600); err != nil {
			t.Fatalf("dbtest: copying the %q template: %v", tp.name, err)
		}
		rawURL = "sqlite:" + path
	} else {
		var err error
		if rawURL, err = pgCopy(t, base, tp.pg); err != nil {
			t.Fatalf("dbtest: copying the %q template: %v", tp.name, err)
		}
		if o.proxy != nil {
			u, _ := url.Parse(rawURL)
			u.Host = o.proxy.Addr()
			rawURL = u.String()
		}
	}
	return open(t, rawURL)
}

// build migrates and fills the template, on SQLite in a file of which it
// keeps the bytes, on PostgreSQL in a database of its own.
func (tp *Template) build(base string) error {
	ctx := context.Background()
	if base == "" {
		dir, err := os.MkdirTemp("", "portal-dbtest-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		db, err := database.Open("sqlite:"+filepath.Join(dir, "build.db"), clocktest.New())
		if err != nil {
			return err
		}
		defer db.Close()
		if err := tp.migrateAndFill(ctx, db); err != nil {
			return err
		}
		// VACUUM INTO writes one self-contained file, whatever the WAL
		// still holds: a plain copy of build.db could miss the last
		// transactions.
		snapshot := filepath.Join(dir, "template.db")
		if _, err := db.SQL.ExecContext(ctx, "VACUUM INTO ?", snapshot); err != nil {
			return fmt.Errorf("snapshotting: %w", err)
		}
		tp.file, err = os.ReadFile(snapshot)
		return err
	}
	name, err := pgCreate(base, tp.name)
	if err != nil {
		return err
	}
	tp.pg = name
	db, err := database.Open(pgURL(base, name), clocktest.New())
	if err != nil {
		return err
	}
	err = tp.migrateAndFill(ctx, db)
	// CREATE DATABASE ... TEMPLATE refuses a source anyone is connected
	// to: the pool is closed before any copy is made.
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return pgSeal(base, name)
}

func (tp *Template) migrateAndFill(ctx context.Context, db *database.DB) error {
	audit.Install(db.Client) // the template is filled as the portal writes
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	if tp.fill != nil {
		if err := tp.fill(ctx, db); err != nil {
			return fmt.Errorf("filling: %w", err)
		}
	}
	return nil
}

// open opens the database at rawURL for t, with a client that counts its
// queries, and closes it when t ends.
func open(t testing.TB, rawURL string) *DB {
	t.Helper()
	db := &DB{URL: rawURL, Clock: clocktest.New()}
	opened, err := database.Open(rawURL, db.Clock)
	if err != nil {
		t.Fatalf("dbtest: opening %s: %v", rawURL, err)
	}
	// Rebuild the client over a driver that counts queries.
	counting := dialect.DebugWithContext(opened.Driver, func(_ context.Context, args ...any) {
		if len(args) == 0 {
			return
		}
		// Query: and Exec: are ent's statements; QueryContext: and
		// ExecContext: the raw SQL run through the client (pg_notify).
		line := fmt.Sprint(args[0])
		if strings.Contains(line, "Query:") || strings.Contains(line, "Exec:") ||
			strings.Contains(line, "QueryContext:") || strings.Contains(line, "ExecContext:") {
			db.statements.Add(1)
			if os.Getenv("PORTAL_TEST_LOG_SQL") != "" {
				fmt.Fprintln(os.Stderr, args...)
			}
		}
		if strings.Contains(line, "Query:") || strings.Contains(line, "QueryContext:") {
			db.queries.Add(1)
		}
	})
	db.DB = database.NewDB(opened.SQL, opened.Dialect, counting, db.Clock)
	audit.Install(db.Client) // as the composition root does (package app)
	db.DB.URL = rawURL
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// randomHex returns n random bytes in hexadecimal.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
