package demo_test

import (
	"context"
	"sync"
	"testing"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
)

// Two portals started together on one empty database each run Load, with
// their own connection pools: both come up, one loads the demo, the other
// finds the database filled. Several rounds, each on a fresh database,
// since one round may not make the loads overlap.
func TestPortalsStartingTogetherLoadTheDemoOnce(t *testing.T) {
	for round := range 3 {
		first := dbtest.Open(t)
		second, err := database.Open(first.URL, first.Clock)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = second.Close() })

		var (
			start   = make(chan struct{})
			wg      sync.WaitGroup
			results [2]*demo.Result
			errs    [2]error
		)
		for i, db := range []*database.DB{first.DB, second} {
			wg.Go(func() {
				<-start
				results[i], errs[i] = demo.Load(context.Background(), db)
			})
		}
		close(start)
		wg.Wait()

		loaded := 0
		for i := range 2 {
			if errs[i] != nil {
				t.Fatalf("round %d: portal %d failed to start: %v", round, i+1, errs[i])
			}
			if results[i] != nil {
				loaded++
			}
		}
		if loaded != 1 {
			t.Fatalf("round %d: %d portals loaded the demo, want exactly one (the other finds it loaded)", round, loaded)
		}
		n, err := first.Client.Provider.Query().Count(viewer.SystemContext(context.Background()))
		if err != nil || n != 2 {
			t.Fatalf("round %d: %d providers (%v), want the demo's two", round, n, err)
		}
	}
}
