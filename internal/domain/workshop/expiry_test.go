package workshop_test

import (
	"context"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// storedQuote adds a quote of the demo school for ARCS directly, in the
// given status, expiring at expiresAt (none when zero).
func storedQuote(t *testing.T, api *apitest.API, status quote.Status, expiresAt time.Time) pulid.ID {
	t.Helper()
	create := api.DB.Client.Quote.Create().
		SetProviderID(api.Demo.ProviderID).SetProgrammeID(api.Demo.Programmes["ARCS"]).
		SetOrganisationID(api.Demo.SchoolID).SetPractitionerID(api.Demo.People[demo.Practitioner]).
		SetStatus(status).SetChildrenCount(6).SetGroupSize(6).SetWeeks(6).SetPlace("École").
		SetTotalCents(90000)
	if !expiresAt.IsZero() {
		create.SetSentAt(expiresAt.AddDate(0, 0, -30)).SetExpiresAt(expiresAt)
	}
	return create.SaveX(apitest.Sys).ID
}

func TestSentQuotesExpire(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ctx := apitest.Sys
	partner, practitioner := api.Token(t, demo.PartnerStaff), api.Token(t, demo.Practitioner)
	now := api.Clock.Now().Truncate(time.Second)

	// A quote sent through the workflow, whose validity then ran out.
	sent := requestModelQuote(t, api, 0)
	mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": sent}))
	mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": sent}))
	api.DB.Client.Quote.UpdateOneID(pid(sent)).SetExpiresAt(now.Add(-time.Hour)).ExecX(ctx)

	quotes := []struct {
		name string
		id   pulid.ID
		want quote.Status
	}{
		{"a sent quote past its expiry expires", pid(sent), quote.StatusExpired},
		{"a sent quote expires at its expiry instant", storedQuote(t, api, quote.StatusSent, now), quote.StatusExpired},
		{"a sent quote not yet expired stays sent", storedQuote(t, api, quote.StatusSent, now.Add(time.Minute)), quote.StatusSent},
		{"a requested quote stays requested", storedQuote(t, api, quote.StatusRequested, time.Time{}), quote.StatusRequested},
		{"an accepted quote stays accepted", storedQuote(t, api, quote.StatusAccepted, now.Add(-time.Hour)), quote.StatusAccepted},
		{"a declined quote stays declined", storedQuote(t, api, quote.StatusDeclined, now.Add(-time.Hour)), quote.StatusDeclined},
		{"the demo's accepted quote stays accepted", api.Demo.QuoteID, quote.StatusAccepted},
	}

	api.DB.ResetQueries()
	n, err := api.Services.Workshop.ExpireQuotes(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("ExpireQuotes expired %d quotes, want 2", n)
	}
	if q := api.DB.Queries(); q != 0 {
		t.Errorf("ExpireQuotes read %d times; one UPDATE is enough", q)
	}
	for _, tc := range quotes {
		t.Run(tc.name, func(t *testing.T) {
			if got := api.DB.Client.Quote.GetX(ctx, tc.id).Status; got != tc.want {
				t.Fatalf("status %s, want %s", got, tc.want)
			}
		})
	}

	t.Run("running it again expires nothing more", func(t *testing.T) {
		if n, err := api.Services.Workshop.ExpireQuotes(context.Background(), now); err != nil || n != 0 {
			t.Fatalf("expired %d more, %v", n, err)
		}
	})
	t.Run("an expired quote can be neither accepted nor declined", func(t *testing.T) {
		mutate(t, api, partner, "acceptQuote", acceptQuoteDoc, acceptInput(sent, nil)).Errors.WantCode(t, "QUOTE_EXPIRED")
		mutate(t, api, partner, "declineQuote", declineQuoteDoc, map[string]any{"quoteID": sent}).Errors.WantCode(t, "QUOTE_EXPIRED")
		if got := api.DB.Client.Quote.GetX(ctx, pid(sent)).Status; got != quote.StatusExpired {
			t.Fatalf("status %s after refused answers", got)
		}
	})
	t.Run("an expired quote cannot be priced or sent again", func(t *testing.T) {
		mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": sent}).Errors.WantCode(t, "INVALID_TRANSITION")
		mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": sent}).Errors.WantCode(t, "INVALID_TRANSITION")
	})
	t.Run("a quote not yet expired can still be answered", func(t *testing.T) {
		p := mustOK(t, mutate(t, api, partner, "declineQuote", declineQuoteDoc, map[string]any{"quoteID": quotes[2].id}))
		if p.Quote.Status != "DECLINED" {
			t.Fatalf("status %s", p.Quote.Status)
		}
	})
}
