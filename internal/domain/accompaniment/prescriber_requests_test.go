package accompaniment_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// prescribed is one item of a prescriber's list of his requests.
type prescribed struct {
	ID              string
	Status          string
	RequestedAt     string
	FamilyReference string
	Family          *struct{ Reference string }
	Programme       struct{ Code string }
	RequestNote     *string
	Educators       []struct{ DisplayName string }
}

const myRequests = `{ viewer { prescribedAccompaniments(first: 100) { edges { node {
	id status requestedAt familyReference family { reference } programme { code } requestNote
	educators { displayName } } } } } }`

func listMyRequests(t *testing.T, api *apitest.API, token string) map[string]prescribed {
	t.Helper()
	var got struct {
		Viewer struct {
			PrescribedAccompaniments struct{ Edges []struct{ Node *prescribed } }
		}
	}
	// Never an error: not for a family that stopped sharing, not for a note.
	api.MustSucceed(t, token, myRequests, nil, &got)
	out := map[string]prescribed{}
	for _, e := range got.Viewer.PrescribedAccompaniments.Edges {
		if e.Node == nil {
			t.Fatal("a null item in the list")
		}
		out[e.Node.ID] = *e.Node
	}
	return out
}

// A prescriber's list of his own requests never errors: every request
// shows its pseudonymous reference, programme, status, dates, his own note
// and the educators' names; the family itself follows the sharing consent.
func TestAPrescribersListOfHisRequestsNeverErrors(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	prescriber := api.Token(t, demo.Prescriber)
	withdrawSharing(t, api, api.Demo.FamilyID) // the active MIP's family

	all := api.DB.Client.Accompaniment.Query().
		Where(accompaniment.PrescriberID(api.Demo.People[demo.Prescriber])).WithFamily().WithEducators().AllX(apitest.Sys)
	got := listMyRequests(t, api, prescriber)
	if len(got) != len(all) {
		t.Fatalf("%d requests listed, he made %d", len(got), len(all))
	}
	for _, a := range all {
		item := got[string(a.ID)]
		if item.FamilyReference != a.Edges.Family.Reference || item.Programme.Code == "" || item.Status != string(a.Status) || item.RequestedAt == "" {
			t.Errorf("%s: %+v", a.ID, item)
		}
		if item.RequestNote == nil || *item.RequestNote != a.RequestNote {
			t.Errorf("%s: his own note reads %v, want %q", a.ID, item.RequestNote, a.RequestNote)
		}
		if len(item.Educators) != len(a.Edges.Educators) {
			t.Errorf("%s: educators %+v, want %d names", a.ID, item.Educators, len(a.Edges.Educators))
		}
		for _, e := range item.Educators {
			if e.DisplayName == "" {
				t.Errorf("%s: an educator without a name", a.ID)
			}
		}
		shares := api.DB.Client.Consent.Query().Where(consent.FamilyID(a.FamilyID),
			consent.PurposeEQ(consent.PurposeSharingWithPrescriber), consent.WithdrawnAtIsNil()).ExistX(apitest.Sys)
		if (item.Family != nil) != shares {
			t.Errorf("%s: family shown %v, the family shares %v", a.ID, item.Family != nil, shares)
		}
	}
	if got[string(api.Demo.Accompaniments[accompaniment.StatusActive])].Family != nil {
		t.Fatal("the family that withdrew its consent still shows")
	}
}

// A prescriber withdraws his own request before it is validated, not
// after, and not another prescriber's.
func TestAPrescriberWithdrawsHisOwnRequestBeforeValidation(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	reason := map[string]any{"reason": "La famille a trouvé une autre solution."}
	t.Run("his request, requested or being evaluated", func(t *testing.T) {
		a := request(t, api, tm.appointer, "MIP", nil)
		got := mustStep(t, api, tm.appointer, "withdrawAccompaniment", "EndAccompanimentInput", with(a.ID, "reason", reason["reason"]))
		if got.Status != "WITHDRAWN" {
			t.Fatalf("status %s", got.Status)
		}
		b := request(t, api, tm.appointer, "MIP", nil)
		mustStep(t, api, tm.coordinator, "startEvaluation", "AccompanimentStepInput", on(b.ID))
		mustStep(t, api, tm.appointer, "withdrawAccompaniment", "EndAccompanimentInput", with(b.ID, "reason", reason["reason"]))
	})
	t.Run("not once validated", func(t *testing.T) {
		a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
		_, r := step(t, api, tm.appointer, "withdrawAccompaniment", "EndAccompanimentInput", with(a.ID, "reason", reason["reason"]))
		if len(r.Codes()) == 0 || api.DB.Client.Accompaniment.GetX(apitest.Sys, a.ID).Status != accompaniment.StatusActive {
			t.Fatalf("withdrawn after validation: %v", r.Codes())
		}
	})
	t.Run("not another prescriber's", func(t *testing.T) {
		a := request(t, api, api.Token(t, demo.SecondPrescriber), "MIP", nil)
		_, r := step(t, api, tm.appointer, "withdrawAccompaniment", "EndAccompanimentInput", with(a.ID, "reason", reason["reason"]))
		if len(r.Codes()) == 0 || api.DB.Client.Accompaniment.GetX(apitest.Sys, a.ID).Status != accompaniment.StatusRequested {
			t.Fatalf("withdrawn by another prescriber: %v", r.Codes())
		}
	})
}
