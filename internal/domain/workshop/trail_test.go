package workshop_test

import (
	"slices"
	"testing"

	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// TestABookingsTrailNamesTheProvidersTheRecordsHold: a booking's audit
// events are filed without reading the providers back (the series was
// locked, the known child read on its family's provider, the created
// records carry their provider or parent): each names the provider, and
// the read log the family, that the records hold.
func TestABookingsTrailNamesTheProvidersTheRecordsHold(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)
	known := mustOK(t, book(t, api, partner, newSeries(t, api, 6, month).ID, "trail-0", "CONFIRM_WHAT_FITS", kid("Inès", 8))).Bookings[0].Child.ID
	s := newSeries(t, api, 6, month)
	const doc = `mutation BookForTheTrail($input: BookChildrenInput!) { bookChildren(input: $input) {
		bookings { id } errors { code } } }`
	mustOK(t, mutate(t, api, partner, "bookChildren", doc, map[string]any{
		"seriesID": s.ID, "childIDs": []string{known}, "newChildren": []map[string]any{kid("Noa", 8)},
		"policy": "CONFIRM_WHAT_FITS", "idempotencyKey": "trail-1",
	}))

	ctx := apitest.Sys
	family := api.DB.Client.Child.GetX(ctx, pid(known)).FamilyID
	events := api.DB.Client.AuditEvent.Query().Where(auditevent.Operation("mutation BookForTheTrail")).AllX(ctx)
	count := map[string]int{}
	for _, e := range events {
		count[e.Action+" "+e.RecordType]++
		provider := ""
		if e.ProviderID != nil {
			provider = *e.ProviderID
		}
		want := string(api.Demo.ProviderID)
		if e.RecordType == "IdempotencyKey" {
			want = "" // the partner's own record, of no provider
		}
		if provider != want {
			t.Errorf("%s %s %v: provider %q, want %q", e.Action, e.RecordType, e.RecordID, provider, want)
		}
		if e.Action == "read" && (!slices.Equal(e.Records["Child"], []string{known}) || !slices.Equal(e.FamilyIds, []string{string(family)})) {
			t.Errorf("read log %v, families %v; want the child %s of family %s", e.Records, e.FamilyIds, known, family)
		}
	}
	want := map[string]int{"create Booking": 2, "create Family": 1, "create Child": 1, "create IdempotencyKey": 1, "read ": 1}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%d events %q, want %d (all: %v)", count[k], k, n, count)
		}
	}
}
