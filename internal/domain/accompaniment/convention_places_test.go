package accompaniment_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// The places a coordinator reads on a convention are the places the
// validation checks: both come from one count (network.TakesPlace).
func TestTheConventionPlacesShownAreThePlacesTheValidationChecks(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord, presc := api.Token(t, demo.Coordinator), api.Token(t, demo.Prescriber)
	conv := api.DB.Client.Convention.Query().Where(
		convention.ProgrammeID(api.Demo.Programmes["MIP"]), convention.FinancerID(api.Demo.DepartmentalCouncilID)).OnlyX(apitest.Sys)
	placesLeft := func(t *testing.T) int {
		t.Helper()
		var got struct {
			Node struct{ PlacesTaken, PlacesLeft int }
		}
		api.MustSucceed(t, coord, `query($id: ID!) { node(id: $id) { ... on Convention { placesTaken placesLeft } } }`,
			map[string]any{"id": conv.ID}, &got)
		return got.Node.PlacesLeft
	}
	var shown struct{ Node struct{ PlacesTaken int } }
	api.MustSucceed(t, coord, `query($id: ID!) { node(id: $id) { ... on Convention { placesTaken } } }`,
		map[string]any{"id": conv.ID}, &shown)
	api.DB.Client.Convention.UpdateOne(conv).SetPlaces(shown.Node.PlacesTaken + 1).ExecX(apitest.Sys)
	financed := map[string]any{"financerID": api.Demo.DepartmentalCouncilID}

	first := validated(t, api, coord, request(t, api, presc, "MIP", financed))
	if left := placesLeft(t); left != 0 {
		t.Fatalf("%d places left after taking the last one", left)
	}
	second := request(t, api, presc, "MIP", financed)
	consentTo(t, api, second.FamilyID)
	mustStep(t, api, coord, "startEvaluation", "AccompanimentStepInput", on(second.ID))
	_, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(second.ID))
	r.WantCode(t, "CONVENTION_FULL")

	mustStep(t, api, coord, "withdrawAccompaniment", "EndAccompanimentInput", with(first.ID, "reason", "La famille renonce."))
	if left := placesLeft(t); left != 1 {
		t.Fatalf("%d places left after a withdrawal, want the place back", left)
	}
	if a := mustStep(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(second.ID)); a.ConventionID == nil || *a.ConventionID != conv.ID {
		t.Fatalf("the validation shown a free place took none: %+v", a)
	}
	if left := placesLeft(t); left != 0 {
		t.Fatalf("%d places left after taking the freed one", left)
	}
}
