package accompaniment_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// TestTheWholeJobOfAnAccompanimentIsDoneInThePortal follows one family's
// file through every role, with no step outside the portal: the
// prescriber asks with the family's address for home visits, the
// coordinator assigns the educator and validates, the prescriber is told
// and reads who follows the family, the educator finds her home visit in
// her agenda, the parents' acknowledgement of the DIA is recorded, a
// suspension moves the end date back by its days, and the financer's
// prescriber reads the place in the quarter's statement.
func TestTheWholeJobOfAnAccompanimentIsDoneInThePortal(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	prescriber, coordinator, educator := api.Token(t, demo.Prescriber), api.Token(t, demo.Coordinator), api.Token(t, demo.Educator)
	council := api.Demo.DepartmentalCouncilID
	conventionID := api.DB.Client.Convention.Query().Where(convention.FinancerID(council)).OnlyIDX(apitest.Sys)
	quarter := quarterOf(api.Clock.Now())
	before := statementOf(t, api, prescriber, conventionID, quarter)

	family := newFamily()
	family["postalAddress"] = "12 rue des Lilas, 30000 Nîmes"
	family["phone"] = "+33612345678"
	a := request(t, api, prescriber, "MIP", map[string]any{"financerID": council, "family": family})

	t.Run("the coordinator assigns the educator and validates", func(t *testing.T) {
		mustStep(t, api, coordinator, "assignEducators", "AssignEducatorsInput",
			with(a.ID, "educatorIDs", []pulid.ID{api.Demo.People[demo.Educator]}))
		a = validated(t, api, coordinator, a)
		if a.Status != "ACTIVE" || a.ConventionID == nil || *a.ConventionID != conventionID {
			t.Fatalf("validated: %+v, want ACTIVE on the council's convention %s", a, conventionID)
		}
	})

	t.Run("the prescriber is told, with the educator's name", func(t *testing.T) {
		var got struct {
			Viewer struct {
				Notifications struct {
					Edges []struct {
						Node struct {
							Kind, Text      string
							AccompanimentID *pulid.ID
						}
					}
				}
			}
		}
		api.MustSucceed(t, prescriber, `{ viewer { notifications(first: 20) { edges { node { kind text accompanimentID } } } } }`, nil, &got)
		told := false
		for _, e := range got.Viewer.Notifications.Edges {
			n := e.Node
			told = told || n.Kind == "REQUEST_VALIDATED" && n.AccompanimentID != nil && *n.AccompanimentID == a.ID &&
				strings.Contains(n.Text, "Éric Éducateur (démo)")
		}
		if !told {
			t.Fatalf("no validation notice naming the educator: %+v", got.Viewer.Notifications.Edges)
		}
	})

	start := api.Clock.Now().AddDate(0, -1, 0).UTC().Truncate(time.Second)
	a = mustStep(t, api, prescriber, "setFirstAppointment", "SetFirstAppointmentInput", with(a.ID, "at", start))

	t.Run("the educator finds her home visit in her agenda", func(t *testing.T) {
		visit := api.Clock.Now().Add(48 * time.Hour).UTC().Truncate(time.Minute)
		planned, r := appointmentStep(t, api, educator, "planAppointment", "PlanAppointmentInput",
			with(a.ID, "kind", "HOME_VISIT", "startsAt", rfc(visit), "durationMinutes", 90))
		r.WantOK(t)
		var got struct {
			Viewer struct {
				Agenda struct {
					Edges []struct {
						Node struct {
							ID           pulid.ID
							AtFamilyHome bool
						}
					}
				}
			}
		}
		today := clock.DayOf(api.Clock.Now(), clock.Paris)
		api.MustSucceed(t, educator, `query($from: Date!, $to: Date!) { viewer { agenda(from: $from, to: $to, first: 50) {
			edges { node { id atFamilyHome } } } } }`,
			map[string]any{"from": dayString(today), "to": dayString(today.AddDate(0, 0, 7))}, &got)
		found := false
		for _, e := range got.Viewer.Agenda.Edges {
			found = found || e.Node.ID == planned.ID && e.Node.AtFamilyHome
		}
		if !found {
			t.Fatalf("the home visit %s is not in the agenda: %+v", planned.ID, got.Viewer.Agenda.Edges)
		}
	})

	t.Run("the parents' acknowledgement of the DIA is recorded", func(t *testing.T) {
		docID := writeDoc(t, api, educator, with(a.ID, "kind", "INDIVIDUAL_DOCUMENT", "body", "Objectifs convenus avec la famille."))
		guardians := api.DB.Client.Guardian.Query().Where(guardian.FamilyID(a.FamilyID)).IDsX(apitest.Sys)
		today := clock.DayOf(api.Clock.Now(), clock.Paris)
		p := api.Mutate(t, demo.Educator, `mutation($in: RecordParentsAcknowledgementInput!) { recordParentsAcknowledgement(input: $in) {
			document { acknowledgements { acknowledgedOn guardian { id } } } errors { code message } } }`,
			vars(map[string]any{"documentID": docID, "guardianIDs": guardians, "acknowledgedOn": dayString(today)}))
		var doc struct {
			Acknowledgements []struct {
				AcknowledgedOn string
				Guardian       struct{ ID pulid.ID }
			}
		}
		p.Decode(t, "document", &doc)
		if len(doc.Acknowledgements) != len(guardians) || doc.Acknowledgements[0].AcknowledgedOn != dayString(today) {
			t.Fatalf("acknowledgements %+v, want each of the %d guardians today", doc.Acknowledgements, len(guardians))
		}
	})

	t.Run("a suspension of ten days moves the end date ten days back", func(t *testing.T) {
		ends := *a.EndsAt
		from := clock.DayOf(api.Clock.Now(), clock.Paris).AddDate(0, 0, -10)
		api.Mutate(t, demo.Coordinator, suspendDoc,
			vars(map[string]any{"accompanimentID": a.ID, "reason": "MOVE", "on": dayString(from)})).WantOK(t)
		resumed := endsOf(t, api.Mutate(t, demo.Coordinator, resumeDoc, vars(map[string]any{"accompanimentID": a.ID})))
		if want := ends.In(clock.Paris).AddDate(0, 0, 10).UTC(); resumed.EndsAt == nil || !resumed.EndsAt.Equal(want) {
			t.Fatalf("ends %v after the suspension, want %v", resumed.EndsAt, want)
		}
	})

	t.Run("the financer's prescriber reads the place in the quarter's statement", func(t *testing.T) {
		after := statementOf(t, api, prescriber, conventionID, quarter)
		if after.PlacesUsed != before.PlacesUsed+1 || after.AmountOwedCents != before.AmountOwedCents+after.UnitPriceCents {
			t.Fatalf("statement %+v, want one more place than %+v", after, before)
		}
		if !slices.ContainsFunc(after.Lines, func(l statementLine) bool { return l.AccompanimentID == a.ID }) {
			t.Fatalf("the statement does not list %s: %+v", a.ID, after.Lines)
		}
	})
}

type statementLine struct{ AccompanimentID pulid.ID }

type statement struct {
	PlacesUsed, AmountOwedCents, UnitPriceCents int
	Lines                                       []statementLine
}

// statementOf is the quarter's statement of a convention as token reads it.
func statementOf(t *testing.T, api *apitest.API, token string, conventionID pulid.ID, quarter string) statement {
	t.Helper()
	var got struct {
		Node struct{ Statement *statement }
	}
	api.MustSucceed(t, token, `query($id: ID!, $q: String!) { node(id: $id) { ... on Convention {
		statement(quarter: $q) { placesUsed amountOwedCents unitPriceCents lines { accompanimentID } } } } }`,
		map[string]any{"id": conventionID, "q": quarter}, &got)
	if got.Node.Statement == nil {
		t.Fatalf("no statement of %s for %s", conventionID, quarter)
	}
	return *got.Node.Statement
}

// quarterOf names the quarter, in Paris, of an instant: 2027-Q1.
func quarterOf(at time.Time) string {
	d := clock.DayOf(at, clock.Paris)
	return fmt.Sprintf("%d-Q%d", d.Year(), (int(d.Month())-1)/3+1)
}
