package workshop_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// TestARequestSentSeveralTimesAtOnceBooksOnce: a booking request's key is
// claimed before anything is written (see claim). Copies of one request
// sent at once (a retry racing its first attempt), through one portal
// process or two, all get the first answer and book once; one key sent
// for two series at once books one and refuses the other with
// IDEMPOTENCY_KEY_REUSED, not a failure; a request refused after its
// claim leaves its key free.
func TestARequestSentSeveralTimesAtOnceBooksOnce(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	apis := []*apitest.API{api}
	if api.DB.IsPostgres() {
		apis = append(apis, api.Another(t))
	}
	partner := api.Token(t, demo.PartnerStaff)
	input := func(series any, key string) map[string]any {
		return map[string]any{"seriesID": series, "newChildren": []map[string]any{kid("Jade", 8), kid("Tom", 9)},
			"policy": "CONFIRM_WHAT_FITS", "idempotencyKey": key}
	}
	// at sends the inputs at once, in turn through each process.
	at := func(inputs ...map[string]any) []payload {
		out := make([]payload, len(inputs))
		var wg sync.WaitGroup
		for i, in := range inputs {
			wg.Go(func() { out[i] = send(apis[i%len(apis)], partner, "bookChildren", bookDoc, in) })
		}
		wg.Wait()
		return out
	}

	t.Run("copies of one request", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		const copies = 8
		inputs := make([]map[string]any, copies)
		for i := range inputs {
			inputs[i] = input(s.ID, "sent-twice")
		}
		results := at(inputs...)
		first := mustOK(t, results[0])
		for i, r := range results {
			mustOK(t, r)
			if len(r.Bookings) != 2 || r.Bookings[0].ID != first.Bookings[0].ID || r.Bookings[1].ID != first.Bookings[1].ID {
				t.Fatalf("copy %d answered %+v, copy 0 %+v", i, r.Bookings, first.Bookings)
			}
		}
		if got := statuses(t, api, s.ID); len(got["CONFIRMED"]) != 2 || len(got) != 1 {
			t.Fatalf("%d copies booked %d children, want 2", copies, len(got["CONFIRMED"])+len(got["WAITING"]))
		}
	})
	t.Run("one key for two series", func(t *testing.T) {
		for round := range 4 {
			a, b := newSeries(t, api, 6, month), newSeries(t, api, 6, month)
			key := fmt.Sprintf("one-key-%d", round)
			results := at(input(a.ID, key), input(b.ID, key))
			var done, reused int
			for _, r := range results {
				switch {
				case len(r.Errors) == 0:
					done++
				case len(r.Errors) == 1 && r.Errors[0].Code == "IDEMPOTENCY_KEY_REUSED":
					reused++
				default:
					t.Fatalf("round %d: %+v", round, r.Errors)
				}
			}
			booked := len(statuses(t, api, a.ID)["CONFIRMED"]) + len(statuses(t, api, b.ID)["CONFIRMED"])
			if done != 1 || reused != 1 || booked != 2 {
				t.Fatalf("round %d: %d done, %d refused, %d children booked; want 1, 1 and 2", round, done, reused, booked)
			}
		}
	})
	t.Run("a refused request leaves its key free", func(t *testing.T) {
		begun := newSeries(t, api, 6, -time.Hour)
		book(t, api, partner, begun.ID, "refused-first", "CONFIRM_WHAT_FITS", kid("Max", 8)).Errors.WantCode(t, "SERIES_CLOSED")
		s := newSeries(t, api, 6, month)
		if p := mustOK(t, book(t, api, partner, s.ID, "refused-first", "CONFIRM_WHAT_FITS", kid("Max", 8))); len(p.Bookings) != 1 {
			t.Fatalf("bookings %+v", p.Bookings)
		}
	})
}
