package network_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/network"
)

const amendConvention = `mutation($in: AmendConventionInput!) { amendConvention(input: $in) {
	convention { id places endsAt placesTaken placesLeft warnings }
	errors { code message field } } }`

type amendedConvention struct {
	ID          pulid.ID
	Places      int
	EndsAt      string
	PlacesTaken int
	PlacesLeft  int
	Warnings    []string
}

func TestAmendingAConvention(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	client := api.DB.Client
	coord := api.Token(t, demo.Coordinator)
	mip := client.Convention.Query().Where(convention.ProgrammeID(api.Demo.Programmes["MIP"])).OnlyX(apitest.Sys)
	accompanimentsOn(t, api, mip, accompaniment.StatusActive, 2)
	// The one function of a place taken counts; the test never recounts.
	taken, err := network.PlacesTaken(apitest.Sys, client, []pulid.ID{mip.ID})
	if err != nil {
		t.Fatal(err)
	}
	takenNow := taken[mip.ID]

	amend := func(t *testing.T, token string, in map[string]any) (*amendedConvention, apitest.UserErrors) {
		t.Helper()
		in["conventionID"] = mip.ID
		var got struct {
			AmendConvention struct {
				Convention *amendedConvention
				Errors     apitest.UserErrors
			}
		}
		api.MustSucceed(t, token, amendConvention, map[string]any{"in": in}, &got)
		return got.AmendConvention.Convention, got.AmendConvention.Errors
	}
	day := func(d time.Time) string { return d.Format(time.RFC3339) }

	firstAt := api.Clock.Now()
	t.Run("more places: the places left follow", func(t *testing.T) {
		c, errs := amend(t, coord, map[string]any{"places": mip.Places + 3, "reason": "Avenant n°1 : trois places de plus."})
		errs.WantNone(t)
		if c.Places != mip.Places+3 || c.PlacesTaken != takenNow || c.PlacesLeft != mip.Places+3-takenNow {
			t.Fatalf("got %+v, want %d places, %d taken", c, mip.Places+3, takenNow)
		}
	})

	api.Clock.Advance(48 * time.Hour)
	secondAt := api.Clock.Now()
	newEnd := mip.EndsAt.AddDate(0, 3, 0)
	t.Run("a later end date, the places kept", func(t *testing.T) {
		c, errs := amend(t, coord, map[string]any{"endsAt": day(newEnd), "reason": "Prolongation de trois mois."})
		errs.WantNone(t)
		if got, _ := time.Parse(time.DateOnly, c.EndsAt); !got.Equal(newEnd) || c.Places != mip.Places+3 {
			t.Fatalf("got %+v, want the end on %s", c, newEnd)
		}
	})

	t.Run("places down to exactly those taken: none left, nearly used up", func(t *testing.T) {
		c, errs := amend(t, coord, map[string]any{"places": takenNow, "reason": "Réduction au réalisé."})
		errs.WantNone(t)
		if c.Places != takenNow || c.PlacesLeft != 0 || !slices.Contains(c.Warnings, string(network.NearlyUsedUp)) {
			t.Fatalf("got %+v", c)
		}
	})

	t.Run("places below those taken are refused, in French", func(t *testing.T) {
		_, errs := amend(t, coord, map[string]any{"places": takenNow - 1, "reason": "Erreur de saisie."})
		errs.WantCode(t, string(network.PlacesBelowTaken))
		if msg := errs[0].Message; !strings.Contains(msg, "déjà") || !strings.Contains(msg, "places") {
			t.Fatalf("message %q", msg)
		}
		if got := client.Convention.GetX(apitest.Sys, mip.ID).Places; got != takenNow {
			t.Fatalf("places %d after a refusal, want %d", got, takenNow)
		}
	})

	for _, tc := range []struct {
		name string
		in   map[string]any
		code string
	}{
		{"without a reason", map[string]any{"places": 40, "reason": "  "}, "BAD_USER_INPUT"},
		{"changing nothing", map[string]any{"places": takenNow, "reason": "Rien."}, "BAD_USER_INPUT"},
		{"no place at all", map[string]any{"places": 0, "reason": "Fin."}, "BAD_USER_INPUT"},
		{"an end before the start", map[string]any{"endsAt": day(mip.StartsAt.AddDate(0, 0, -1)), "reason": "Erreur."}, string(network.InvalidPeriod)},
	} {
		t.Run("refused: "+tc.name, func(t *testing.T) {
			_, errs := amend(t, coord, tc.in)
			errs.WantCode(t, tc.code)
		})
	}

	t.Run("another provider's coordinator cannot amend it", func(t *testing.T) {
		_, errs := amend(t, api.Token(t, demo.RelianceCoordinator), map[string]any{"places": 40, "reason": "Non."})
		if len(errs) != 1 || (errs[0].Code != "NOT_FOUND" && errs[0].Code != "FORBIDDEN") {
			t.Fatalf("errors %+v", errs)
		}
	})

	t.Run("the amendments are kept in order, dated, with their author and values", func(t *testing.T) {
		var got struct {
			Node struct {
				Amendments []struct {
					At                        time.Time
					PlacesBefore, PlacesAfter int
					EndsAtBefore, EndsAtAfter string
					Reason                    string
					Author                    struct{ DisplayName string }
				}
			}
		}
		api.MustSucceed(t, coord, `query($id: ID!) { node(id: $id) { ... on Convention { amendments {
			at placesBefore placesAfter endsAtBefore endsAtAfter reason author { displayName } } } } }`,
			map[string]any{"id": mip.ID}, &got)
		a := got.Node.Amendments
		if len(a) != 3 {
			t.Fatalf("%d amendments, want 3: %+v", len(a), a)
		}
		for i, want := range []struct {
			at            time.Time
			before, after int
			endsAfter     time.Time
		}{
			{firstAt, mip.Places, mip.Places + 3, mip.EndsAt},
			{secondAt, mip.Places + 3, mip.Places + 3, newEnd},
			{secondAt, mip.Places + 3, takenNow, newEnd},
		} {
			ends, _ := time.Parse(time.DateOnly, a[i].EndsAtAfter)
			if !a[i].At.Equal(want.at) || a[i].PlacesBefore != want.before || a[i].PlacesAfter != want.after ||
				!ends.Equal(want.endsAfter) || a[i].Reason == "" || a[i].Author.DisplayName != "Claire Coordinatrice (démo)" {
				t.Errorf("amendment %d: %+v, want %+v by the coordinator", i, a[i], want)
			}
		}
	})

	t.Run("an amendment is never changed nor deleted", func(t *testing.T) {
		a := client.ConventionAmendment.Query().FirstX(apitest.Sys)
		if err := client.ConventionAmendment.DeleteOne(a).Exec(api.Viewer(t, demo.Coordinator)); err == nil {
			t.Fatal("the coordinator deleted an amendment")
		}
	})

	t.Run("the amendments are read by whoever reads the convention", func(t *testing.T) {
		for account, want := range map[string]int{demo.Coordinator: 3, demo.RelianceCoordinator: 0, demo.PartnerStaff: 0} {
			n := 0
			var got struct {
				Node *struct{ Amendments []struct{ ID pulid.ID } }
			}
			api.Do(t, api.Token(t, account), `query($id: ID!) { node(id: $id) { ... on Convention { amendments { id } } } }`,
				map[string]any{"id": mip.ID}).Decode(t, &got)
			if got.Node != nil {
				n = len(got.Node.Amendments)
			}
			if n != want {
				t.Errorf("%s reads %d amendments, want %d", account, n, want)
			}
		}
	})
}
