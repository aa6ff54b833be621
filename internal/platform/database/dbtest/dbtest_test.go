package dbtest_test

import (
	"context"
	"testing"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
)

func TestEachTestGetsAnEmptyMigratedDatabaseAndCountsQueries(t *testing.T) {
	db := dbtest.Open(t)
	ctx := viewer.SystemContext(context.Background())

	n, err := db.Client.Provider.Query().Count(ctx)
	if err != nil || n != 0 {
		t.Fatalf("fresh database: %d providers, err %v", n, err)
	}
	if got := db.Queries(); got != 1 {
		t.Fatalf("one count query should be counted once, got %d", got)
	}
	db.ResetQueries()
	if got := db.Queries(); got != 0 {
		t.Fatalf("reset: got %d", got)
	}
}
