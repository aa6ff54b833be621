package accompaniment_test

import (
	"fmt"
	"testing"
	"time"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

type progress struct {
	HomeVisitsDone          int  `json:"homeVisitsDone"`
	HomeVisitsMin           *int `json:"homeVisitsMin"`
	CallsDone               int  `json:"callsDone"`
	DaysElapsed             *int `json:"daysElapsed"`
	DaysLeft                *int `json:"daysLeft"`
	Lagging                 bool `json:"lagging"`
	FirstAppointmentOverdue bool `json:"firstAppointmentOverdue"`
	FoundingDocumentOverdue bool `json:"foundingDocumentOverdue"`
	FinalReportOverdue      bool `json:"finalReportOverdue"`
}

const progressFields = `homeVisitsDone homeVisitsMin callsDone daysElapsed daysLeft lagging
	firstAppointmentOverdue foundingDocumentOverdue finalReportOverdue`

func progressOf(t *testing.T, api *apitest.API, token string, id pulid.ID) progress {
	t.Helper()
	var got struct {
		Node struct {
			Progress progress `json:"progress"`
		} `json:"node"`
	}
	api.MustSucceed(t, token, `query($id: ID!) { node(id: $id) { ... on Accompaniment { progress { `+progressFields+` } } } }`,
		map[string]any{"id": id}, &got)
	return got.Node.Progress
}

func TestProgressAgainstTheNorms(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
	a = mustStep(t, api, tm.coordinator, "assignEducators", "AssignEducatorsInput", with(a.ID, "educatorIDs", []pulid.ID{tm.educatorID}))
	contact := func(kind string, day int, start time.Time) {
		r := mutate(t, api, tm.educator, "recordContact", "RecordContactInput", "contactEvent", "id",
			with(a.ID, "kind", kind, "occurredAt", start.AddDate(0, 0, day), "durationMinutes", 30))
		if len(r.Codes()) > 0 {
			t.Fatal(r.Codes())
		}
	}

	t.Run("validated long ago with no first appointment: overdue", func(t *testing.T) {
		api.DB.Client.Accompaniment.UpdateOneID(a.ID).SetValidatedAt(api.Clock.Now().AddDate(0, 0, -31)).ExecX(apitest.Sys)
		if p := progressOf(t, api, tm.coordinator, a.ID); !p.FirstAppointmentOverdue || p.DaysElapsed != nil {
			t.Fatalf("%+v", p)
		}
	})
	// 75 days into six months (181 to 184 days, as the months fall) is
	// between a third and a half of the way, whatever the date: the norm
	// of 6 home visits then expects 2 (rounded down).
	start := api.Clock.Now().AddDate(0, 0, -75).UTC().Truncate(time.Second)
	mustStep(t, api, tm.appointer, "setFirstAppointment", "SetFirstAppointmentInput", with(a.ID, "at", start))
	contact("HOME_VISIT", 0, start)
	contact("CALL", 3, start)

	t.Run("75 days in with one home visit out of 6 to 7: lagging, and no individual document yet", func(t *testing.T) {
		p := progressOf(t, api, tm.coordinator, a.ID)
		if p.HomeVisitsDone != 1 || p.CallsDone != 1 || *p.HomeVisitsMin != 6 || *p.DaysElapsed != 75 || *p.DaysLeft < 106 ||
			!p.Lagging || !p.FoundingDocumentOverdue || p.FirstAppointmentOverdue || p.FinalReportOverdue {
			t.Fatalf("%+v", p)
		}
	})
	t.Run("caught up, with the document written: on track", func(t *testing.T) {
		contact("HOME_VISIT", 20, start)
		contact("TEXT", 25, start)
		writeDoc(t, api, tm.educator, with(a.ID, "kind", "INDIVIDUAL_DOCUMENT", "body", "DIA."))
		p := progressOf(t, api, tm.coordinator, a.ID)
		if p.HomeVisitsDone != 2 || p.CallsDone != 2 || p.Lagging || p.FoundingDocumentOverdue {
			t.Fatalf("%+v", p)
		}
	})
	t.Run("the prescriber follows the figures, not the notes", func(t *testing.T) {
		if p := progressOf(t, api, api.Token(t, demo.Prescriber), a.ID); p.HomeVisitsDone != 2 {
			t.Fatalf("%+v", p)
		}
	})
	t.Run("past the end date and not closed: the final report is overdue", func(t *testing.T) {
		api.DB.Client.Accompaniment.UpdateOneID(a.ID).SetEndsAt(api.Clock.Now().Add(-time.Hour)).ExecX(apitest.Sys)
		if p := progressOf(t, api, tm.coordinator, a.ID); !p.FinalReportOverdue || *p.DaysLeft != 0 {
			t.Fatalf("%+v", p)
		}
	})
}

func TestAPageOfProgressCostsTheSameNumberOfQueries(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithoutTokenCache()) // the counts include the token check
	start := api.Clock.Now().AddDate(0, -2, 0)
	for i := range 40 {
		f := api.DB.Client.Family.Create().SetProviderID(api.Demo.ProviderID).SetReference(fmt.Sprintf("PRG-%02d", i)).
			SetTerritory("Gard").SetHouseholdComposition(family.HouseholdCompositionSingleParent).SaveX(apitest.Sys)
		api.DB.Client.Accompaniment.Create().SetProviderID(api.Demo.ProviderID).SetFamilyID(f.ID).
			SetProgrammeID(api.Demo.Programmes["MIP"]).SetStatus(entacc.StatusActive).SetValidatedAt(start).
			SetStartsAt(start).SetEndsAt(start.AddDate(0, 6, 0)).ExecX(apitest.Sys)
	}
	page := `query($n: Int!) { accompaniments(first: $n, where: {status: ACTIVE}) { edges { node { id progress { ` + progressFields + ` } } } } }`
	count := func(n int) int64 {
		api.DB.ResetQueries()
		var got struct {
			Accompaniments struct {
				Edges []struct {
					Node struct {
						Progress *progress `json:"progress"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"accompaniments"`
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), page, map[string]any{"n": n}, &got)
		if len(got.Accompaniments.Edges) != n || got.Accompaniments.Edges[n-1].Node.Progress == nil {
			t.Fatalf("%d rows", len(got.Accompaniments.Edges))
		}
		return api.DB.Queries()
	}
	if small, large := count(3), count(40); small != large {
		t.Fatalf("3 rows cost %d queries, 40 rows %d", small, large)
	}
}
