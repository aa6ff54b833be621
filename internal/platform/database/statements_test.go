package database_test

import (
	"context"
	"fmt"
	stdstrings "strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/clock/clocktest"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
)

// openOneConnection opens the database of db again, with extra URL
// parameters, over a pool of one connection: pg_prepared_statements then
// shows what the pool prepared.
func openOneConnection(t *testing.T, db *dbtest.DB, params string) *database.DB {
	t.Helper()
	sep := "?"
	if stdstrings.Contains(db.URL, "?") {
		sep = "&"
	}
	opened, err := database.Open(db.URL+sep+params, clocktest.New())
	if err != nil {
		t.Fatal(err)
	}
	opened.SQL.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = opened.Close() })
	return opened
}

// prepared is how many times the pool's connection ran the statements it
// prepared whose text holds fragment, and how many there are.
func prepared(t *testing.T, db *database.DB, fragment string) (statements, runs int) {
	t.Helper()
	// No argument: lib/pq's simple protocol, which prepares nothing.
	rows, err := db.SQL.QueryContext(context.Background(),
		"SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		var n int
		if err := rows.Scan(&text, &n); err != nil {
			t.Fatal(err)
		}
		if stdstrings.Contains(text, fragment) {
			statements++
			runs += n
		}
	}
	return statements, runs
}

func postgresOnly(t *testing.T) *dbtest.DB {
	t.Helper()
	db := dbtest.Open(t)
	if !db.IsPostgres() {
		t.Skip("statements are prepared on PostgreSQL only")
	}
	return db
}

// On PostgreSQL, a statement with arguments is prepared once per
// connection and run again from there: one round trip instead of lib/pq's
// two, and no planning once PostgreSQL keeps a generic plan.
func TestPostgresPreparesAStatementOnceAndRunsItAgain(t *testing.T) {
	t.Parallel()
	db := openOneConnection(t, postgresOnly(t), "")
	sys := viewer.SystemContext(context.Background())
	for range 3 {
		if _, err := db.Client.Family.Query().Where(family.Reference("DOSSIER-1")).Count(sys); err != nil {
			t.Fatal(err)
		}
	}
	if n, runs := prepared(t, db, `FROM "families"`); n != 1 || runs != 3 {
		t.Fatalf("%d statements prepared, run %d times; want 1 run 3 times", n, runs)
	}
}

// A transaction reuses the pool's statements on its own connection; one
// it finds unprepared runs as lib/pq runs it and is prepared for the next
// time without waiting for a second connection, so that a pool full of
// transactions never waits on itself.
func TestPostgresTransactionsShareThePreparedStatements(t *testing.T) {
	t.Parallel()
	db := openOneConnection(t, postgresOnly(t), "")
	ctx := viewer.SystemContext(context.Background())
	countIn := func() {
		t.Helper()
		tx, err := db.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := tx.Family.Query().Where(family.Reference("DOSSIER-2")).Count(ctx)
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("the transaction's statement waited for the pool's only connection")
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
	}
	countIn() // not cached yet: run unprepared, prepared once the connection is free
	// A timeout, not a reading of the clock: the background preparation
	// gets 10 s to happen.
	giveUp := time.After(10 * time.Second)
	for n, _ := prepared(t, db, `"reference" = $1`); n != 1; n, _ = prepared(t, db, `"reference" = $1`) {
		select {
		case <-giveUp:
			t.Fatal("the statement the transaction ran was never prepared")
		case <-time.After(10 * time.Millisecond):
		}
	}
	countIn()
	countIn()
	if n, runs := prepared(t, db, `"reference" = $1`); n != 1 || runs != 2 {
		t.Fatalf("%d statements prepared, run %d times; want 1 run 2 times by the transactions", n, runs)
	}
}

// statement_cache_capacity bounds what stays prepared (the least recently
// used is deallocated) and 0 prepares nothing, for a connection pooler
// that cannot keep prepared statements; lib/pq never sees the parameter.
func TestStatementCacheCapacityComesFromTheURL(t *testing.T) {
	t.Parallel()
	base := postgresOnly(t)
	sys := viewer.SystemContext(context.Background())
	run := func(db *database.DB) {
		t.Helper()
		for _, ref := range []string{"A", "B", "C"} {
			// Three texts: each reference filter has its own shape.
			q := db.Client.Family.Query().Where(family.Reference(ref))
			switch ref {
			case "B":
				q = q.Where(family.TerritoryNEQ(""))
			case "C":
				q = q.Where(family.TerritoryNEQ(""), family.ReferenceNEQ("D"))
			}
			if _, err := q.Count(sys); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Run("0 prepares nothing", func(t *testing.T) {
		db := openOneConnection(t, base, "statement_cache_capacity=0")
		run(db)
		if n, _ := prepared(t, db, `FROM "families"`); n != 0 {
			t.Fatalf("%d statements prepared, want none", n)
		}
	})
	t.Run("1 keeps the last one", func(t *testing.T) {
		db := openOneConnection(t, base, "statement_cache_capacity=1")
		run(db)
		if n, _ := prepared(t, db, `FROM "families"`); n != 1 {
			t.Fatalf("%d statements prepared, want 1", n)
		}
	})
	t.Run("not a number is refused", func(t *testing.T) {
		_, err := database.Open(base.URL+"&statement_cache_capacity=beaucoup", clocktest.New())
		if err == nil || !stdstrings.Contains(err.Error(), "statement_cache_capacity") {
			t.Fatalf("got %v, want an error naming statement_cache_capacity", err)
		}
	})
}

// A statement dropped from a full cache while another request is about
// to run it is closed only once that request is done with it: requests
// that keep pushing one another's statements out all get their answers.
func TestStatementsDroppedFromTheCacheStillServeTheirRequests(t *testing.T) {
	t.Parallel()
	base := postgresOnly(t)
	opened, err := database.Open(base.URL+"&statement_cache_capacity=2", clocktest.New())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = opened.Close() })
	sys := viewer.SystemContext(context.Background())
	errs := make(chan error, 8)
	for w := range 8 {
		go func() {
			var err error
			for i := range 60 {
				// Six texts for a cache of two: each one IN list longer.
				refs := make([]string, 1+(i+w)%6)
				for j := range refs {
					refs[j] = fmt.Sprintf("DOSSIER-%d", j)
				}
				if _, err = opened.Client.Family.Query().Where(family.ReferenceIn(refs...)).Count(sys); err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
