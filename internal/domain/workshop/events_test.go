package workshop_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/reseau-liens/portal/ent/webhookdelivery"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/webhook"
)

func TestTheBookingOrganisationHearsOfItsBookings(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	staff := api.Token(t, demo.PartnerStaff)
	api.Do(t, staff, `mutation($in: RegisterWebhookEndpointInput!) {
		registerWebhookEndpoint(input: $in) { errors { code } } }`, map[string]any{"in": map[string]any{
		"organisationID": api.Demo.SchoolID, "url": "https://ent.ecole.example/hooks", "eventKinds": webhook.Kinds,
	}}).Payload(t).WantOK(t)

	var booked struct {
		BookChildren struct {
			Bookings []struct{ ID, Status string }
			Errors   []struct{ Code string }
		}
	}
	api.MustSucceed(t, staff, `mutation($series: ID!) { bookChildren(input: {seriesID: $series,
		newChildren: [{firstName: "Noé", birthDate: "2016-01-15T00:00:00Z"}], policy: CONFIRM_WHAT_FITS, idempotencyKey: "k1"}) {
		bookings { id status } errors { code } } }`, map[string]any{"series": newSeries(t, api, 6, month).ID}, &booked)
	if len(booked.BookChildren.Errors) > 0 || len(booked.BookChildren.Bookings) != 1 {
		t.Fatalf("booking: %+v", booked.BookChildren)
	}
	b := booked.BookChildren.Bookings[0]
	api.MustSucceed(t, staff, `mutation($id: ID!) { cancelBooking(input: {bookingID: $id, idempotencyKey: "k2"}) {
		errors { code } } }`, map[string]any{"id": b.ID}, nil)

	rows := api.DB.Client.WebhookDelivery.Query().Order(webhookdelivery.ByNextAttemptAt(), webhookdelivery.ByID()).
		AllX(apitest.Sys)
	var kinds []string
	for _, r := range rows {
		var ev webhook.Event
		if err := json.Unmarshal([]byte(r.Payload), &ev); err != nil {
			t.Fatal(err)
		}
		if data, _ := ev.Data.(map[string]any); data["bookingId"] == b.ID {
			kinds = append(kinds, ev.Kind)
			if _, named := data["firstName"]; named {
				t.Errorf("payload names the child: %s", r.Payload)
			}
		}
	}
	want := []string{webhook.BookingConfirmed, webhook.BookingCancelled}
	if b.Status != "CONFIRMED" || !slices.Equal(kinds, want) {
		t.Fatalf("booking %s: events %v, want %v", b.Status, kinds, want)
	}
}
