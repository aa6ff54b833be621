package workshop_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// TestAWaitingGroupIsNotPassedUnderConcurrency fills a series of 6 with
// single children, queues a group of 3 kept together and 4 single
// children behind it, then at once cancels the 6 confirmed bookings and
// sends 10 new requests: whatever the interleaving, the group and the 3
// first singles take the 6 seats, and every newcomer waits behind them;
// through one portal process, then through two sharing the database.
func TestAWaitingGroupIsNotPassedUnderConcurrency(t *testing.T) {
	t.Parallel()
	for _, processes := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d portal processes", processes), func(t *testing.T) {
			api := apitest.New(t)
			if !api.DB.IsPostgres() {
				t.Skip("row locks across connections are a PostgreSQL matter; SQLite writes are serial")
			}
			apis := []*apitest.API{api}
			if processes == 2 {
				apis = append(apis, api.Another(t))
			}
			partner := api.Token(t, demo.PartnerStaff)
			s := newSeries(t, api, 6, month)
			var seated []string
			for i := range 6 {
				p := mustOK(t, request(t, api, partner, s.ID, fmt.Sprintf("seat-%d", i), "CONFIRM_WHAT_FITS", nil, fmt.Sprintf("Assis%d", i)))
				seated = append(seated, p.Bookings[0].ID)
			}
			mustOK(t, request(t, api, partner, s.ID, "group", "AS_ONE_GROUP", nil, "Groupe1", "Groupe2", "Groupe3"))
			for i := range 4 {
				mustOK(t, request(t, api, partner, s.ID, fmt.Sprintf("single-%d", i), "CONFIRM_WHAT_FITS", nil, fmt.Sprintf("Attente%d", i)))
			}

			const newcomers = 10
			results := make([]payload, len(seated)+newcomers)
			var wg sync.WaitGroup
			for i, id := range seated {
				wg.Go(func() {
					results[i] = send(apis[i%len(apis)], partner, "cancelBooking", cancelDoc, map[string]any{
						"bookingID": id, "idempotencyKey": fmt.Sprintf("free-%d", i),
					})
				})
			}
			for i := range newcomers {
				wg.Go(func() {
					results[len(seated)+i] = send(apis[i%len(apis)], partner, "bookChildren", bookDoc, map[string]any{
						"seriesID": s.ID, "newChildren": []map[string]any{kid(fmt.Sprintf("Nouveau%02d", i), 8)},
						"policy": "CONFIRM_WHAT_FITS", "idempotencyKey": fmt.Sprintf("new-%d", i),
					})
				})
			}
			wg.Wait()
			for i, r := range results {
				mustOK(t, r)
				if i >= len(seated) && r.Bookings[0].Status != "WAITING" {
					t.Errorf("newcomer %s is %s, want WAITING", r.Bookings[0].Child.FirstName, r.Bookings[0].Status)
				}
			}
			confirmed, waiting := confirmedNames(t, api, s.ID)
			if want := []string{"Attente0", "Attente1", "Attente2", "Groupe1", "Groupe2", "Groupe3"}; !slices.Equal(confirmed, want) {
				t.Fatalf("confirmed %v, want %v", confirmed, want)
			}
			if len(waiting) != 1+newcomers || waiting[0] != "Attente3" {
				t.Fatalf("waiting %v, want Attente3 then the %d newcomers", waiting, newcomers)
			}
			checkArrivalOrder(t, statuses(t, api, s.ID), 6, 6, 1+newcomers, 6)
		})
	}
}
