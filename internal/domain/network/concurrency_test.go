package network_test

import (
	"sync"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestConcurrentOverlappingConventionsOneWins(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	if !api.DB.IsPostgres() {
		t.Skip("SQLite transactions are exclusive: there is no race to test")
	}
	link := linkOf(t, api, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID)
	mip := api.Demo.Programmes["MIP"]
	year := api.Clock.Now().Year() + 3
	token := api.Token(t, demo.Coordinator)
	const n = 6
	var wg sync.WaitGroup
	results := make([]*apitest.Response, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = api.Do(t, token, recordConvention, map[string]any{"in": map[string]any{
				"linkID": link.ID, "programmeID": mip, "places": 3, "unitPriceCents": 1000,
				"startsAt": time.Date(year, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
				"endsAt":   time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
			}})
		}()
	}
	wg.Wait()
	for _, r := range results {
		if len(r.Errors) > 0 {
			t.Fatalf("GraphQL errors %v", r.Codes())
		}
	}
	got := api.DB.Client.Convention.Query().Where(convention.ProgrammeID(mip), convention.StartsAtGTE(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC))).CountX(apitest.Sys)
	if got != 1 {
		t.Fatalf("%d overlapping conventions recorded, want 1", got)
	}
}
