package accompaniment_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestRequests(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	presc := api.Token(t, demo.Prescriber)
	existing := func(code string) map[string]any {
		return map[string]any{"programmeID": api.Demo.Programmes[code], "familyID": api.Demo.FamilyID}
	}
	t.Run("a prescriber's new family is created with its guardians and children, in their name", func(t *testing.T) {
		a := request(t, api, presc, "MAPA", nil)
		n := api.DB.Client.Guardian.Query().Where(guardian.FamilyID(a.FamilyID)).CountX(apitest.Sys)
		got := api.DB.Client.Accompaniment.GetX(apitest.Sys, a.ID)
		if n != 2 || got.PrescriberID == nil || *got.PrescriberID != api.Demo.People[demo.Prescriber] || got.SelfReferral {
			t.Fatalf("%d guardians, %+v", n, got)
		}
	})
	t.Run("a prescriber may point at a family they referred", func(t *testing.T) {
		mustStep(t, api, presc, "requestAccompaniment", "RequestAccompanimentInput", existing("MAPA"))
	})
	t.Run("but not at another prescriber's family", func(t *testing.T) {
		_, r := step(t, api, api.Token(t, demo.SecondPrescriber), "requestAccompaniment", "RequestAccompanimentInput", existing("MAPA"))
		r.WantCode(t, "NOT_FOUND")
	})
	t.Run("nor at a family of another provider than the programme's", func(t *testing.T) {
		_, r := step(t, api, api.Token(t, demo.RelianceCoordinator), "requestAccompaniment", "RequestAccompanimentInput",
			map[string]any{"programmeID": api.Demo.Programmes["RELIANCE"], "familyID": api.Demo.FamilyID})
		r.WantCode(t, "NOT_FOUND")
	})
	t.Run("a coordinator records a self-referral", func(t *testing.T) {
		a := mustStep(t, api, api.Token(t, demo.Coordinator), "requestAccompaniment", "RequestAccompanimentInput", existing("MIP"))
		if got := api.DB.Client.Accompaniment.GetX(apitest.Sys, a.ID); !got.SelfReferral || got.PrescriberID != nil {
			t.Fatalf("%+v", got)
		}
	})
	t.Run("a workshop is not requested this way", func(t *testing.T) {
		_, r := step(t, api, presc, "requestAccompaniment", "RequestAccompanimentInput", existing("ARCS"))
		r.WantCode(t, "NOT_AN_ACCOMPANIMENT")
	})
	t.Run("a refused request writes nothing, not even its new family", func(t *testing.T) {
		families := api.DB.Client.Family.Query().CountX(apitest.Sys)
		_, r := step(t, api, presc, "requestAccompaniment", "RequestAccompanimentInput", map[string]any{
			"programmeID": api.Demo.Programmes["MIP"], "family": newFamily(), "financerID": api.Demo.Programmes["MIP"],
		})
		r.WantCode(t, "NOT_FOUND")
		if n := api.DB.Client.Family.Query().CountX(apitest.Sys); n != families {
			t.Fatalf("%d families, was %d", n, families)
		}
	})
	t.Run("an educator cannot request", func(t *testing.T) {
		_, r := step(t, api, api.Token(t, demo.Educator), "requestAccompaniment", "RequestAccompanimentInput", existing("MIP"))
		r.WantCode(t, "FORBIDDEN")
	})
}
