package directory_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestPublishingOffers(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	publish := func(t *testing.T, account string, org pulid.ID) (pulid.ID, apitest.UserErrors) {
		t.Helper()
		var got struct {
			PublishOffer struct {
				Offer  *struct{ ID pulid.ID }
				Errors apitest.UserErrors
			}
		}
		api.MustSucceed(t, api.Token(t, account), `mutation($in: PublishOfferInput!) { publishOffer(input: $in) {
			offer { id } errors { code message } } }`, map[string]any{"in": map[string]any{
			"organisationID": org, "category": "CRAFTS", "title": "Atelier vannerie", "description": "Tressage de l'osier.",
			"territory": "Gard", "audience": "familles", "contact": "vannerie@demo.invalid",
		}}, &got)
		if got.PublishOffer.Offer == nil {
			return "", got.PublishOffer.Errors
		}
		return got.PublishOffer.Offer.ID, got.PublishOffer.Errors
	}
	update := func(t *testing.T, account string, id pulid.ID) apitest.UserErrors {
		t.Helper()
		var got struct {
			UpdateOffer struct{ Errors apitest.UserErrors }
		}
		api.MustSucceed(t, api.Token(t, account), `mutation($in: UpdateOfferInput!) { updateOffer(input: $in) { errors { code message } } }`,
			map[string]any{"in": map[string]any{"offerID": id, "title": "Atelier vannerie et osier"}}, &got)
		return got.UpdateOffer.Errors
	}

	var offer pulid.ID
	t.Run("a coordinator publishes for a linked network", func(t *testing.T) {
		var errs apitest.UserErrors
		offer, errs = publish(t, demo.Coordinator, api.Organisation(t, "Le 21 (démo)"))
		errs.WantCode(t, "")
	})
	t.Run("a member publishes for their own organisation", func(t *testing.T) {
		_, errs := publish(t, demo.PartnerStaff, api.Demo.SchoolID)
		errs.WantCode(t, "")
	})
	t.Run("a member cannot publish for another organisation", func(t *testing.T) {
		_, errs := publish(t, demo.PartnerStaff, api.Organisation(t, "Le 21 (démo)"))
		errs.WantCode(t, "FORBIDDEN")
	})
	t.Run("a coordinator cannot publish for an organisation not linked to their provider", func(t *testing.T) {
		_, errs := publish(t, demo.RelianceCoordinator, api.Organisation(t, "Le 21 (démo)"))
		errs.WantCode(t, "FORBIDDEN")
	})
	t.Run("the publisher's side edits the offer, others cannot", func(t *testing.T) {
		update(t, demo.PartnerStaff, offer).WantCode(t, "FORBIDDEN")
		update(t, demo.RelianceCoordinator, offer).WantCode(t, "FORBIDDEN")
		update(t, demo.Coordinator, offer).WantCode(t, "")
		edited := api.DB.Client.DirectoryOffer.GetX(apitest.Sys, offer)
		if edited.Title != "Atelier vannerie et osier" {
			t.Fatalf("title %q", edited.Title)
		}
		// The search reads the new title with the description kept.
		if want := "atelier vannerie et osier tressage de l'osier."; edited.SearchText != want {
			t.Fatalf("search text %q, want %q", edited.SearchText, want)
		}
	})
	if n := api.DB.Client.DirectoryOffer.Query().Where(directoryoffer.TitleHasPrefix("Atelier vannerie")).CountX(apitest.Sys); n != 2 {
		t.Fatalf("%d offers published, want 2", n)
	}
}

func TestOrientingAFamily(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	offer := api.DB.Client.DirectoryOffer.Query().Where(directoryoffer.TitleHasPrefix("Atelier de théâtre")).OnlyX(apitest.Sys).ID
	orient := func(t *testing.T, account string) (pulid.ID, apitest.UserErrors) {
		t.Helper()
		var got struct {
			RecordOrientation struct {
				Orientation *struct {
					ID       pulid.ID
					Outcome  string
					Educator struct{ ID pulid.ID }
				}
				Errors apitest.UserErrors
			}
		}
		api.MustSucceed(t, api.Token(t, account), `mutation($in: RecordOrientationInput!) { recordOrientation(input: $in) {
			orientation { id outcome educator { id } } errors { code message } } }`,
			map[string]any{"in": map[string]any{"familyID": api.Demo.FamilyID, "offerID": offer, "note": "intéressée par le théâtre"}}, &got)
		if o := got.RecordOrientation.Orientation; o != nil {
			if o.Outcome != "PENDING" || o.Educator.ID != api.Demo.People[account] {
				t.Fatalf("orientation %+v", o)
			}
			return o.ID, got.RecordOrientation.Errors
		}
		return "", got.RecordOrientation.Errors
	}

	var id pulid.ID
	t.Run("the family's educator records an orientation", func(t *testing.T) {
		var errs apitest.UserErrors
		id, errs = orient(t, demo.Educator)
		errs.WantCode(t, "")
	})
	t.Run("the prescriber, who sees the family, cannot", func(t *testing.T) {
		_, errs := orient(t, demo.Prescriber)
		errs.WantCode(t, "FORBIDDEN")
	})
	t.Run("another provider's educator does not even see the family", func(t *testing.T) {
		_, errs := orient(t, demo.RelianceEducator)
		errs.WantCode(t, "NOT_FOUND")
	})
	t.Run("the educator records the outcome", func(t *testing.T) {
		var got struct {
			RecordOrientationOutcome struct {
				Orientation *struct {
					Outcome   string
					OutcomeAt *string
				}
				Errors apitest.UserErrors
			}
		}
		api.MustSucceed(t, api.Token(t, demo.Educator), `mutation($in: RecordOrientationOutcomeInput!) { recordOrientationOutcome(input: $in) {
			orientation { outcome outcomeAt } errors { code message } } }`,
			map[string]any{"in": map[string]any{"orientationID": id, "outcome": "JOINED"}}, &got)
		got.RecordOrientationOutcome.Errors.WantCode(t, "")
		if o := got.RecordOrientationOutcome.Orientation; o.Outcome != "JOINED" || o.OutcomeAt == nil {
			t.Fatalf("orientation %+v", o)
		}
	})
	t.Run("orientations are read by the family's staff only", func(t *testing.T) {
		for account, want := range map[string]int{demo.Educator: 1, demo.Coordinator: 1, demo.Prescriber: 0, demo.RelianceCoordinator: 0} {
			var got struct{ Orientations struct{ TotalCount int } }
			api.MustSucceed(t, api.Token(t, account), `{ orientations(first: 10) { totalCount } }`, nil, &got)
			if got.Orientations.TotalCount != want {
				t.Errorf("%s sees %d orientations, want %d", account, got.Orientations.TotalCount, want)
			}
		}
	})
}
