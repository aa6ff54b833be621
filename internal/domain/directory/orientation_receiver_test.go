package directory_test

import (
	"slices"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/orientation"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// offerOf publishes, as the portal, an offer of an organisation: the
// receiver of the orientations towards it.
func offerOf(t *testing.T, api *apitest.API, org pulid.ID, title string) pulid.ID {
	t.Helper()
	return api.DB.Client.DirectoryOffer.Create().SetOrganisationID(org).SetCategory(directoryoffer.CategoryOther).
		SetTitle(title).SetDescription("Offre de test.").SetTerritory("Gard").SetAudience("familles").
		SetContact("test@demo.invalid").SaveX(apitest.Sys).ID
}

const recordOutcome = `mutation($in: RecordOrientationOutcomeInput!) { recordOrientationOutcome(input: $in) {
	orientation { id outcome } errors { code message } } }`

func outcome(t *testing.T, api *apitest.API, account string, id pulid.ID, to string, note string) apitest.UserErrors {
	t.Helper()
	var got struct {
		RecordOrientationOutcome struct{ Errors apitest.UserErrors }
	}
	api.MustSucceed(t, api.Token(t, account), recordOutcome,
		map[string]any{"in": map[string]any{"orientationID": id, "outcome": to, "note": note}}, &got)
	return got.RecordOrientationOutcome.Errors
}

func orient(t *testing.T, api *apitest.API, account string, offer pulid.ID) pulid.ID {
	t.Helper()
	var got struct {
		RecordOrientation struct {
			Orientation *struct{ ID pulid.ID }
			Errors      apitest.UserErrors
		}
	}
	api.MustSucceed(t, api.Token(t, account), `mutation($in: RecordOrientationInput!) { recordOrientation(input: $in) {
		orientation { id } errors { code message } } }`,
		map[string]any{"in": map[string]any{"familyID": api.Demo.FamilyID, "offerID": offer, "note": "Mère isolée, suivi ASE."}}, &got)
	got.RecordOrientation.Errors.WantNone(t)
	return got.RecordOrientation.Orientation.ID
}

func TestTheHistoryOfAnOrientation(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	offer := offerOf(t, api, api.Demo.SchoolID, "Club de lecture (test)")

	recordedAt := api.Clock.Now()
	id := orient(t, api, demo.Educator, offer)
	api.Clock.Advance(72 * time.Hour)
	noResponseAt := api.Clock.Now()
	outcome(t, api, demo.PartnerStaff, id, "NO_RESPONSE", "Pas de nouvelles après deux appels.").WantNone(t)
	api.Clock.Advance(24 * time.Hour)
	joinedAt := api.Clock.Now()
	outcome(t, api, demo.PartnerStaff, id, "JOINED", "Inscrite au club.").WantNone(t)

	t.Run("each change is kept in order with its date and author", func(t *testing.T) {
		var got struct {
			Node struct {
				Outcome   string
				OutcomeAt time.Time
				Events    []struct {
					FromOutcome *string
					ToOutcome   string
					At          time.Time
					Note        string
					Actor       struct{ ID pulid.ID }
				}
			}
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($id: ID!) { node(id: $id) { ... on Orientation {
			outcome outcomeAt events { fromOutcome toOutcome at note actor { id } } } } }`, map[string]any{"id": id}, &got)
		want := []struct {
			from, to string
			at       time.Time
			by       string
		}{
			{"", "PENDING", recordedAt, demo.Educator},
			{"PENDING", "NO_RESPONSE", noResponseAt, demo.PartnerStaff},
			{"NO_RESPONSE", "JOINED", joinedAt, demo.PartnerStaff},
		}
		if got.Node.Outcome != "JOINED" || !got.Node.OutcomeAt.Equal(joinedAt) || len(got.Node.Events) != len(want) {
			t.Fatalf("got %+v", got.Node)
		}
		for i, e := range got.Node.Events {
			from := ""
			if e.FromOutcome != nil {
				from = *e.FromOutcome
			}
			w := want[i]
			if from != w.from || e.ToOutcome != w.to || !e.At.Equal(w.at) || e.Actor.ID != api.Demo.People[w.by] {
				t.Errorf("event %d: %+v, want %+v", i, e, w)
			}
		}
	})

	t.Run("the history cannot be rewritten", func(t *testing.T) {
		ev := api.DB.Client.OrientationEvent.Query().FirstX(apitest.Sys)
		if err := api.DB.Client.OrientationEvent.DeleteOne(ev).Exec(api.Viewer(t, demo.Coordinator)); err == nil {
			t.Fatal("an orientation event was deleted")
		}
	})
}

// TestTheOutcomeFollowsItsMachine tries every outcome towards every
// other: only the machine's moves are allowed.
func TestTheOutcomeFollowsItsMachine(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	offer := offerOf(t, api, api.Demo.SchoolID, "Club de lecture (test)")
	outcomes := []orientation.Outcome{orientation.OutcomePending, orientation.OutcomeJoined,
		orientation.OutcomeDeclined, orientation.OutcomeNoResponse}
	for _, from := range outcomes {
		for _, to := range outcomes {
			t.Run(string(from)+" to "+string(to), func(t *testing.T) {
				o := api.DB.Client.Orientation.Create().SetFamilyID(api.Demo.FamilyID).SetOfferID(offer).
					SetEducatorID(api.Demo.People[demo.Educator]).SetOrientedAt(api.Clock.Now()).SetOutcome(from).SaveX(apitest.Sys)
				errs := outcome(t, api, demo.PartnerStaff, o.ID, string(to), "")
				switch {
				case to == orientation.OutcomePending:
					errs.WantCode(t, "BAD_USER_INPUT")
				case schema.OrientationOutcomeMoves.CanMove(string(from), string(to)):
					errs.WantNone(t)
				default:
					errs.WantCode(t, "INVALID_TRANSITION")
				}
				if got := api.DB.Client.Orientation.GetX(apitest.Sys, o.ID).Outcome; len(errs) > 0 && got != from {
					t.Fatalf("refused, yet the outcome is %s", got)
				}
			})
		}
	}
}

// TestTheReceiverSeesTheOrientationsAddressedToIt: the organisation
// publishing an offer reads the orientations towards it, and only those,
// without the family's sensitive fields.
func TestTheReceiverSeesTheOrientationsAddressedToIt(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	toSchool := orient(t, api, demo.Educator, offerOf(t, api, api.Demo.SchoolID, "Club de lecture (test)"))
	toCouncil := orient(t, api, demo.Educator, offerOf(t, api, api.Demo.DepartmentalCouncilID, "Groupe de parole (test)"))
	le21 := api.DB.Client.DirectoryOffer.Query().Where(directoryoffer.OrganisationID(api.Organisation(t, "Le 21"))).FirstIDX(apitest.Sys)
	toLe21 := orient(t, api, demo.Coordinator, le21)
	all := []pulid.ID{toSchool, toCouncil, toLe21}

	// The staff of the family see every orientation of it; a receiver
	// those addressed to its organisation; everyone else none.
	want := map[string][]pulid.ID{
		demo.Coordinator:  all,
		demo.Educator:     all,
		demo.PartnerStaff: {toSchool},
		demo.Prescriber:   {toCouncil},
	}
	for _, account := range apitest.EveryAccount() {
		t.Run(account, func(t *testing.T) {
			var got struct {
				Orientations struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID pulid.ID } }
				}
			}
			res := api.Do(t, api.Token(t, account), `{ orientations(first: 50) { totalCount edges { node { id } } } }`, nil)
			res.Decode(t, &got)
			var ids []pulid.ID
			for _, e := range got.Orientations.Edges {
				ids = append(ids, e.Node.ID)
			}
			expected := want[account]
			if account == demo.Practitioner && staffFollowsDemoFamily(t, api, account) {
				expected = all
			}
			slices.Sort(ids)
			expected = slices.Sorted(slices.Values(expected))
			if !slices.Equal(ids, expected) || got.Orientations.TotalCount != len(expected) {
				t.Fatalf("sees %v (total %d), want %v", ids, got.Orientations.TotalCount, expected)
			}
		})
	}

	t.Run("the receiver reads the family's reference and the offer, not the staff's note nor the family", func(t *testing.T) {
		token := api.Token(t, demo.PartnerStaff)
		var got struct {
			Node struct {
				FamilyReference string
				Offer           struct{ Title string }
				Note            *string
			}
		}
		res := api.Do(t, token, `query($id: ID!) { node(id: $id) { ... on Orientation { familyReference offer { title } note } } }`,
			map[string]any{"id": toSchool})
		res.Decode(t, &got)
		fam := api.DB.Client.Family.GetX(apitest.Sys, api.Demo.FamilyID)
		if got.Node.FamilyReference != fam.Reference || got.Node.Offer.Title != "Club de lecture (test)" {
			t.Fatalf("got %+v", got.Node)
		}
		if got.Node.Note != nil || !slices.Equal(res.Codes(), []string{"FORBIDDEN"}) {
			t.Fatalf("note %v, codes %v: the staff's note must stay hidden", got.Node.Note, res.Codes())
		}
		res = api.Do(t, token, `query($id: ID!) { node(id: $id) { ... on Orientation { family { reference socioEconomicSituation } } } }`,
			map[string]any{"id": toSchool})
		if len(res.Errors) == 0 || string(res.Data) != `{"node":null}` {
			t.Fatalf("the receiver reached the family: %s %v", res.Data, res.Codes())
		}
		if res := api.Do(t, token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": api.Demo.FamilyID}); string(res.Data) != `{"node":null}` {
			t.Fatalf("the receiver reads the family node: %s", res.Data)
		}
	})

	t.Run("the receiver reads the outcome and its history", func(t *testing.T) {
		var got struct {
			Node struct {
				Outcome string
				Events  []struct{ ToOutcome string }
			}
		}
		api.MustSucceed(t, api.Token(t, demo.PartnerStaff), `query($id: ID!) { node(id: $id) { ... on Orientation {
			outcome events { toOutcome at } } } }`, map[string]any{"id": toSchool}, &got)
		if got.Node.Outcome != "PENDING" || len(got.Node.Events) != 1 {
			t.Fatalf("got %+v", got.Node)
		}
		res := api.Do(t, api.Token(t, demo.PartnerStaff), `query($id: ID!) { node(id: $id) { ... on Orientation { educator { displayName } } } }`,
			map[string]any{"id": toSchool})
		// Who follows the family is the file's, not the receiver's.
		if len(res.Errors) == 0 || string(res.Data) != `{"node":null}` {
			t.Fatalf("the receiver read the educator: %s", res.Data)
		}
	})

	t.Run("the staff read the note", func(t *testing.T) {
		var got struct{ Node struct{ Note string } }
		api.MustSucceed(t, api.Token(t, demo.Educator), `query($id: ID!) { node(id: $id) { ... on Orientation { note } } }`,
			map[string]any{"id": toSchool}, &got)
		if got.Node.Note == "" {
			t.Fatal("the educator lost the note")
		}
	})

	t.Run("a receiver records the outcome of its own orientations only", func(t *testing.T) {
		outcome(t, api, demo.PartnerStaff, toCouncil, "JOINED", "").WantCode(t, "NOT_FOUND")
		outcome(t, api, demo.Prescriber, toSchool, "JOINED", "").WantCode(t, "NOT_FOUND")
		outcome(t, api, demo.PartnerStaff, toSchool, "DECLINED", "La famille a décliné.").WantNone(t)
		outcome(t, api, demo.Prescriber, toCouncil, "JOINED", "").WantNone(t)
	})

	t.Run("a receiver cannot change the staff's note", func(t *testing.T) {
		err := api.DB.Client.Orientation.UpdateOneID(toSchool).SetNote("changée").Exec(api.Viewer(t, demo.PartnerStaff))
		if err == nil {
			t.Fatal("the receiver changed the staff's note")
		}
	})
}

// staffFollowsDemoFamily reports whether a provider account (no partner
// role) follows the demo family, as the family's read rule decides.
func staffFollowsDemoFamily(t *testing.T, api *apitest.API, account string) bool {
	t.Helper()
	return api.DB.Client.Family.Query().Where(family.ID(api.Demo.FamilyID)).ExistX(api.Viewer(t, account))
}
