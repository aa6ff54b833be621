package migrations

import (
	"testing"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
)

func TestTwoMigrationsOfOneVersionAreRefused(t *testing.T) {
	dir := &migrate.MemDir{}
	for _, name := range []string{"20261202054410_notices.sql", "20261202054410_sessions.sql"} {
		if err := dir.WriteFile(name, []byte("SELECT 1;\n")); err != nil {
			t.Fatal(err)
		}
	}
	if err := distinctVersions(dir); err == nil {
		t.Fatal("two files of version 20261202054410 accepted")
	}
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		if _, err := Dir(d); err != nil {
			t.Errorf("the shipped %s migrations: %v", d, err)
		}
	}
}
