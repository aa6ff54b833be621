package workshop_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock/clocktest"
)

const quoteFields = `quote { id status totalCents expiresAt lines { label quantity unitPriceCents amountCents } } errors { code message field }`

const (
	requestQuoteDoc = `mutation($input: RequestQuoteInput!) { requestQuote(input: $input) { ` + quoteFields + ` } }`
	priceQuoteDoc   = `mutation($input: PriceQuoteInput!) { priceQuote(input: $input) { ` + quoteFields + ` } }`
	adjustQuoteDoc  = `mutation($input: AdjustQuoteLinesInput!) { adjustQuoteLines(input: $input) { ` + quoteFields + ` } }`
	sendQuoteDoc    = `mutation($input: SendQuoteInput!) { sendQuote(input: $input) { ` + quoteFields + ` } }`
	declineQuoteDoc = `mutation($input: DeclineQuoteInput!) { declineQuote(input: $input) { ` + quoteFields + ` } }`
	acceptQuoteDoc  = `mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { ` + quoteFields + `
		series { id capacity freeSeats firstSessionAt sessions { startsAt } hostOrganisation { id } } } }`
)

// requestModelQuote asks, as the school, for the brochure's model group.
func requestModelQuote(t *testing.T, api *apitest.API, travelKm int) string {
	t.Helper()
	p := mustOK(t, mutate(t, api, api.Token(t, demo.PartnerStaff), "requestQuote", requestQuoteDoc, map[string]any{
		"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
		"childrenCount": 6, "groupSize": 6, "weeks": 6, "place": "École, salle 2", "travelKm": travelKm,
	}))
	if p.Quote.Status != "REQUESTED" {
		t.Fatalf("status %s, want REQUESTED", p.Quote.Status)
	}
	return p.Quote.ID
}

func TestTheQuoteWorkflow(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner, practitioner := api.Token(t, demo.PartnerStaff), api.Token(t, demo.Practitioner)
	id := requestModelQuote(t, api, 30)
	q := map[string]any{"quoteID": id}

	t.Run("a requested quote cannot be sent before it is priced", func(t *testing.T) {
		mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, q).Errors.WantCode(t, "QUOTE_NOT_PRICED")
	})
	t.Run("the practitioner prices it from the programme's tariff: 900 € and travel", func(t *testing.T) {
		p := mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, q))
		if p.Quote.TotalCents != 90000+6*30*50 || len(p.Quote.Lines) != 2 {
			t.Fatalf("priced %d cents in %+v", p.Quote.TotalCents, p.Quote.Lines)
		}
	})
	t.Run("the partner cannot price or adjust it", func(t *testing.T) {
		res := api.Do(t, partner, priceQuoteDoc, map[string]any{"input": q})
		if len(res.Errors) != 1 || res.Errors[0].Code() != "FORBIDDEN" {
			t.Fatalf("errors %+v, want FORBIDDEN", res.Errors)
		}
	})
	t.Run("the practitioner adjusts the lines", func(t *testing.T) {
		p := mustOK(t, mutate(t, api, practitioner, "adjustQuoteLines", adjustQuoteDoc, map[string]any{
			"quoteID": id, "lines": []map[string]any{
				{"label": "Série de 6 séances", "quantity": 1, "unitPriceCents": 90000},
				{"label": "Déplacements (forfait)", "quantity": 1, "unitPriceCents": 5000},
			},
		}))
		if p.Quote.TotalCents != 95000 {
			t.Fatalf("total %d, want 95000", p.Quote.TotalCents)
		}
	})
	t.Run("the partner cannot accept a quote not sent", func(t *testing.T) {
		mutate(t, api, partner, "acceptQuote", acceptQuoteDoc, acceptInput(id, nil)).Errors.WantCode(t, "INVALID_TRANSITION")
	})
	t.Run("sending sets the expiry date", func(t *testing.T) {
		p := mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, q))
		if p.Quote.Status != "SENT" || p.Quote.ExpiresAt == nil || p.Quote.ExpiresAt.Sub(api.Clock.Now()) < 29*24*time.Hour {
			t.Fatalf("sent quote %+v, want an expiry 30 days ahead", p.Quote)
		}
	})
	t.Run("a sent quote can no longer be priced, adjusted or sent", func(t *testing.T) {
		mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, q).Errors.WantCode(t, "INVALID_TRANSITION")
		mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, q).Errors.WantCode(t, "INVALID_TRANSITION")
	})
	t.Run("accepting creates the series with weekly sessions outside holidays", func(t *testing.T) {
		first := nextTuesday().Add(16*time.Hour + 30*time.Minute)
		holiday := first.AddDate(0, 0, 14)
		var data struct {
			AcceptQuote struct {
				Quote  struct{ Status string }
				Series []struct {
					ID, FirstSessionAt  string
					Capacity, FreeSeats int
					Sessions            []struct{ StartsAt time.Time }
					HostOrganisation    struct{ ID string }
				}
				Errors apitest.UserErrors
			}
		}
		api.MustSucceed(t, partner, acceptQuoteDoc, map[string]any{"input": acceptInput(id, []time.Time{holiday})}, &data)
		got := data.AcceptQuote
		if len(got.Errors) > 0 || got.Quote.Status != "ACCEPTED" || len(got.Series) != 1 {
			t.Fatalf("accept: %+v", got)
		}
		s := got.Series[0]
		if s.Capacity != 6 || s.FreeSeats != 6 || len(s.Sessions) != 6 || s.HostOrganisation.ID != string(api.Demo.SchoolID) {
			t.Fatalf("series %+v", s)
		}
		for _, sess := range s.Sessions {
			if sameDay(sess.StartsAt, holiday) {
				t.Errorf("a session falls in the holiday week: %s", sess.StartsAt)
			}
		}
	})
	t.Run("an accepted quote cannot be accepted or declined again", func(t *testing.T) {
		mutate(t, api, partner, "acceptQuote", acceptQuoteDoc, acceptInput(id, nil)).Errors.WantCode(t, "INVALID_TRANSITION")
		mutate(t, api, partner, "declineQuote", declineQuoteDoc, q).Errors.WantCode(t, "INVALID_TRANSITION")
	})
}

func TestQuoteRules(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner, practitioner := api.Token(t, demo.PartnerStaff), api.Token(t, demo.Practitioner)
	ctx := apitest.Sys

	t.Run("a group larger than the programme's limit is refused", func(t *testing.T) {
		mutate(t, api, partner, "requestQuote", requestQuoteDoc, map[string]any{
			"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
			"childrenCount": 7, "groupSize": 7, "weeks": 6, "place": "École",
		}).Errors.WantCode(t, "GROUP_TOO_LARGE")
	})
	t.Run("an expired quote cannot be accepted", func(t *testing.T) {
		id := requestModelQuote(t, api, 0)
		mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}))
		mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))
		api.DB.Client.Quote.UpdateOneID(pulid.ID(id)).SetExpiresAt(api.Clock.Now().Add(-time.Minute)).ExecX(ctx)
		mutate(t, api, partner, "acceptQuote", acceptQuoteDoc, acceptInput(id, nil)).Errors.WantCode(t, "QUOTE_EXPIRED")
		if s := api.DB.Client.Quote.GetX(ctx, pulid.ID(id)).Status; s != quote.StatusSent {
			t.Fatalf("the refused acceptance changed the status to %s", s)
		}
	})
	t.Run("a sent quote can be declined", func(t *testing.T) {
		id := requestModelQuote(t, api, 0)
		mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}))
		mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))
		p := mustOK(t, mutate(t, api, partner, "declineQuote", declineQuoteDoc, map[string]any{"quoteID": id}))
		if p.Quote.Status != "DECLINED" {
			t.Fatalf("status %s", p.Quote.Status)
		}
	})
	t.Run("dates too short for the quoted weeks are refused", func(t *testing.T) {
		id := requestModelQuote(t, api, 0)
		mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}))
		mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))
		in := acceptInput(id, nil)
		in["lastDate"] = nextTuesday().AddDate(0, 0, 20).Format(time.RFC3339)
		mutate(t, api, partner, "acceptQuote", acceptQuoteDoc, in).Errors.WantCode(t, "INVALID_SCHEDULE")
	})
	t.Run("no series holds more than the programme's group limit, whoever writes it", func(t *testing.T) {
		_, err := api.DB.Client.WorkshopSeries.Create().
			SetProviderID(api.Demo.ProviderID).SetProgrammeID(api.Demo.Programmes["ARCS"]).
			SetHostOrganisationID(api.Demo.SchoolID).SetTitle("Trop grand").SetPlace("École").
			SetCapacity(7).Save(ctx)
		if err == nil {
			t.Fatal("a series of 7 seats was created")
		}
		err = api.DB.Client.WorkshopSeries.UpdateOneID(api.Demo.SeriesID).SetCapacity(7).Exec(ctx)
		if err == nil {
			t.Fatal("a series was enlarged to 7 seats")
		}
	})
}

func acceptInput(id string, holidays []time.Time) map[string]any {
	first := nextTuesday().Add(16*time.Hour + 30*time.Minute)
	in := map[string]any{
		"quoteID":        id,
		"firstSessionAt": first.Format(time.RFC3339),
		"lastDate":       first.AddDate(0, 3, 0).Format(time.RFC3339),
	}
	if holidays != nil {
		in["holidayWeeks"] = holidays
	}
	return in
}

func nextTuesday() time.Time {
	d := clocktest.Start().AddDate(0, 0, 7)
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.Local)
	for d.Weekday() != time.Tuesday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func sameDay(a, b time.Time) bool {
	a, b = a.Local(), b.Local()
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func TestWhoMayWriteQuotes(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	request := map[string]any{
		"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
		"childrenCount": 6, "groupSize": 6, "weeks": 6, "place": "École",
	}
	t.Run("a coordinator may request a quote for a partner", func(t *testing.T) {
		mustOK(t, mutate(t, api, api.Token(t, demo.Coordinator), "requestQuote", requestQuoteDoc, request))
	})
	t.Run("a prescriber may not", func(t *testing.T) {
		res := api.Do(t, api.Token(t, demo.Prescriber), requestQuoteDoc, map[string]any{"input": request})
		if len(res.Errors) != 1 || res.Errors[0].Code() != "FORBIDDEN" {
			t.Fatalf("errors %+v, want FORBIDDEN", res.Errors)
		}
	})
	t.Run("another provider's staff cannot see the quote to price it", func(t *testing.T) {
		id := requestModelQuote(t, api, 0)
		mutate(t, api, api.Token(t, demo.RelianceCoordinator), "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}).Errors.WantCode(t, "NOT_FOUND")
	})
	t.Run("the practitioner cannot answer for the partner", func(t *testing.T) {
		id := requestModelQuote(t, api, 0)
		practitioner := api.Token(t, demo.Practitioner)
		mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}))
		mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))
		res := api.Do(t, practitioner, acceptQuoteDoc, map[string]any{"input": acceptInput(id, nil)})
		if len(res.Errors) != 1 || res.Errors[0].Code() != "FORBIDDEN" {
			t.Fatalf("errors %+v, want FORBIDDEN", res.Errors)
		}
	})
}
