package accompaniment_test

import (
	"sync"
	"testing"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// validateAtOnce evaluates n fresh requests, then validates them all at
// the same moment, each in its own HTTP request, and counts the outcomes
// by code ("" for a success).
func validateAtOnce(t *testing.T, api *apitest.API, coordinator, requester, code string, extra map[string]any, n int) map[string]int {
	t.Helper()
	var reqs []acc
	for range n {
		a := request(t, api, requester, code, extra)
		consentTo(t, api, a.FamilyID)
		mustStep(t, api, coordinator, "startEvaluation", "AccompanimentStepInput", on(a.ID))
		reqs = append(reqs, a)
	}
	var (
		mu       sync.Mutex
		outcomes = map[string]int{}
		wg       sync.WaitGroup
		start    = make(chan struct{})
	)
	for _, a := range reqs {
		wg.Go(func() {
			<-start
			_, r := step(t, api, coordinator, "validateAccompaniment", "AccompanimentStepInput", on(a.ID))
			mu.Lock()
			defer mu.Unlock()
			if codes := r.Codes(); len(codes) > 0 {
				outcomes[codes[0]]++
			} else {
				outcomes[""]++
			}
		})
	}
	close(start)
	wg.Wait()
	return outcomes
}

func TestParallelValidationsNeverExceedCapacityOrPlaces(t *testing.T) {
	t.Parallel()
	const parallel, free = 12, 3
	t.Run("a programme's capacity", func(t *testing.T) {
		api := apitest.New(t)
		if !api.DB.IsPostgres() {
			t.Skip("row locks only matter on PostgreSQL; SQLite serialises writers")
		}
		coord := api.Token(t, demo.RelianceCoordinator)
		prog := api.Demo.Programmes["RELIANCE"]
		active := api.DB.Client.Accompaniment.Query().Where(entacc.ProgrammeID(prog), entacc.StatusEQ(entacc.StatusActive)).CountX(apitest.Sys)
		api.DB.Client.Programme.UpdateOneID(prog).SetCapacity(active + free).ExecX(apitest.Sys)

		got := validateAtOnce(t, api, coord, coord, "RELIANCE", nil, parallel)
		if got[""] != free || got["CAPACITY_REACHED"] != parallel-free {
			t.Fatalf("outcomes %v, want %d validations and %d CAPACITY_REACHED", got, free, parallel-free)
		}
		if n := api.DB.Client.Accompaniment.Query().Where(entacc.ProgrammeID(prog), entacc.StatusEQ(entacc.StatusActive)).CountX(apitest.Sys); n != active+free {
			t.Fatalf("%d active, capacity %d", n, active+free)
		}
	})
	t.Run("a convention's places", func(t *testing.T) {
		api := apitest.New(t)
		if !api.DB.IsPostgres() {
			t.Skip("row locks only matter on PostgreSQL; SQLite serialises writers")
		}
		coord := api.Token(t, demo.Coordinator)
		conv := api.DB.Client.Convention.Query().Where(
			convention.ProgrammeID(api.Demo.Programmes["MIP"]), convention.FinancerID(api.Demo.DepartmentalCouncilID)).OnlyX(apitest.Sys)
		taken := api.DB.Client.Accompaniment.Query().Where(entacc.ConventionID(conv.ID), entacc.ValidatedAtNotNil()).CountX(apitest.Sys)
		api.DB.Client.Convention.UpdateOne(conv).SetPlaces(taken + free).ExecX(apitest.Sys)

		got := validateAtOnce(t, api, coord, api.Token(t, demo.Prescriber), "MIP",
			map[string]any{"financerID": api.Demo.DepartmentalCouncilID}, parallel)
		if got[""] != free || got["CONVENTION_FULL"] != parallel-free {
			t.Fatalf("outcomes %v, want %d validations and %d CONVENTION_FULL", got, free, parallel-free)
		}
		if n := api.DB.Client.Accompaniment.Query().Where(entacc.ConventionID(conv.ID)).CountX(apitest.Sys); n != taken+free {
			t.Fatalf("%d files on the convention, %d places", n, taken+free)
		}
	})
}
