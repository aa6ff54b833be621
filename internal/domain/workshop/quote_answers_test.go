package workshop_test

import (
	"sync"
	"testing"

	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestASentQuoteIsAnsweredOnceWhateverArrivesAtTheSameMoment(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	system := viewer.SystemContext(t.Context())
	partner, practitioner := api.Token(t, demo.PartnerStaff), api.Token(t, demo.Practitioner)
	id := requestModelQuote(t, api, 0)
	mustOK(t, mutate(t, api, practitioner, "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}))
	mustOK(t, mutate(t, api, practitioner, "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))

	const accepts, declines = 6, 2
	var (
		mu       sync.Mutex
		outcomes = map[string]int{}
		wg       sync.WaitGroup
		start    = make(chan struct{})
	)
	answer := func(field, doc string, input map[string]any) {
		<-start
		codes := mutate(t, api, partner, field, doc, input).Errors.Codes()
		mu.Lock()
		defer mu.Unlock()
		if len(codes) == 0 {
			outcomes[field]++
		} else {
			outcomes[codes[0]]++
		}
	}
	for range accepts {
		wg.Go(func() { answer("acceptQuote", acceptQuoteDoc, acceptInput(id, nil)) })
	}
	for range declines {
		wg.Go(func() { answer("declineQuote", declineQuoteDoc, map[string]any{"quoteID": id}) })
	}
	close(start)
	wg.Wait()

	if outcomes["acceptQuote"]+outcomes["declineQuote"] != 1 || outcomes["INVALID_TRANSITION"] != accepts+declines-1 {
		t.Fatalf("outcomes %v, want one answer and %d INVALID_TRANSITION", outcomes, accepts+declines-1)
	}
	q := api.DB.Client.Quote.GetX(system, pulid.ID(id))
	series := api.DB.Client.WorkshopSeries.Query().Where(workshopseries.QuoteID(q.ID)).CountX(system)
	switch {
	case outcomes["acceptQuote"] == 1 && (q.Status != quote.StatusAccepted || series != 1):
		t.Fatalf("accepted, yet the quote is %s with %d series", q.Status, series)
	case outcomes["declineQuote"] == 1 && (q.Status != quote.StatusDeclined || series != 0):
		t.Fatalf("declined, yet the quote is %s with %d series", q.Status, series)
	}
}
