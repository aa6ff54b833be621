package workshop_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// TestATimeSentWithAnOffsetIsTheSameInstantOnceStored sends a first
// session as a French client writes it, with its +01:00 offset: the series
// reads back at that instant, and the public catalogue still answers.
func TestATimeSentWithAnOffsetIsTheSameInstantOnceStored(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner, practitioner := api.Token(t, demo.PartnerStaff), api.Token(t, demo.Practitioner)
	id := requestModelQuote(t, api, 0)
	mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}))
	mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))

	paris := time.FixedZone("", 3600)
	day := api.Clock.Now().AddDate(0, 0, 7).In(paris)
	for day.Weekday() != time.Tuesday {
		day = day.AddDate(0, 0, 1)
	}
	first := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, paris)
	sent := first.Format(time.RFC3339) // e.g. 2026-12-08T10:00:00+01:00
	var data struct {
		AcceptQuote struct {
			Series []struct {
				ID             string
				FirstSessionAt time.Time
				Sessions       []struct{ StartsAt time.Time }
			}
			Errors apitest.UserErrors
		}
	}
	api.MustSucceed(t, partner, acceptQuoteDoc, map[string]any{"input": map[string]any{
		"quoteID": id, "firstSessionAt": sent, "lastDate": first.AddDate(0, 2, 0).Format(time.RFC3339),
	}}, &data)
	if got := data.AcceptQuote; len(got.Errors) > 0 || len(got.Series) != 1 {
		t.Fatalf("accepting with first session %s: %+v", sent, got)
	}
	seriesID := data.AcceptQuote.Series[0].ID

	t.Run("the series reads back at the instant sent", func(t *testing.T) {
		var read struct {
			Node struct {
				FirstSessionAt time.Time
				Sessions       []struct{ StartsAt time.Time }
			}
		}
		api.MustSucceed(t, partner, `query($id: ID!) { node(id: $id) { ... on WorkshopSeries { firstSessionAt sessions { startsAt } } } }`,
			map[string]any{"id": seriesID}, &read)
		if !read.Node.FirstSessionAt.Equal(first) {
			t.Fatalf("first session %s, sent %s", read.Node.FirstSessionAt, sent)
		}
		if len(read.Node.Sessions) == 0 || !read.Node.Sessions[0].StartsAt.Equal(first) {
			t.Fatalf("sessions %+v, the first at %s", read.Node.Sessions, sent)
		}
	})
	t.Run("the series is found by the instant sent", func(t *testing.T) {
		var found struct {
			WorkshopSeries struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		api.MustSucceed(t, partner, `query($at: Time!) { workshopSeries(where: {firstSessionAt: $at}) { edges { node { id } } } }`,
			map[string]any{"at": sent}, &found)
		if e := found.WorkshopSeries.Edges; len(e) != 1 || e[0].Node.ID != seriesID {
			t.Fatalf("where firstSessionAt = %s: %+v", sent, e)
		}
	})
	t.Run("the public catalogue still answers", func(t *testing.T) {
		var data catalogue
		api.MustSucceed(t, "", catalogueDoc, map[string]any{"n": 50}, &data)
		for _, e := range data.WorkshopSeries.Edges {
			if e.Node.ID == seriesID {
				return
			}
		}
		t.Fatalf("the catalogue does not list the new series: %+v", data.WorkshopSeries.Edges)
	})
}
