package accompaniment_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// team is who takes the steps of one provider's accompaniments.
type team struct {
	coordinator, educator, appointer string
	educatorID                       pulid.ID
	documentKind                     string
}

func ablTeam(t *testing.T, api *apitest.API) team {
	return team{
		coordinator: api.Token(t, demo.Coordinator), educator: api.Token(t, demo.Educator),
		appointer: api.Token(t, demo.Prescriber), educatorID: api.Demo.People[demo.Educator],
		documentKind: "INDIVIDUAL_DOCUMENT",
	}
}

func relianceTeam(t *testing.T, api *apitest.API) team {
	return team{
		coordinator: api.Token(t, demo.RelianceCoordinator), educator: api.Token(t, demo.RelianceEducator),
		appointer: api.Token(t, demo.RelianceCoordinator), educatorID: api.Demo.People[demo.RelianceEducator],
		documentKind: "CONTRACT",
	}
}

// follow takes a validated accompaniment from its educators to its final
// report: educators, first appointment five months ago (within the six
// months the programmes last, or it would be refused as mistyped), contacts,
// founding document and map (revised), final report.
func follow(t *testing.T, api *apitest.API, tm team, a acc) acc {
	t.Helper()
	a = mustStep(t, api, tm.coordinator, "assignEducators", "AssignEducatorsInput",
		with(a.ID, "educatorIDs", []pulid.ID{tm.educatorID}))
	start := api.Clock.Now().AddDate(0, -5, 0).UTC().Truncate(time.Second)
	a = mustStep(t, api, tm.appointer, "setFirstAppointment", "SetFirstAppointmentInput", with(a.ID, "at", start))
	// Six months later at the same hour in Paris, across the clock change.
	if !a.StartsAt.Equal(start) || !a.EndsAt.Equal(start.In(clock.Paris).AddDate(0, 6, 0)) {
		t.Fatalf("dates: starts %v ends %v, want %v and six months later in Paris", a.StartsAt, a.EndsAt, start)
	}
	for i, kind := range []string{"HOME_VISIT", "CALL", "HOME_VISIT", "TEXT"} {
		r := mutate(t, api, tm.educator, "recordContact", "RecordContactInput", "contactEvent", "id kind",
			with(a.ID, "kind", kind, "occurredAt", start.AddDate(0, 0, 7*i), "durationMinutes", 60, "note", "Note confidentielle."))
		if len(r.Codes()) > 0 {
			t.Fatalf("recordContact: %v %+v", r.Codes(), r.Errors)
		}
	}
	docID := writeDoc(t, api, tm.educator, with(a.ID, "kind", tm.documentKind, "body", "Première version."))
	writeDoc(t, api, tm.educator, with(a.ID, "kind", "STAKES_MAP", "stakes", "Enjeux", "missions", "Missions", "work", "Travail"))
	r := mutate(t, api, tm.educator, "reviseDocument", "ReviseDocumentInput", "document", "id currentRevision revisions { number body }",
		map[string]any{"documentID": docID, "body": "Deuxième version."})
	var doc struct {
		CurrentRevision int `json:"currentRevision"`
		Revisions       []struct {
			Number int    `json:"number"`
			Body   string `json:"body"`
		} `json:"revisions"`
	}
	if len(r.Codes()) > 0 || json.Unmarshal(r.Fields["document"], &doc) != nil || doc.CurrentRevision != 2 || len(doc.Revisions) != 2 {
		t.Fatalf("reviseDocument: %v %s", r.Codes(), r.Fields["document"])
	}
	a = mustStep(t, api, tm.educator, "closeWithFinalReport", "CloseWithFinalReportInput",
		with(a.ID, "body", "Bilan : objectifs atteints."))
	if a.Status != "CLOSED" || a.ClosedAt == nil {
		t.Fatalf("closed: %+v", a)
	}
	return a
}

func writeDoc(t *testing.T, api *apitest.API, token string, input map[string]any) pulid.ID {
	t.Helper()
	r := mutate(t, api, token, "writeDocument", "WriteDocumentInput", "document", "id", input)
	var doc struct {
		ID pulid.ID `json:"id"`
	}
	if len(r.Codes()) > 0 || json.Unmarshal(r.Fields["document"], &doc) != nil {
		t.Fatalf("writeDocument: %v %+v", r.Codes(), r.Errors)
	}
	return doc.ID
}

// outbox lists the deliveries of documents queued for an accompaniment
// (not the notices, package notify).
func outbox(t *testing.T, api *apitest.API, id pulid.ID) map[outboxmessage.RecipientKind]int {
	t.Helper()
	msgs := api.DB.Client.OutboxMessage.Query().Where(outboxmessage.AccompanimentID(id), outboxmessage.NotificationIDIsNil()).
		AllX(apitest.Sys)
	out := map[outboxmessage.RecipientKind]int{}
	for _, m := range msgs {
		out[m.RecipientKind]++
	}
	return out
}

func TestEachProgrammeFromRequestToFinalReport(t *testing.T) {
	t.Parallel()
	for _, code := range []string{"MIP", "MAPA"} {
		t.Run(code+": a prescriber's request, followed to the final report sent to both parents and the prescriber", func(t *testing.T) {
			api := apitest.New(t)
			tm := ablTeam(t, api)
			a := request(t, api, tm.appointer, code, nil)
			if a.Status != "REQUESTED" {
				t.Fatalf("status %s", a.Status)
			}
			a = validated(t, api, tm.coordinator, a)
			if a.Status != "ACTIVE" {
				t.Fatalf("status %s", a.Status)
			}
			a = follow(t, api, tm, a)
			if got := outbox(t, api, a.ID); got[outboxmessage.RecipientKindGuardian] != 1 || got[outboxmessage.RecipientKindPrescriber] != 1 {
				t.Fatalf("deliveries %v, want the requesting guardian and the prescriber", got)
			}
			prescriberSees(t, api, a.ID)
		})
	}

	t.Run("RELIANCE: a family asks itself, the coordinator records it; a contract, not an individual document", func(t *testing.T) {
		api := apitest.New(t)
		tm := relianceTeam(t, api)
		a := request(t, api, tm.coordinator, "RELIANCE", nil)
		a = validated(t, api, tm.coordinator, a)
		a = follow(t, api, tm, a)
		if got := outbox(t, api, a.ID); got[outboxmessage.RecipientKindGuardian] != 1 || got[outboxmessage.RecipientKindPrescriber] != 0 {
			t.Fatalf("deliveries %v, want the requesting guardian only", got)
		}
	})

	t.Run("MADI: a running MIP continued as a MADI with the same educators, then followed to its report", func(t *testing.T) {
		api := apitest.New(t)
		tm := ablTeam(t, api)
		mip := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
		mip = mustStep(t, api, tm.coordinator, "assignEducators", "AssignEducatorsInput",
			with(mip.ID, "educatorIDs", []pulid.ID{tm.educatorID, api.Demo.People[demo.Practitioner]}))
		madi := mustStep(t, api, tm.coordinator, "continueAsMADI", "ContinueAsMADIInput", on(mip.ID))
		if madi.Status != "EVALUATING" || madi.PredecessorID == nil || *madi.PredecessorID != mip.ID ||
			madi.FamilyID != mip.FamilyID || len(madi.Educators) != 2 {
			t.Fatalf("continued: %+v", madi)
		}
		_, r := step(t, api, tm.coordinator, "continueAsMADI", "ContinueAsMADIInput", on(mip.ID))
		r.WantCode(t, "NOT_CONTINUABLE")
		madi = mustStep(t, api, tm.coordinator, "validateAccompaniment", "AccompanimentStepInput", on(madi.ID))
		madi = follow(t, api, tm, madi)
		if madi.Status != "CLOSED" {
			t.Fatalf("MADI: %+v", madi)
		}
		var got struct {
			Node struct {
				Status       string `json:"status"`
				StatusReason string `json:"statusReason"`
				Successor    struct {
					ID pulid.ID `json:"id"`
				} `json:"successor"`
			} `json:"node"`
		}
		api.MustSucceed(t, tm.coordinator, `query($id: ID!) { node(id: $id) { ... on Accompaniment { status statusReason successor { id } } } }`,
			map[string]any{"id": mip.ID}, &got)
		if got.Node.Status != "INTERRUPTED" || got.Node.Successor.ID != madi.ID {
			t.Fatalf("the MIP after its continuation: %+v", got.Node)
		}
	})
}

// prescriberSees checks what the prescriber reads of a closed request:
// status, dates and the final report, never the contact notes nor the
// working documents.
func prescriberSees(t *testing.T, api *apitest.API, id pulid.ID) {
	t.Helper()
	var got struct {
		Node struct {
			Status        string     `json:"status"`
			StartsAt      *time.Time `json:"startsAt"`
			EndsAt        *time.Time `json:"endsAt"`
			ClosedAt      *time.Time `json:"closedAt"`
			ContactEvents struct {
				TotalCount int `json:"totalCount"`
			} `json:"contactEvents"`
			Documents []struct {
				Kind      string `json:"kind"`
				Revisions []struct {
					Body string `json:"body"`
				} `json:"revisions"`
			} `json:"documents"`
		} `json:"node"`
	}
	api.MustSucceed(t, api.Token(t, demo.Prescriber), `query($id: ID!) { node(id: $id) { ... on Accompaniment {
		status startsAt endsAt closedAt contactEvents(first: 10) { totalCount } documents { kind revisions { body } } } } }`,
		map[string]any{"id": id}, &got)
	n := got.Node
	if n.Status != "CLOSED" || n.StartsAt == nil || n.EndsAt == nil || n.ClosedAt == nil {
		t.Fatalf("prescriber sees %+v", n)
	}
	if n.ContactEvents.TotalCount != 0 {
		t.Fatalf("the prescriber sees %d contacts", n.ContactEvents.TotalCount)
	}
	if len(n.Documents) != 1 || n.Documents[0].Kind != "FINAL_REPORT" || len(n.Documents[0].Revisions) != 1 ||
		n.Documents[0].Revisions[0].Body != "Bilan : objectifs atteints." {
		t.Fatalf("the prescriber sees documents %+v, want the final report only", n.Documents)
	}
}
