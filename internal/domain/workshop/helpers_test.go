package workshop_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	entbooking "github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock/clocktest"
)

// payload is the common shape of the workshop payloads.
type payload struct {
	Quote *struct {
		ID         string
		Status     string
		TotalCents int64
		ExpiresAt  *time.Time
		Lines      []struct {
			Label                       string
			Quantity                    int
			UnitPriceCents, AmountCents int64
		}
	}
	Series      json.RawMessage
	Bookings    []bookingResult
	Booking     *bookingResult
	Attendances []struct {
		Present bool
	}
	Errors apitest.UserErrors
}

type bookingResult struct {
	ID       string
	Status   string
	Position int
	Child    struct{ ID, FirstName string }
}

// mutate runs a mutation and returns its payload; GraphQL errors fail the test.
func mutate(t *testing.T, api *apitest.API, token, field, doc string, input map[string]any) payload {
	t.Helper()
	var data map[string]payload
	api.MustSucceed(t, token, doc, map[string]any{"input": input}, &data)
	return data[field]
}

// mustOK fails the test when a payload carries errors.
func mustOK(t *testing.T, p payload) payload {
	t.Helper()
	p.Errors.WantNone(t)
	return p
}

const bookDoc = `mutation($input: BookChildrenInput!) { bookChildren(input: $input) {
	bookings { id status position child { id firstName } } series { freeSeats waitingCount }
	errors { code message field } } }`

const cancelDoc = `mutation($input: CancelBookingInput!) { cancelBooking(input: $input) {
	booking { id status position child { id firstName } } series { freeSeats waitingCount }
	errors { code message field } } }`

// newSeries adds an upcoming ARCS series of the demo provider hosted by
// the demo school, run by the demo practitioner, with weekly sessions;
// firstIn is the delay before its first session.
func newSeries(t *testing.T, api *apitest.API, capacity int, firstIn time.Duration) *ent.WorkshopSeries {
	t.Helper()
	ctx := apitest.Sys
	c := api.DB.Client
	first := api.Clock.Now().Add(firstIn).Truncate(time.Minute)
	s := c.WorkshopSeries.Create().
		SetProviderID(api.Demo.ProviderID).
		SetProgrammeID(api.Demo.Programmes["ARCS"]).
		SetHostOrganisationID(api.Demo.SchoolID).
		SetPractitionerID(api.Demo.People[demo.Practitioner]).
		SetTitle(fmt.Sprintf("Série de test %d", capacity)).
		SetPlace("École").
		SetCapacity(capacity).
		SetFirstSessionAt(first).
		SaveX(ctx)
	for w := range 6 {
		c.WorkshopSession.Create().SetSeriesID(s.ID).SetStartsAt(first.AddDate(0, 0, 7*w)).ExecX(ctx)
	}
	return s
}

// kid is a new child for bookChildren, aged years (and days) at the
// first session of a series starting in a month. Tests book many
// children of the same name and age: each is confirmed as a new child
// (see duplicates_test.go for the check it skips).
func kid(name string, years int) map[string]any {
	return map[string]any{"firstName": name, "birthDate": clocktest.Start().AddDate(-years, 0, 0).Format(time.RFC3339), "confirmNewChild": true}
}

// book asks for seats for new children.
func book(t *testing.T, api *apitest.API, token string, seriesID pulid.ID, key, policy string, kids ...map[string]any) payload {
	t.Helper()
	return mutate(t, api, token, "bookChildren", bookDoc, map[string]any{
		"seriesID": seriesID, "newChildren": kids, "policy": policy, "idempotencyKey": key,
	})
}

func cancel(t *testing.T, api *apitest.API, token, bookingID, key string) payload {
	t.Helper()
	return mutate(t, api, token, "cancelBooking", cancelDoc, map[string]any{"bookingID": bookingID, "idempotencyKey": key})
}

// statuses returns the bookings of a series by status, in arrival order,
// as the portal sees them.
func statuses(t *testing.T, api *apitest.API, seriesID pulid.ID) map[string][]*ent.Booking {
	t.Helper()
	ctx := apitest.Sys
	all := api.DB.Client.WorkshopSeries.GetX(ctx, seriesID).QueryBookings().Order(entbooking.ByPosition()).AllX(ctx)
	out := map[string][]*ent.Booking{}
	for _, b := range all {
		out[string(b.Status)] = append(out[string(b.Status)], b)
	}
	return out
}

func pid(s string) pulid.ID { return pulid.ID(s) }
