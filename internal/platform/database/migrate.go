package database

import (
	"context"
	"errors"
	"fmt"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/postgres"
	"ariga.io/atlas/sql/sqlite"
	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/internal/platform/database/migrations"
)

// ErrNewerDatabase means the database was migrated by a newer portal: it
// holds a migration this binary does not know, so this binary must not
// run on it.
var ErrNewerDatabase = errors.New("database: the database was migrated by a newer version of the portal")

// ErrUnversionedDatabase means the database holds the portal's tables but
// no record of migrations: it was created by an early portal, before
// versioned migrations.
var ErrUnversionedDatabase = errors.New("database: the database holds the portal's tables but no migration history (created before versioned migrations): start from an empty database")

// Migrate applies the pending migrations (see Apply).
func (db *DB) Migrate(ctx context.Context) error {
	_, err := db.Apply(ctx)
	return err
}

// Apply runs the migrations built into the binary that the database has
// not applied yet, in one transaction (PostgreSQL and SQLite both have
// transactional DDL), and records them in atlas_schema_revisions. It
// returns the versions applied, and ErrNewerDatabase, applying nothing,
// when the database has a revision the binary does not know. Concurrent
// starts queue on a lock.
func (db *DB) Apply(ctx context.Context) (applied []string, err error) {
	dir, err := migrations.Dir(db.Dialect)
	if err != nil {
		return nil, err
	}
	return db.apply(ctx, dir)
}

// apply runs the migrations of dir, as Apply does.
func (db *DB) apply(ctx context.Context, dir migrate.Dir) (applied []string, err error) {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("database: migrating: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var drv migrate.Driver
	switch db.Dialect {
	case dialect.Postgres:
		// Serialise portals starting at once on the same database.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7402658122)"); err != nil {
			return nil, fmt.Errorf("database: migrating: %w", err)
		}
		drv, err = postgres.Open(tx)
	default:
		drv, err = sqlite.Open(tx) // SQLite transactions are IMMEDIATE: writers queue
	}
	if err != nil {
		return nil, err
	}
	revs := &revisions{tx: tx, dialect: db.Dialect}
	if err := revs.init(ctx); err != nil {
		return nil, fmt.Errorf("database: creating %s: %w", revisionTable, err)
	}
	if err := checkNotNewer(ctx, revs, dir); err != nil {
		return nil, err
	}
	if err := checkVersioned(ctx, revs); err != nil {
		return nil, err
	}
	ex, err := migrate.NewExecutor(skipCleanCheck{drv}, dir, revs, migrate.WithAllowDirty(true), migrate.WithOperatorVersion("portal"))
	if err != nil {
		return nil, err
	}
	pending, err := ex.Pending(ctx)
	if errors.Is(err, migrate.ErrNoPendingFiles) {
		return nil, tx.Commit()
	}
	if err != nil {
		return nil, fmt.Errorf("database: migrating: %w", err)
	}
	for _, f := range pending {
		if err := ex.Execute(ctx, f); err != nil {
			return nil, fmt.Errorf("database: applying migration %s: %w", f.Name(), err)
		}
		applied = append(applied, f.Version())
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("database: migrating: %w", err)
	}
	return applied, nil
}

// checkNotNewer refuses a database holding a revision dir doesn't have.
func checkNotNewer(ctx context.Context, revs *revisions, dir migrate.Dir) error {
	files, err := dir.Files()
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, f := range files {
		known[f.Version()] = true
	}
	applied, err := revs.ReadRevisions(ctx)
	if err != nil {
		return fmt.Errorf("database: reading %s: %w", revisionTable, err)
	}
	for _, r := range applied {
		if !known[r.Version] {
			return fmt.Errorf("%w: it has migration %s, unknown to this binary; upgrade the portal", ErrNewerDatabase, r.Version)
		}
	}
	return nil
}

// checkVersioned refuses a database with the portal's tables and no
// migration history, rather than failing on its first CREATE TABLE.
func checkVersioned(ctx context.Context, revs *revisions) error {
	applied, err := revs.ReadRevisions(ctx)
	if err != nil || len(applied) > 0 {
		return err
	}
	query := "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'providers'"
	if revs.dialect == dialect.Postgres {
		query = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'providers'"
	}
	var n int
	if err := revs.tx.QueryRowContext(ctx, query).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrUnversionedDatabase
	}
	return nil
}

// skipCleanCheck spares Atlas's check that a database without revisions
// is empty: on PostgreSQL it inspects every schema of the database (slow,
// and racing with schemas dropped meanwhile on a shared server), and the
// portal applies its first migration to any database, failing cleanly if
// the tables exist already.
type skipCleanCheck struct{ migrate.Driver }

// CheckClean implements migrate.CleanChecker.
func (skipCleanCheck) CheckClean(context.Context, *migrate.TableIdent) error { return nil }
