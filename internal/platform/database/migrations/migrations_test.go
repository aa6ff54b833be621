package migrations_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
	"github.com/reseau-liens/portal/internal/platform/database/migrations"
)

// TestTheMigrationFilesMatchTheEntSchema replays every migration on an
// empty database and compares the result with the ent schema: a schema
// change committed without its migration fails here (and so in CI).
func TestTheMigrationFilesMatchTheEntSchema(t *testing.T) {
	dialects := map[string]string{dialect.SQLite: ""}
	if url := os.Getenv(dbtest.EnvURL); url != "" {
		dialects[dialect.Postgres] = url
	}
	for name, serverURL := range dialects {
		t.Run(name, func(t *testing.T) {
			planned, err := plan(t, name, serverURL, nil)
			if err != nil {
				t.Fatal(err)
			}
			if planned != "" {
				t.Fatalf("the ent schema changed without a migration: run `go run ./cmd/migrations -name <what_changed>` and commit the files; missing:\n%s", planned)
			}
		})
	}
}

// TestOnPostgreSQLOnlyTheAuditPartitioningDepartsFromTheEntSchema: the
// planner accepts audit_events partitioned by month, with the partition
// key in its unique keys, but nothing else that departs from the ent
// schema on that table, and not the table without its partitioning.
func TestOnPostgreSQLOnlyTheAuditPartitioningDepartsFromTheEntSchema(t *testing.T) {
	serverURL := os.Getenv(dbtest.EnvURL)
	if serverURL == "" {
		t.Skip("the audit trail is partitioned on PostgreSQL only")
	}
	const partitioning = "20261202132500_audit_monthly_partitions.sql"
	t.Run("another change to the table is still planned", func(t *testing.T) {
		planned, err := plan(t, dialect.Postgres, serverURL, func(dir *migrate.MemDir) {
			_ = dir.WriteFile("20991231235959_drop_an_index.sql", []byte(`DROP INDEX "auditevent_actor_id";`+"\n"))
		})
		if err != nil || !strings.Contains(planned, `"auditevent_actor_id"`) {
			t.Fatalf("planned %q, %v", planned, err)
		}
	})
	t.Run("the seq key no longer unique is planned back", func(t *testing.T) {
		planned, err := plan(t, dialect.Postgres, serverURL, func(dir *migrate.MemDir) {
			_ = dir.WriteFile("20991231235959_seq_not_unique.sql", []byte(`DROP INDEX "audit_events_seq_key";
CREATE INDEX "audit_events_seq_key" ON "audit_events" ("seq", "occurred_at");
`))
		})
		if err != nil || !strings.Contains(planned, `CREATE UNIQUE INDEX "audit_events_seq_key"`) {
			t.Fatalf("planned %q, %v", planned, err)
		}
	})
	t.Run("the table without its partitioning is refused", func(t *testing.T) {
		planned, err := plan(t, dialect.Postgres, serverURL, func(dir *migrate.MemDir) {
			files := map[string][]byte{}
			all, _ := dir.Files()
			for _, f := range all {
				if f.Name() != partitioning {
					files[f.Name()] = f.Bytes()
				}
			}
			*dir = migrate.MemDir{}
			for name, b := range files {
				_ = dir.WriteFile(name, b)
			}
		})
		if err == nil || !strings.Contains(err.Error(), "partition") {
			t.Fatalf("planned %q, %v", planned, err)
		}
	})
}

// plan replays the committed migrations of dialectName, changed by edit
// (nil for none), on a development database and returns the migration
// the planner writes to reach the ent schema ("" for none).
func plan(t *testing.T, dialectName, serverURL string, edit func(*migrate.MemDir)) (string, error) {
	t.Helper()
	committed, err := migrations.Dir(dialectName)
	if err != nil {
		t.Fatal(err)
	}
	dir := &migrate.MemDir{}
	files, _ := committed.Files()
	for _, f := range files {
		if err := dir.WriteFile(f.Name(), f.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(dir)
	}
	files, _ = dir.Files()
	sum, err := dir.Checksum()
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate.WriteSumFile(dir, sum); err != nil {
		t.Fatal(err)
	}
	dev, drop, err := migrations.DevDatabase(dialectName, serverURL)
	if err != nil {
		t.Fatal(err)
	}
	defer drop()
	if err := migrations.Plan(context.Background(), dev, dir, "drift"); err != nil {
		return "", err
	}
	before := map[string]bool{}
	for _, f := range files {
		before[f.Name()] = true
	}
	after, _ := dir.Files()
	var planned string
	for _, f := range after {
		if !before[f.Name()] {
			planned += string(f.Bytes())
		}
	}
	return planned, nil
}
