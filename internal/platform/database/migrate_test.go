package database_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
	"github.com/reseau-liens/portal/internal/platform/database/migrations"
)

func TestMigrations(t *testing.T) {
	db := dbtest.Open(t) // migrated by the files built into the binary
	ctx := context.Background()
	dir, err := migrations.Dir(db.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := dir.Files()

	t.Run("every migration is recorded in atlas_schema_revisions", func(t *testing.T) {
		var n int
		if err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM atlas_schema_revisions").Scan(&n); err != nil || n != len(files) {
			t.Fatalf("%d revisions for %d files (%v)", n, len(files), err)
		}
	})
	t.Run("applying again applies nothing", func(t *testing.T) {
		applied, err := db.Apply(ctx)
		if err != nil || len(applied) != 0 {
			t.Fatalf("applied %v, %v", applied, err)
		}
	})
	t.Run("a database with the tables but no migration history is refused", func(t *testing.T) {
		other := dbtest.Open(t)
		if _, err := other.SQL.ExecContext(ctx, "DELETE FROM atlas_schema_revisions"); err != nil {
			t.Fatal(err)
		}
		if _, err := other.Apply(ctx); !errors.Is(err, database.ErrUnversionedDatabase) {
			t.Fatalf("unversioned database: %v", err)
		}
	})
	t.Run("a database migrated by a newer portal is refused", func(t *testing.T) {
		insert := "INSERT INTO atlas_schema_revisions (version, description, type, applied, total, executed_at, execution_time, hash, operator_version) VALUES ('%s', 'future', 2, 1, 1, %s, 0, 'h', 'portal')"
		now := "CURRENT_TIMESTAMP"
		if _, err := db.SQL.ExecContext(ctx, fmt.Sprintf(insert, "99991231235959", now)); err != nil {
			t.Fatal(err)
		}
		_, err := db.Apply(ctx)
		if !errors.Is(err, database.ErrNewerDatabase) {
			t.Fatalf("newer database: %v", err)
		}
	})
}
