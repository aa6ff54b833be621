package access_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// workshopCases: who takes each step of the workshop workflow (issue 5).
// The partner is the school (PartnerStaff's organisation); the
// practitioner of Au bonheur des liens prices and runs the series.
var workshopCases = map[string]mutationCase{
	// A partner asks for their organisation, or a coordinator for them.
	"requestQuote": {
		document: mutationDoc("requestQuote", "RequestQuoteInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(quoteRequest(api))
		},
		allowed: []string{demo.Coordinator, demo.PartnerStaff},
	},
	"priceQuote": {
		document: mutationDoc("priceQuote", "PriceQuoteInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"quoteID": quoteReachedStep(t, api, "requested")})
		},
		allowed: []string{demo.Practitioner},
	},
	"adjustQuoteLines": {
		document: mutationDoc("adjustQuoteLines", "AdjustQuoteLinesInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"quoteID": quoteReachedStep(t, api, "priced"), "lines": []map[string]any{
				{"label": "Séances de groupe", "quantity": 1, "unitPriceCents": 90000},
			}})
		},
		allowed: []string{demo.Practitioner},
	},
	"sendQuote": {
		document: mutationDoc("sendQuote", "SendQuoteInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"quoteID": quoteReachedStep(t, api, "priced")})
		},
		allowed: []string{demo.Practitioner},
	},
	// Answering a quote is the partner's: the issue gives it to them, and
	// a coordinator who asked for them does not commit their budget.
	"acceptQuote": {
		document: mutationDoc("acceptQuote", "AcceptQuoteInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			first := api.Clock.Now().AddDate(0, 0, 14).Truncate(time.Hour)
			return in(map[string]any{"quoteID": quoteReachedStep(t, api, "sent"),
				"firstSessionAt": first.Format(time.RFC3339), "lastDate": first.AddDate(0, 0, 42).Format(time.RFC3339)})
		},
		allowed: []string{demo.PartnerStaff},
	},
	"declineQuote": {
		document: mutationDoc("declineQuote", "DeclineQuoteInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"quoteID": quoteReachedStep(t, api, "sent")})
		},
		allowed: []string{demo.PartnerStaff},
	},
	// Partner staff of the host organisation book; a prescriber refers
	// families but books nothing.
	"bookChildren": {
		document: mutationDoc("bookChildren", "BookChildrenInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"seriesID": api.Demo.SeriesID, "organisationID": api.Demo.SchoolID,
				"newChildren": []map[string]any{{"firstName": "Léo", "birthDate": "2016-01-15T00:00:00Z"}},
				"policy":      "CONFIRM_WHAT_FITS", "idempotencyKey": "access-table"})
		},
		allowed: []string{demo.PartnerStaff},
	},
	// The issue does not say who cancels: the organisation that booked,
	// and the coordinator of the series' provider (a family that tells the
	// provider it stops), not the practitioner.
	"cancelBooking": {
		document: mutationDoc("cancelBooking", "CancelBookingInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.Booking.Query().Where(booking.SeriesID(api.Demo.SeriesID), booking.StatusEQ(booking.StatusConfirmed)).FirstIDX(apitest.Sys)
			return in(map[string]any{"bookingID": id, "idempotencyKey": "access-table"})
		},
		allowed: []string{demo.Coordinator, demo.PartnerStaff},
	},
	// Leaving the waiting list is a cancellation of waiting bookings:
	// the same people take it.
	"leaveWaitingList": {
		document: mutationDoc("leaveWaitingList", "LeaveWaitingListInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.Booking.Query().Where(booking.SeriesID(api.Demo.SeriesID), booking.StatusEQ(booking.StatusWaiting)).FirstIDX(apitest.Sys)
			return in(map[string]any{"bookingID": id, "idempotencyKey": "access-table"})
		},
		allowed: []string{demo.Coordinator, demo.PartnerStaff},
	},
	// Opening a partner's series to the other partners is the
	// coordinator's call, not the practitioner's nor the partner's.
	"openWorkshopSeries": {
		document: mutationDoc("openWorkshopSeries", "OpenWorkshopSeriesInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"seriesID": api.Demo.SeriesID, "open": true})
		},
		allowed: []string{demo.Coordinator},
	},
	"recordAttendance": {
		document: mutationDoc("recordAttendance", "RecordAttendanceInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			// The first session has begun (attendance is taken once it has).
			s := api.DB.Client.WorkshopSession.Query().Where(workshopsession.SeriesID(api.Demo.SeriesID)).
				Order(workshopsession.ByStartsAt()).FirstX(apitest.Sys)
			api.DB.Client.WorkshopSession.UpdateOne(s).SetStartsAt(api.Clock.Now().Add(-time.Hour)).ExecX(apitest.Sys)
			b := api.DB.Client.Booking.Query().Where(booking.SeriesID(api.Demo.SeriesID), booking.StatusEQ(booking.StatusConfirmed)).FirstIDX(apitest.Sys)
			return in(map[string]any{"sessionID": s.ID, "entries": []map[string]any{{"bookingID": b, "present": true}}})
		},
		allowed: []string{demo.Practitioner},
		// Those who cannot read the series' bookings are told the
		// booking is not one of the series (as if it did not exist).
		refusal: "NOT_BOOKED_IN_SERIES",
	},
	// Organisations are shared: any coordinator sets a school's zone, and
	// so does the school's own staff.
	"setSchoolZone": {
		document: mutationDoc("setSchoolZone", "SetSchoolZoneInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"organisationID": api.Demo.SchoolID, "zone": "C"})
		},
		allowed: []string{demo.Coordinator, demo.PartnerStaff, demo.RelianceCoordinator},
	},
}

// quoteRequest is the school's request for one group of the ARCS.
func quoteRequest(api *apitest.API) map[string]any {
	return map[string]any{"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
		"childrenCount": 6, "groupSize": 6, "weeks": 6, "place": "École (démo)", "travelKm": 10}
}

// quoteReachedStep makes a new quote of the school, taken by the people
// whose step it is up to step: "requested", "priced" or "sent".
func quoteReachedStep(t *testing.T, api *apitest.API, step string) pulid.ID {
	t.Helper()
	var quote struct{ ID pulid.ID }
	api.Mutate(t, demo.PartnerStaff, `mutation($in: RequestQuoteInput!) { requestQuote(input: $in) { quote { id } errors { code } } }`,
		in(quoteRequest(api))).WantOK(t).Decode(t, "quote", &quote)
	id := quote.ID
	for _, s := range []struct{ name, mutation, input string }{
		{"priced", "priceQuote", "PriceQuoteInput"},
		{"sent", "sendQuote", "SendQuoteInput"},
	} {
		if step == "requested" {
			break
		}
		api.Mutate(t, demo.Practitioner, mutationDoc(s.mutation, s.input), in(map[string]any{"quoteID": id})).WantOK(t)
		if step == s.name {
			break
		}
	}
	return id
}
