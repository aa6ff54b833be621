package workshop_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/server"
)

// TestBookingsNeverOverbookUnderConcurrency sends 50 simultaneous booking
// requests for a series of 6, then cancels the 6 confirmed ones at once:
// exactly 6 are confirmed each time, in arrival order, none lost or
// doubled; through one portal process, then through two sharing the
// database.
func TestBookingsNeverOverbookUnderConcurrency(t *testing.T) {
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

			const requests = 50
			results := make([]payload, requests)
			var wg sync.WaitGroup
			for i := range requests {
				wg.Go(func() {
					results[i] = send(apis[i%len(apis)], partner, "bookChildren", bookDoc, map[string]any{
						"seriesID": s.ID, "newChildren": []map[string]any{kid(fmt.Sprintf("Enfant%02d", i), 8)},
						"policy": "CONFIRM_WHAT_FITS", "idempotencyKey": fmt.Sprintf("load-%d", i),
					})
				})
			}
			wg.Wait()
			confirmed, waiting := 0, 0
			for _, r := range results {
				mustOK(t, r)
				switch r.Bookings[0].Status {
				case "CONFIRMED":
					confirmed++
				case "WAITING":
					waiting++
				}
			}
			if confirmed != 6 || waiting != 44 {
				t.Fatalf("the requests were answered %d CONFIRMED and %d WAITING, want 6 and 44", confirmed, waiting)
			}
			before := statuses(t, api, s.ID)
			checkArrivalOrder(t, before, 0, 6, 44, 0)

			// Cancel the six confirmed bookings at once.
			cancels := make([]payload, 6)
			for i, b := range before["CONFIRMED"] {
				wg.Go(func() {
					cancels[i] = send(apis[i%len(apis)], partner, "cancelBooking", cancelDoc, map[string]any{
						"bookingID": b.ID, "idempotencyKey": fmt.Sprintf("cancel-%d", i),
					})
				})
			}
			wg.Wait()
			for _, c := range cancels {
				mustOK(t, c)
			}
			after := statuses(t, api, s.ID)
			checkArrivalOrder(t, after, 6, 6, 38, 6)
			for i, b := range after["CONFIRMED"] {
				if want := before["WAITING"][i].ID; b.ID != want {
					t.Errorf("promoted #%d is %s (position %d), want the next in arrival order %s", i+1, b.ID, b.Position, want)
				}
			}
		})
	}
}

// checkArrivalOrder checks the counts by status, that every child holds
// one booking, and that positions run 1..n with the confirmed ones first.
func checkArrivalOrder(t *testing.T, got map[string][]*ent.Booking, cancelled, confirmed, waiting, firstConfirmed int) {
	t.Helper()
	if len(got["CANCELLED"]) != cancelled || len(got["CONFIRMED"]) != confirmed || len(got["WAITING"]) != waiting {
		t.Fatalf("%d cancelled, %d confirmed, %d waiting; want %d, %d, %d",
			len(got["CANCELLED"]), len(got["CONFIRMED"]), len(got["WAITING"]), cancelled, confirmed, waiting)
	}
	children, positions := map[string]bool{}, map[int]bool{}
	for _, list := range got {
		for _, b := range list {
			if children[string(b.ChildID)] || positions[b.Position] {
				t.Fatalf("child %s or position %d appears twice", b.ChildID, b.Position)
			}
			children[string(b.ChildID)], positions[b.Position] = true, true
		}
	}
	for i, b := range got["CONFIRMED"] {
		if b.Position != firstConfirmed+i+1 {
			t.Errorf("confirmed #%d has position %d, want %d", i+1, b.Position, firstConfirmed+i+1)
		}
	}
	for _, b := range got["WAITING"] {
		if b.Position <= firstConfirmed+confirmed {
			t.Errorf("waiting booking at position %d is ahead of a confirmed one", b.Position)
		}
	}
}

// send runs a mutation from a goroutine other than the test's: failures
// come back as a payload error, checked by the test afterwards.
func send(api *apitest.API, token, field, doc string, input map[string]any) payload {
	body, _ := json.Marshal(map[string]any{"query": doc, "variables": map[string]any{"input": input}})
	req, err := http.NewRequest(http.MethodPost, api.Server.URL+server.GraphQLPath, bytes.NewReader(body))
	if err != nil {
		return payload{Errors: apitest.UserErrors{{Code: "TRANSPORT", Message: err.Error()}}}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := api.Server.Client().Do(req)
	if err != nil {
		return payload{Errors: apitest.UserErrors{{Code: "TRANSPORT", Message: err.Error()}}}
	}
	defer res.Body.Close()
	var out struct {
		Data   map[string]payload
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
		return payload{Errors: apitest.UserErrors{{Code: "GRAPHQL", Message: fmt.Sprint(err, out.Errors)}}}
	}
	return out.Data[field]
}
