package access_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// workshopChangeCases: who changes planned workshops (issue 15). A
// series' sessions and the series itself are the provider's coordinators'
// and the series' practitioner's to cancel, move and rename; a quote
// request is edited by its partner, the coordinators and practitioners
// before it is priced, and withdrawn by its partner only.
var workshopChangeCases = map[string]mutationCase{
	"cancelWorkshopSession": {
		document: mutationDoc("cancelWorkshopSession", "CancelWorkshopSessionInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"sessionID": comingDemoSession(t, api).ID, "reason": "Intervenante malade"})
		},
		allowed: []string{demo.Coordinator, demo.Practitioner},
	},
	"moveWorkshopSession": {
		document: mutationDoc("moveWorkshopSession", "MoveWorkshopSessionInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			s := comingDemoSession(t, api)
			return in(map[string]any{"sessionID": s.ID, "startsAt": s.StartsAt.Add(time.Hour).Format(time.RFC3339)})
		},
		allowed: []string{demo.Coordinator, demo.Practitioner},
	},
	"cancelWorkshopSeries": {
		document: mutationDoc("cancelWorkshopSeries", "CancelWorkshopSeriesInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"seriesID": api.Demo.SeriesID, "reason": "Trop peu d'inscrits"})
		},
		allowed: []string{demo.Coordinator, demo.Practitioner},
	},
	"renameWorkshopSeries": {
		document: mutationDoc("renameWorkshopSeries", "RenameWorkshopSeriesInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"seriesID": api.Demo.SeriesID, "title": "ARCS du mercredi"})
		},
		allowed: []string{demo.Coordinator, demo.Practitioner},
	},
	"editQuoteRequest": {
		document: mutationDoc("editQuoteRequest", "EditQuoteRequestInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"quoteID": quoteReachedStep(t, api, "requested"), "childrenCount": 5})
		},
		allowed: []string{demo.Coordinator, demo.Practitioner, demo.PartnerStaff},
	},
	"cancelQuoteRequest": {
		document: mutationDoc("cancelQuoteRequest", "CancelQuoteRequestInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"quoteID": quoteReachedStep(t, api, "requested")})
		},
		allowed: []string{demo.PartnerStaff},
	},
}

// comingDemoSession is the last session of the demo series, still to come.
func comingDemoSession(t *testing.T, api *apitest.API) *ent.WorkshopSession {
	t.Helper()
	s := api.DB.Client.WorkshopSession.Query().Where(workshopsession.SeriesID(api.Demo.SeriesID)).
		Order(ent.Desc(workshopsession.FieldStartsAt)).FirstX(apitest.Sys)
	if !s.StartsAt.After(api.Clock.Now()) {
		t.Fatalf("the demo series' last session, %s, is not to come", s.StartsAt)
	}
	return s
}
