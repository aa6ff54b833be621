package access_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// statements records the SQL an ent client sends.
type statements struct {
	mu  sync.Mutex
	all []string
}

func (s *statements) of(table string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, q := range s.all {
		if strings.Contains(q, "FROM `"+table+"`") || strings.Contains(q, `FROM "`+table+`"`) {
			out = append(out, q)
		}
	}
	return out
}

// TestNestedLoadsOfVisibleParentsAreFilteredByTheirIDs: the children of a
// page of families are read by the families' ids alone, without a second
// pass over the families table, while a query of children from the root
// keeps the whole scope.
func TestNestedLoadsOfVisibleParentsAreFilteredByTheirIDs(t *testing.T) {
	api := apitest.New(t)
	log := &statements{}
	drv := dialect.DebugWithContext(api.DB.Driver, func(_ context.Context, args ...any) {
		log.mu.Lock()
		log.all = append(log.all, fmt.Sprint(args...))
		log.mu.Unlock()
	})
	client := database.NewDB(api.DB.SQL, api.DB.Dialect, drv, api.Clock).Client
	for _, account := range []string{demo.Coordinator, demo.Educator, demo.Prescriber} {
		t.Run(account, func(t *testing.T) {
			ctx := api.Viewer(t, account)
			log.all = nil
			families := client.Family.Query().WithChildren().WithGuardians().AllX(ctx)
			for _, q := range append(log.of("children"), log.of("guardians")...) {
				if strings.Contains(q, "families") {
					t.Errorf("the nested load re-reads the families: %s", q)
				}
			}
			// The same children as the scope gives from the root.
			want := map[string]bool{}
			for _, f := range families {
				for _, c := range f.Edges.Children {
					want[string(c.ID)] = true
				}
			}
			if len(want) == 0 || len(log.of("children")) == 0 {
				t.Fatalf("%s sees no children: nothing tested", account)
			}
			var fromRoot int
			for _, f := range families {
				fromRoot += client.Child.Query().Where(child.FamilyID(f.ID)).CountX(ctx)
			}
			if fromRoot != len(want) {
				t.Fatalf("%d children through their families, %d from the root", len(want), fromRoot)
			}
			log.all = nil
			client.Child.Query().CountX(ctx)
			if q := log.of("children"); len(q) != 1 || !strings.Contains(q[0], "families") {
				t.Fatalf("a root query of children must keep its scope: %v", q)
			}
		})
	}
}
