package workshop_test

import (
	"os"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// maxBookingStatements is what bookChildren may send on its common path
// (one child known to the partner, a free seat or the waiting list),
// besides BEGIN and COMMIT; the token check is cached. They are, on both
// databases:
//
//  1. the series, locked (FOR UPDATE on PostgreSQL), through its privacy
//     filter, with its programme's minimum age, the partnership's status
//     and the organisation's active webhook endpoints (lockSeriesToBook);
//  2. the idempotency key, claimed (INSERT … ON CONFLICT DO NOTHING);
//  3. the series' bookings (the seats), counted once the lock is held;
//  4. the named children the partner knows in the series' provider;
//  5. the booking;
//  6. the audit trail's one INSERT (the writes and the read log), its
//     providers known from what the request read.
//
// An organisation with active endpoints adds the deliveries of a
// confirmed booking (webhook.Emit); the seats' NOTIFY is the bookings'
// trigger on PostgreSQL (package seats) and costs no statement.
const maxBookingStatements = 6

// TestBookingAKnownChildCostsAFewStatements counts every statement, read
// or write, of bookChildren for a child the partner booked before, into
// a series with a free seat and into a full one.
func TestBookingAKnownChildCostsAFewStatements(t *testing.T) {
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)
	first := newSeries(t, api, 6, 30*24*time.Hour)
	known := mustOK(t, book(t, api, partner, first.ID, "st-0", "CONFIRM_WHAT_FITS", kid("Inès", 8))).Bookings[0].Child.ID
	free := newSeries(t, api, 3, 30*24*time.Hour)
	full := newSeries(t, api, 1, 30*24*time.Hour)
	mustOK(t, book(t, api, partner, full.ID, "st-1", "CONFIRM_WHAT_FITS", kid("Léo", 8)))
	const doc = `mutation Book($input: BookChildrenInput!) { bookChildren(input: $input) {
		bookings { id status } series { id } errors { code message } } }`
	for _, tc := range []struct {
		name, series, status string
	}{
		{"a free seat", string(free.ID), "CONFIRMED"},
		{"the waiting list", string(full.ID), "WAITING"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api.DB.ResetQueries()
			p := mustOK(t, mutate(t, api, partner, "bookChildren", doc, map[string]any{
				"seriesID": tc.series, "childIDs": []string{string(known)}, "policy": "CONFIRM_WHAT_FITS", "idempotencyKey": "st-" + tc.status,
			}))
			if n := api.DB.Statements(); n > maxBookingStatements {
				t.Errorf("%d statements (set PORTAL_TEST_LOG_SQL=1 to see them), want at most %d", n, maxBookingStatements)
			} else if os.Getenv("PORTAL_TEST_LOG_SQL") != "" {
				t.Logf("%d statements", n)
			}
			if len(p.Bookings) != 1 || p.Bookings[0].Status != tc.status {
				t.Fatalf("bookings %+v", p.Bookings)
			}
		})
	}
}
