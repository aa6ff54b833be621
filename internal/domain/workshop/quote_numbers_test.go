package workshop_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/workshop"
)

const numberedDoc = `query($id: ID!) { node(id: $id) { ... on Quote { number pdfURL status } } }`

type numbered struct {
	Node struct {
		Number *string
		PdfURL *string `json:"pdfURL"`
		Status string
	}
}

// pricedQuote runs a school's request for one group up to priced.
func pricedQuote(t *testing.T, api *apitest.API, tokens map[string]string) string {
	t.Helper()
	p := mustOK(t, mutate(t, api, tokens[demo.PartnerStaff], "requestQuote", requestQuoteDoc, map[string]any{
		"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
		"childrenCount": 6, "groupSize": 6, "weeks": 6, "place": "École, salle 2",
	}))
	mustOK(t, mutate(t, api, tokens[demo.Practitioner], "priceQuote", priceQuoteDoc, map[string]any{"quoteID": p.Quote.ID}))
	return p.Quote.ID
}

func numberOf(t *testing.T, api *apitest.API, token, id string) numbered {
	t.Helper()
	var n numbered
	api.MustSucceed(t, token, numberedDoc, map[string]any{"id": id}, &n)
	return n
}

func TestQuotesAreNumberedPerProviderAndYearWhenSent(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tokens := tokensAt(t, api, at(2027, 3, 1, 9, 0), demo.PartnerStaff, demo.Practitioner)

	t.Run("a quote has no number until it is sent", func(t *testing.T) {
		id := pricedQuote(t, api, tokens)
		if n := numberOf(t, api, tokens[demo.PartnerStaff], id); n.Node.Number != nil || n.Node.PdfURL != nil {
			t.Fatalf("a priced quote reads %+v", n.Node)
		}
	})
	t.Run("the quotes sent in a year follow each other from 0001", func(t *testing.T) {
		for i := 1; i <= 3; i++ {
			id := pricedQuote(t, api, tokens)
			mustOK(t, mutate(t, api, tokens[demo.Practitioner], "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))
			n := numberOf(t, api, tokens[demo.PartnerStaff], id)
			if want := fmt.Sprintf("DEV-2027-%04d", i); n.Node.Number == nil || *n.Node.Number != want {
				t.Fatalf("quote %d: number %v, want %s", i, n.Node.Number, want)
			}
			if want := "/exports/quotes/" + id + ".pdf"; n.Node.PdfURL == nil || *n.Node.PdfURL != want {
				t.Errorf("pdfURL %v, want %s", n.Node.PdfURL, want)
			}
		}
	})
	t.Run("a new year starts again from 0001", func(t *testing.T) {
		// 31 December, 23:30 in Paris, is already the new year there.
		tokens := tokensAt(t, api, at(2028, 1, 1, 0, 30), demo.PartnerStaff, demo.Practitioner)
		id := pricedQuote(t, api, tokens)
		mustOK(t, mutate(t, api, tokens[demo.Practitioner], "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))
		if n := numberOf(t, api, tokens[demo.PartnerStaff], id); n.Node.Number == nil || *n.Node.Number != "DEV-2028-0001" {
			t.Fatalf("number %v, want DEV-2028-0001", n.Node.Number)
		}
	})
	t.Run("each provider has its own sequence", func(t *testing.T) {
		ctx := viewer.SystemContext(t.Context())
		mine, err := workshop.TakeNumber(ctx, api.DB.Client, api.Demo.ProviderID, "DEV", 2028)
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := workshop.TakeNumber(ctx, api.DB.Client, api.Demo.RelianceProviderID, "DEV", 2028)
		if err != nil {
			t.Fatal(err)
		}
		if mine != 2 || theirs != 1 {
			t.Fatalf("numbers %d and %d, want 2 (after DEV-2028-0001) and 1", mine, theirs)
		}
	})
}

func TestQuotesSentAtOnceGetDistinctFollowingNumbers(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tokens := tokensAt(t, api, at(2027, 3, 1, 9, 0), demo.PartnerStaff, demo.Practitioner)
	const n = 8
	ids := make([]string, n)
	for i := range ids {
		ids[i] = pricedQuote(t, api, tokens)
	}
	var wg sync.WaitGroup
	errs := make([]apitest.UserErrors, n)
	for i, id := range ids {
		wg.Go(func() {
			res := api.Do(t, tokens[demo.Practitioner], sendQuoteDoc, map[string]any{"input": map[string]any{"quoteID": id}})
			var data map[string]payload
			if len(res.Errors) > 0 {
				errs[i] = apitest.UserErrors{{Code: res.Errors[0].Code(), Message: res.Errors[0].Message}}
				return
			}
			res.Decode(t, &data)
			errs[i] = data["sendQuote"].Errors
		})
	}
	wg.Wait()
	var numbers []string
	for i, id := range ids {
		errs[i].WantNone(t)
		if got := numberOf(t, api, tokens[demo.Practitioner], id).Node.Number; got != nil {
			numbers = append(numbers, *got)
		}
	}
	slices.Sort(numbers)
	for i, got := range numbers {
		if want := fmt.Sprintf("DEV-2027-%04d", i+1); got != want {
			t.Fatalf("numbers %v, want DEV-2027-0001 to DEV-2027-%04d without gaps or repeats", numbers, n)
		}
	}
	if len(numbers) != n {
		t.Fatalf("%d numbers for %d quotes", len(numbers), n)
	}
}
