package workshop_test

import (
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

const catalogueDoc = `query($n: Int) { workshopSeries(first: $n, orderBy: {field: FIRST_SESSION_AT}) { edges { node {
	id title freeSeats waitingCount bookings(first: 10) { totalCount edges { node { child { firstName } } } } } } } }`

type catalogue struct {
	WorkshopSeries struct {
		Edges []struct {
			Node struct {
				ID, Title               string
				FreeSeats, WaitingCount int
				Bookings                struct {
					TotalCount int
					Edges      []struct {
						Node struct{ Child struct{ FirstName string } }
					}
				}
			}
		}
	}
}

func TestAnonymousVisitorsSeeFreeSeatsButNoChild(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)
	for range 12 {
		newSeries(t, api, 6, month)
	}
	full := newSeries(t, api, 6, 2*month)
	var kids []map[string]any
	for _, n := range []string{"A", "B", "C", "D", "E", "F", "G"} {
		kids = append(kids, kid(n, 8))
	}
	mustOK(t, book(t, api, partner, full.ID, "full-1", "CONFIRM_WHAT_FITS", kids...))

	var data catalogue
	api.MustSucceed(t, "", catalogueDoc, map[string]any{"n": 50}, &data)
	seen := map[string]bool{}
	for _, e := range data.WorkshopSeries.Edges {
		n := e.Node
		seen[n.ID] = true
		if n.Bookings.TotalCount != 0 || len(n.Bookings.Edges) != 0 {
			t.Errorf("an anonymous visitor sees the bookings of %q", n.Title)
		}
		switch n.ID {
		case string(full.ID):
			if n.FreeSeats != 0 || n.WaitingCount != 1 {
				t.Errorf("the full series shows %d free, %d waiting; want 0 and 1", n.FreeSeats, n.WaitingCount)
			}
		case string(api.Demo.SeriesID):
			if n.FreeSeats != 0 || n.WaitingCount != 1 { // the demo: a full group, one waiting
				t.Errorf("the demo series shows %d free, %d waiting; want 0 and 1", n.FreeSeats, n.WaitingCount)
			}
		default:
			if n.FreeSeats != 6 || n.WaitingCount != 0 {
				t.Errorf("an empty series shows %d free, %d waiting", n.FreeSeats, n.WaitingCount)
			}
		}
	}
	if !seen[string(full.ID)] || !seen[string(api.Demo.SeriesID)] || len(seen) != 14 {
		t.Fatalf("the catalogue lists %d series", len(seen))
	}

	t.Run("free seats cost one query per page, whatever its size", func(t *testing.T) {
		doc := `query($n: Int) { workshopSeries(first: $n) { edges { node { title freeSeats waitingCount } } } }`
		count := func(n int) int64 {
			api.DB.ResetQueries()
			api.MustSucceed(t, "", doc, map[string]any{"n": n}, nil)
			return api.DB.Queries()
		}
		small, large := count(2), count(14)
		if small != large {
			t.Fatalf("a page of 2 cost %d queries, a page of 14 cost %d: N+1", small, large)
		}
		if large != 2 { // the page, then one GROUP BY for the counts
			t.Fatalf("the page cost %d queries, want 2", large)
		}
	})
}
