package dbtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lib/pq"
)

// On PostgreSQL every database dbtest creates is named
// portal_test_<owner>_<what>, where owner identifies the test binary that
// created it: its templates (<what> is the template's name) and the
// copies its tests use (<what> is random). The templates live as long as
// the test binary, which has no TestMain to drop them at the end, so:
//
//   - the binary holds a session advisory lock, keyed by its owner id, on
//     a connection to the server's database kept open until it exits;
//   - it starts a reaper, a copy of itself (see init) that waits for the
//     binary to exit, however it exits, and drops what the owner created;
//   - and, should the reaper have been killed too, the next test binary
//     drops the databases of every owner whose lock is free, before it
//     creates its own.
const (
	pgPrefix = "portal_test_"
	// lockClass is the first key of the owners' advisory locks (the
	// two-key form, apart from the portal's own one-key locks).
	lockClass int32 = 740265812
	envReaper       = "PORTAL_DBTEST_REAPER"
)

// owner is this test binary's hold on the PostgreSQL server.
type owner struct {
	id    string
	admin *sql.DB   // on the server's database, for CREATE and DROP
	hold  *sql.Conn // holds the owner's lock until the binary exits
	// reaper is the write end of the reaper's standard input: it must
	// stay referenced, or its finalizer would close it and the reaper
	// would drop the templates under the running tests.
	reaper io.WriteCloser
}

var (
	owners   sync.Mutex
	ownerFor = map[string]*owner{}
)

// ownerOf returns this binary's owner on the server at base, setting it
// up on first use.
func ownerOf(base string) (*owner, error) {
	owners.Lock()
	defer owners.Unlock()
	if o := ownerFor[base]; o != nil {
		return o, nil
	}
	ctx := context.Background()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return nil, err
	}
	admin.SetMaxOpenConns(8)
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		return nil, fmt.Errorf("PostgreSQL at %s is unreachable: %w", EnvURL, err)
	}
	hold, err := admin.Conn(ctx)
	if err != nil {
		admin.Close()
		return nil, err
	}
	o := &owner{admin: admin, hold: hold}
	for o.id == "" {
		id := randomHex(6)
		var locked bool
		if err := hold.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1, $2)", lockClass, ownerKey(id)).Scan(&locked); err != nil {
			admin.Close()
			return nil, fmt.Errorf("taking the owner lock: %w", err)
		}
		if locked {
			o.id = id
		}
	}
	sweep(ctx, admin, o.id)
	o.reaper = startReaper(o.id)
	ownerFor[base] = o
	return o, nil
}

// ownerKey is the second key of an owner's advisory lock.
func ownerKey(id string) int32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int32(h.Sum32())
}

// ownerOfDatabase returns the owner id in a database name made by dbtest.
func ownerOfDatabase(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, pgPrefix)
	if !ok {
		return "", false
	}
	id, _, ok := strings.Cut(rest, "_")
	return id, ok && len(id) == 12
}

// sweep drops the databases of the owners that are gone: their lock is
// free. Failures are left for the next sweep.
func sweep(ctx context.Context, admin *sql.DB, self string) {
	names, err := databases(ctx, admin, pgPrefix)
	if err != nil {
		return
	}
	gone := map[string]bool{}
	for _, name := range names {
		id, ok := ownerOfDatabase(name)
		if !ok || id == self {
			continue
		}
		if _, seen := gone[id]; seen {
			continue
		}
		// One statement, so that the lock, if taken, is released on the
		// connection that took it.
		var free bool
		err := admin.QueryRowContext(ctx,
			"SELECT CASE WHEN pg_try_advisory_lock($1, $2) THEN pg_advisory_unlock($1, $2) ELSE false END",
			lockClass, ownerKey(id)).Scan(&free)
		gone[id] = err == nil && free
	}
	for _, name := range names {
		if id, ok := ownerOfDatabase(name); ok && gone[id] {
			_ = drop(ctx, admin, name)
		}
	}
}

// databases lists the databases whose name starts with prefix.
func databases(ctx context.Context, admin *sql.DB, prefix string) ([]string, error) {
	rows, err := admin.QueryContext(ctx, "SELECT datname FROM pg_database")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if strings.HasPrefix(name, prefix) {
			names = append(names, name)
		}
	}
	return names, rows.Err()
}

func drop(ctx context.Context, admin *sql.DB, name string) error {
	_, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)")
	return err
}

// startReaper starts a copy of the test binary that drops the owner's
// databases once this binary has exited: it reads its standard input, a
// pipe from this binary, until the pipe closes. On failure it returns nil
// and the next sweep cleans up.
func startReaper(id string) io.WriteCloser {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), envReaper+"="+id)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil
	}
	// No stdout nor stderr: go test would wait for the reaper to close
	// them before reporting the package.
	if err := cmd.Start(); err != nil {
		return nil
	}
	return in
}

// init turns the process into a reaper when started as one by
// startReaper: before package testing's main could run any test.
func init() {
	id := os.Getenv(envReaper)
	if id == "" {
		return
	}
	// Outlive the interrupt that stops go test and the binary with it.
	signal.Ignore(os.Interrupt, syscall.SIGTERM)
	_, _ = io.Copy(io.Discard, os.Stdin)
	if base := os.Getenv(EnvURL); base != "" {
		reap(base, id)
	}
	os.Exit(0)
}

// reap drops the databases of owner id.
func reap(base, id string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return
	}
	defer admin.Close()
	names, err := databases(ctx, admin, pgPrefix+id+"_")
	if err != nil {
		return
	}
	for _, name := range names {
		_ = drop(ctx, admin, name)
	}
}

// pgCreate creates the database of the template called name, empty.
func pgCreate(base, name string) (string, error) {
	o, err := ownerOf(base)
	if err != nil {
		return "", err
	}
	db := pgPrefix + o.id + "_" + name
	if _, err := o.admin.Exec("CREATE DATABASE " + pq.QuoteIdentifier(db)); err != nil {
		return "", fmt.Errorf("creating database %s: %w", db, err)
	}
	return db, nil
}

// pgSeal forbids connections to the template built in database name:
// CREATE DATABASE ... TEMPLATE fails while anyone, autovacuum included, is
// connected to it.
func pgSeal(base, name string) error {
	o, err := ownerOf(base)
	if err != nil {
		return err
	}
	_, err = o.admin.Exec("ALTER DATABASE " + pq.QuoteIdentifier(name) + " WITH ALLOW_CONNECTIONS false")
	return err
}

// pgCopy creates a database for t from the template database tmpl,
// dropped when t ends, and returns its URL.
func pgCopy(t testing.TB, base, tmpl string) (string, error) {
	o, err := ownerOf(base)
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	name := pgPrefix + o.id + "_" + randomHex(6)
	create := "CREATE DATABASE " + pq.QuoteIdentifier(name) + " TEMPLATE " + pq.QuoteIdentifier(tmpl)
	// Copies made at once from one template may find it "being accessed
	// by other users" (the other copies): try again shortly.
	backoff := 5 * time.Millisecond
	for attempt := 0; ; attempt++ {
		_, err = o.admin.ExecContext(ctx, create)
		var pqErr *pq.Error
		if err == nil || !errors.As(err, &pqErr) || pqErr.Code != "55006" || attempt == 40 {
			break
		}
		time.Sleep(backoff)
		backoff = min(2*backoff, 200*time.Millisecond)
	}
	if err != nil {
		return "", fmt.Errorf("creating database %s: %w", name, err)
	}
	t.Cleanup(func() {
		if err := drop(ctx, o.admin, name); err != nil {
			t.Logf("dbtest: dropping database %s (the reaper will): %v", name, err)
		}
	})
	return pgURL(base, name), nil
}

// pgEmpty creates an empty database for t, dropped when t ends, and
// returns its URL.
func pgEmpty(t testing.TB, base string) (string, error) {
	o, err := ownerOf(base)
	if err != nil {
		return "", err
	}
	name := pgPrefix + o.id + "_" + randomHex(6)
	if _, err := o.admin.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name)); err != nil {
		return "", fmt.Errorf("creating database %s: %w", name, err)
	}
	t.Cleanup(func() {
		if err := drop(context.Background(), o.admin, name); err != nil {
			t.Logf("dbtest: dropping database %s (the reaper will): %v", name, err)
		}
	})
	return pgURL(base, name), nil
}

// pgURL is base with its database replaced by name.
func pgURL(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path") // the tables are in the new database's public schema
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	return u.String()
}
