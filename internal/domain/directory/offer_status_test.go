package directory_test

import (
	"slices"
	"testing"

	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/directory"
)

// offerMoves are the mutations that move an offer, by the status they
// move it to.
var offerMoves = map[directoryoffer.Status]string{
	directoryoffer.StatusWithdrawn: "withdrawOffer",
	directoryoffer.StatusPublished: "republishOffer",
	directoryoffer.StatusArchived:  "archiveOffer",
}

func moveOffer(t *testing.T, api *apitest.API, account, mutation string, id pulid.ID) apitest.UserErrors {
	t.Helper()
	var got map[string]struct {
		Offer  *struct{ Status string }
		Errors apitest.UserErrors
	}
	api.MustSucceed(t, api.Token(t, account), `mutation($in: ChangeOfferStatusInput!) { `+mutation+`(input: $in) {
		offer { status } errors { code message } } }`, map[string]any{"in": map[string]any{"offerID": id}}, &got)
	return got[mutation].Errors
}

// TestTheOfferStatusFollowsItsMachine tries each move from each status.
func TestTheOfferStatusFollowsItsMachine(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	statuses := []directoryoffer.Status{directoryoffer.StatusPublished, directoryoffer.StatusWithdrawn, directoryoffer.StatusArchived}
	for _, from := range statuses {
		for to, mutation := range offerMoves {
			t.Run(mutation+" from "+string(from), func(t *testing.T) {
				id := offerOf(t, api, api.Organisation(t, "Le 21"), "Atelier mosaïque (test)")
				api.DB.Client.DirectoryOffer.UpdateOneID(id).SetStatus(from).ExecX(apitest.Sys)
				errs := moveOffer(t, api, demo.Coordinator, mutation, id)
				got := api.DB.Client.DirectoryOffer.GetX(apitest.Sys, id)
				if schema.DirectoryOfferMoves.CanMove(string(from), string(to)) {
					errs.WantNone(t)
					if got.Status != to || got.StatusChangedAt == nil || !got.StatusChangedAt.Equal(api.Clock.Now()) {
						t.Fatalf("offer %s changed at %v, want %s now", got.Status, got.StatusChangedAt, to)
					}
					return
				}
				errs.WantCode(t, "INVALID_TRANSITION")
				if got.Status != from {
					t.Fatalf("refused, yet the offer is %s", got.Status)
				}
			})
		}
	}
}

func TestWithdrawnAndArchivedOffers(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	le21 := api.Organisation(t, "Le 21")
	withdrawn := offerOf(t, api, le21, "Atelier mosaïque (test)")
	archived := offerOf(t, api, le21, "Atelier vitrail (test)")
	// An orientation towards each, recorded while they were published.
	var orientations []pulid.ID
	for _, offer := range []pulid.ID{withdrawn, archived} {
		orientations = append(orientations, orient(t, api, demo.Educator, offer))
	}
	moveOffer(t, api, demo.Coordinator, "withdrawOffer", withdrawn).WantNone(t)
	moveOffer(t, api, demo.Coordinator, "archiveOffer", archived).WantNone(t)

	t.Run("they leave the search", func(t *testing.T) {
		if got := search(t, api, api.Token(t, demo.PartnerStaff), map[string]any{"search": "atelier"}); slices.Contains(titles(got), "Atelier mosaïque (test)") ||
			slices.Contains(titles(got), "Atelier vitrail (test)") {
			t.Fatalf("found %q", titles(got))
		}
	})

	t.Run("they stay readable where the orientations name them", func(t *testing.T) {
		for i, id := range orientations {
			var got struct {
				Node struct {
					Offer struct{ Title, Status string }
				}
			}
			api.MustSucceed(t, api.Token(t, demo.Educator), `query($id: ID!) { node(id: $id) { ... on Orientation { offer { title status } } } }`,
				map[string]any{"id": id}, &got)
			if want := []string{"WITHDRAWN", "ARCHIVED"}[i]; got.Node.Offer.Status != want {
				t.Errorf("orientation %d names an offer %+v, want %s", i, got.Node.Offer, want)
			}
		}
	})

	t.Run("no family is oriented to them", func(t *testing.T) {
		for _, offer := range []pulid.ID{withdrawn, archived} {
			var got struct {
				RecordOrientation struct{ Errors apitest.UserErrors }
			}
			api.MustSucceed(t, api.Token(t, demo.Educator), `mutation($in: RecordOrientationInput!) { recordOrientation(input: $in) {
				errors { code message } } }`, map[string]any{"in": map[string]any{"familyID": api.Demo.FamilyID, "offerID": offer}}, &got)
			got.RecordOrientation.Errors.WantCode(t, string(directory.OfferNotPublished))
		}
	})

	t.Run("a withdrawn offer published again is found again", func(t *testing.T) {
		moveOffer(t, api, demo.Coordinator, "republishOffer", withdrawn).WantNone(t)
		if got := search(t, api, api.Token(t, demo.PartnerStaff), map[string]any{"search": "mosaïque"}); got.TotalCount != 1 {
			t.Fatalf("found %q", titles(got))
		}
	})

	t.Run("an archived offer no longer changes", func(t *testing.T) {
		var got struct {
			UpdateOffer struct{ Errors apitest.UserErrors }
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `mutation($in: UpdateOfferInput!) { updateOffer(input: $in) { errors { code message } } }`,
			map[string]any{"in": map[string]any{"offerID": archived, "title": "Renommé"}}, &got)
		got.UpdateOffer.Errors.WantCode(t, "INVALID_TRANSITION")
	})

	t.Run("only the publisher's side moves an offer", func(t *testing.T) {
		for _, account := range []string{demo.PartnerStaff, demo.RelianceCoordinator, demo.Educator} {
			moveOffer(t, api, account, "withdrawOffer", withdrawn).WantCode(t, "FORBIDDEN")
		}
	})
}
