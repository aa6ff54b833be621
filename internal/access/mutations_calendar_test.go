package access_test

import (
	"crypto/sha256"
	"testing"

	"github.com/reseau-liens/portal/ent/calendarfeed"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// calendarCases: the calendar feeds (issue 14). A feed is its person's
// own: the school's sessions for its members, a feed revoked by its
// person only.
var calendarCases = map[string]mutationCase{
	"createCalendarFeed": {
		document: `mutation($in: CreateCalendarFeedInput!) { createCalendarFeed(input: $in) { url errors { code } } }`,
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"kind": "ORGANISATION", "organisationID": api.Demo.SchoolID})
		},
		allowed: []string{demo.PartnerStaff},
	},
	"revokeCalendarFeed": {
		document: `mutation($in: RevokeCalendarFeedInput!) { revokeCalendarFeed(input: $in) { feed { id } errors { code } } }`,
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			secret := sha256.Sum256([]byte("calf_access-test"))
			feed := api.DB.Client.CalendarFeed.Create().SetPersonID(api.Demo.People[demo.PartnerStaff]).
				SetKind(calendarfeed.KindOrganisation).SetSubjectID(api.Demo.SchoolID).SetSecretHash(secret[:]).SaveX(apitest.Sys)
			return in(map[string]any{"feedID": feed.ID})
		},
		allowed: []string{demo.PartnerStaff},
	},
}
