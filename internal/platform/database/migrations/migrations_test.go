package migrations_test

import (
	"context"
	"os"
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
			committed, err := migrations.Dir(name)
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
			sum, err := committed.Checksum()
			if err != nil {
				t.Fatal(err)
			}
			if err := migrate.WriteSumFile(dir, sum); err != nil {
				t.Fatal(err)
			}
			dev, drop, err := migrations.DevDatabase(name, serverURL)
			if err != nil {
				t.Fatal(err)
			}
			defer drop()
			if err := migrations.Plan(context.Background(), dev, dir, "drift"); err != nil {
				t.Fatal(err)
			}
			after, _ := dir.Files()
			if len(after) != len(files) {
				t.Fatalf("the ent schema changed without a migration: run `go run ./cmd/migrations -name <what_changed>` and commit the files; missing:\n%s",
					after[len(after)-1].Bytes())
			}
		})
	}
}
