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

// mutationErrors runs a mutation and returns its payload's errors.
func mutationErrors(t *testing.T, api *apitest.API, token, doc, field string, vars map[string]any) payloadErrors {
	t.Helper()
	var data map[string]struct{ Errors payloadErrors }
	api.MustSucceed(t, token, doc, vars, &data)
	return data[field].Errors
}

func TestASuspendedLinkStopsItsPeopleAtOnce(t *testing.T) {
	t.Run("a prescriber of a suspended partner can no longer request an accompaniment", func(t *testing.T) {
		api := apitest.New(t)
		prescriber := api.Token(t, demo.Prescriber)
		vars := map[string]any{"programme": api.Demo.Programmes["MIP"]}

		wantNoErrors(t, mutationErrors(t, api, prescriber, requestAccompaniment, "requestAccompaniment", vars))

		link := linkOf(t, api, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID)
		wantNoErrors(t, mutationErrors(t, api, api.Token(t, demo.Coordinator), suspendLink, "suspendLink", map[string]any{"id": link.ID}))

		wantCode(t, mutationErrors(t, api, prescriber, requestAccompaniment, "requestAccompaniment", vars), "LINK_NOT_ACTIVE")
	})

	t.Run("the staff of a suspended partner can no longer book workshop seats", func(t *testing.T) {
		api := apitest.New(t)
		staff := api.Token(t, demo.PartnerStaff)

		wantNoErrors(t, mutationErrors(t, api, staff, bookChildren, "bookChildren",
			map[string]any{"series": api.Demo.SeriesID, "key": "before-suspension"}))

		link := linkOf(t, api, api.Demo.ProviderID, api.Demo.SchoolID)
		wantNoErrors(t, mutationErrors(t, api, api.Token(t, demo.Coordinator), suspendLink, "suspendLink", map[string]any{"id": link.ID}))

		wantCode(t, mutationErrors(t, api, staff, bookChildren, "bookChildren",
			map[string]any{"series": api.Demo.SeriesID, "key": "after-suspension"}), "LINK_NOT_ACTIVE")
	})
}
