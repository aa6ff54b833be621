package network_test

import (
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

const suspendLink = `mutation($id: ID!) { suspendLink(input: {linkID: $id, note: "Convention en renégociation"}) {
	errors { code message field } } }`

const requestAccompaniment = `mutation($programme: ID!) { requestAccompaniment(input: {programmeID: $programme, family: {
	territory: "Gard", householdComposition: SINGLE_PARENT,
	guardians: [{firstName: "Alex", lastName: "Exemple", relationship: PARENT, requester: true}],
	children: [{firstName: "Lou", birthDate: "2017-04-02T00:00:00Z"}]}}) {
	accompaniment { id status } errors { code message field } } }`

const bookChildren = `mutation($series: ID!, $key: String!) { bookChildren(input: {seriesID: $series,
	newChildren: [{firstName: "Noé", birthDate: "2016-01-15T00:00:00Z"}], policy: CONFIRM_WHAT_FITS, idempotencyKey: $key}) {
	bookings { id status } errors { code message field } } }`

func TestASuspendedLinkStopsItsPeopleAtOnce(t *testing.T) {
	t.Parallel()
	t.Run("a prescriber of a suspended partner can no longer request an accompaniment", func(t *testing.T) {
		api := apitest.New(t)
		prescriber := api.Token(t, demo.Prescriber)
		vars := map[string]any{"programme": api.Demo.Programmes["MIP"]}

		api.Do(t, prescriber, requestAccompaniment, vars).Payload(t).WantOK(t)

		link := linkOf(t, api, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID)
		api.Mutate(t, demo.Coordinator, suspendLink, map[string]any{"id": link.ID}).WantOK(t)

		api.Do(t, prescriber, requestAccompaniment, vars).Payload(t).WantCode(t, "LINK_NOT_ACTIVE")
	})

	t.Run("the staff of a suspended partner can no longer book workshop seats", func(t *testing.T) {
		api := apitest.New(t)
		staff := api.Token(t, demo.PartnerStaff)

		api.Do(t, staff, bookChildren, map[string]any{"series": api.Demo.SeriesID, "key": "before-suspension"}).Payload(t).WantOK(t)

		link := linkOf(t, api, api.Demo.ProviderID, api.Demo.SchoolID)
		api.Mutate(t, demo.Coordinator, suspendLink, map[string]any{"id": link.ID}).WantOK(t)

		api.Do(t, staff, bookChildren, map[string]any{"series": api.Demo.SeriesID, "key": "after-suspension"}).Payload(t).WantCode(t, "LINK_NOT_ACTIVE")
	})
}
