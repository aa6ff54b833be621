package accompaniment_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestTheStatusMachineRefusesAnyOtherTransition(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.Coordinator)
	ids := api.Demo.Accompaniments
	end := func(id pulid.ID) map[string]any { return with(id, "reason", "raison") }
	decline := func(id pulid.ID) map[string]any { return with(id, "reason", "CAPACITY") }
	report := func(id pulid.ID) map[string]any { return with(id, "body", "bilan") }
	steps := []struct {
		mutation, input string
		in              func(pulid.ID) map[string]any
		to              entacc.Status
	}{
		{"startEvaluation", "AccompanimentStepInput", on, entacc.StatusEvaluating},
		{"validateAccompaniment", "AccompanimentStepInput", on, entacc.StatusActive},
		{"declineAccompaniment", "DeclineAccompanimentInput", decline, entacc.StatusDeclined},
		{"withdrawAccompaniment", "EndAccompanimentInput", end, entacc.StatusWithdrawn},
		{"interruptAccompaniment", "EndAccompanimentInput", end, entacc.StatusInterrupted},
		{"closeWithFinalReport", "CloseWithFinalReportInput", report, entacc.StatusClosed},
	}
	// The only transitions the workflow's steps may take, written out here
	// rather than read from the code under test.
	allowed := map[entacc.Status][]entacc.Status{
		entacc.StatusRequested:  {entacc.StatusEvaluating, entacc.StatusDeclined, entacc.StatusWithdrawn},
		entacc.StatusEvaluating: {entacc.StatusActive, entacc.StatusDeclined, entacc.StatusWithdrawn},
		entacc.StatusActive:     {entacc.StatusClosed, entacc.StatusWithdrawn, entacc.StatusInterrupted},
	}
	statuses := []entacc.Status{
		entacc.StatusRequested, entacc.StatusEvaluating, entacc.StatusActive, entacc.StatusClosed,
		entacc.StatusDeclined, entacc.StatusWithdrawn, entacc.StatusInterrupted, entacc.StatusExpired,
	}
	for _, from := range statuses {
		for _, s := range steps {
			if slices.Contains(allowed[from], s.to) {
				continue
			}
			t.Run(fmt.Sprintf("%s refuses %s", from, s.mutation), func(t *testing.T) {
				_, r := step(t, api, coord, s.mutation, s.input, s.in(ids[from]))
				r.WantCode(t, "INVALID_TRANSITION")
				if got := api.DB.Client.Accompaniment.GetX(apitest.Sys, ids[from]).Status; got != from {
					t.Fatalf("status changed to %s", got)
				}
			})
		}
	}
	t.Run("the allowed side exits pass: a request withdrawn, an evaluation declined, a running one interrupted", func(t *testing.T) {
		a := mustStep(t, api, coord, "withdrawAccompaniment", "EndAccompanimentInput", end(ids[entacc.StatusRequested]))
		b := mustStep(t, api, coord, "declineAccompaniment", "DeclineAccompanimentInput", decline(ids[entacc.StatusEvaluating]))
		c := mustStep(t, api, coord, "interruptAccompaniment", "EndAccompanimentInput", end(ids[entacc.StatusActive]))
		if a.Status != "WITHDRAWN" || b.Status != "DECLINED" || c.Status != "INTERRUPTED" {
			t.Fatal(a.Status, b.Status, c.Status)
		}
	})
}

func TestADeclineGivesItsReasonToThePrescriber(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.Coordinator)
	id := api.Demo.Accompaniments[entacc.StatusEvaluating]
	t.Run("OTHER needs a text", func(t *testing.T) {
		_, r := step(t, api, coord, "declineAccompaniment", "DeclineAccompanimentInput", with(id, "reason", "OTHER"))
		r.WantCode(t, "REASON_REQUIRED")
	})
	t.Run("the prescriber reads the reason", func(t *testing.T) {
		mustStep(t, api, coord, "declineAccompaniment", "DeclineAccompanimentInput", with(id, "reason", "OTHER", "text", "Hors territoire."))
		var got struct {
			Node acc `json:"node"`
		}
		api.MustSucceed(t, api.Token(t, demo.Prescriber), `query($id: ID!) { node(id: $id) { ... on Accompaniment { `+accFields+` } } }`,
			map[string]any{"id": id}, &got)
		if got.Node.Status != "DECLINED" || got.Node.DeclineReason == nil || *got.Node.DeclineReason != "OTHER" ||
			got.Node.StatusReason == nil || *got.Node.StatusReason != "Hors territoire." {
			t.Fatalf("the prescriber sees %+v", got.Node)
		}
	})
}

func TestValidationNeedsTheFamilysConsent(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.Coordinator)
	a := request(t, api, api.Token(t, demo.Prescriber), "MIP", nil)
	mustStep(t, api, coord, "startEvaluation", "AccompanimentStepInput", on(a.ID))

	t.Run("no consent recorded: refused", func(t *testing.T) {
		_, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(a.ID))
		r.WantCode(t, "CONSENT_REQUIRED")
	})
	t.Run("a withdrawn consent: refused", func(t *testing.T) {
		api.DB.Client.Consent.Create().SetFamilyID(a.FamilyID).SetPurpose(consent.PurposeAccompaniment).
			SetWithdrawnAt(api.Clock.Now()).SaveX(apitest.Sys)
		_, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(a.ID))
		r.WantCode(t, "CONSENT_REQUIRED")
	})
	t.Run("a consent for another purpose: refused", func(t *testing.T) {
		api.DB.Client.Consent.Create().SetFamilyID(a.FamilyID).SetPurpose(consent.PurposeSharingWithPrescriber).SaveX(apitest.Sys)
		_, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(a.ID))
		r.WantCode(t, "CONSENT_REQUIRED")
	})
	t.Run("a standing consent: validated", func(t *testing.T) {
		consentTo(t, api, a.FamilyID)
		if got := mustStep(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(a.ID)); got.Status != "ACTIVE" {
			t.Fatal(got.Status)
		}
	})
}

func TestAFamilyUnderAnExcludedMeasureCannotBeValidated(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.RelianceCoordinator)
	for _, c := range []struct {
		measure string
		want    string
	}{{"IEAD", "NOT_ELIGIBLE"}, {"AEMO", "NOT_ELIGIBLE"}, {"ARTICLE_226_4", "NOT_ELIGIBLE"}, {"AED", ""}} {
		t.Run(c.measure, func(t *testing.T) {
			a := request(t, api, coord, "RELIANCE", map[string]any{"family": newFamily(c.measure)})
			consentTo(t, api, a.FamilyID)
			mustStep(t, api, coord, "startEvaluation", "AccompanimentStepInput", on(a.ID))
			got, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(a.ID))
			if c.want == "" {
				if len(r.Codes()) > 0 || got.Status != "ACTIVE" {
					t.Fatalf("an %s family was refused: %v", c.measure, r.Codes())
				}
				return
			}
			r.WantCode(t, c.want)
		})
	}
}

func TestAProgrammeRefusesValidationsBeyondItsCapacity(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.RelianceCoordinator)
	prog := api.Demo.Programmes["RELIANCE"]
	active := api.DB.Client.Accompaniment.Query().Where(entacc.ProgrammeID(prog), entacc.StatusEQ(entacc.StatusActive)).CountX(apitest.Sys)
	api.DB.Client.Programme.UpdateOneID(prog).SetCapacity(active + 1).ExecX(apitest.Sys)

	first := validated(t, api, coord, request(t, api, coord, "RELIANCE", nil))
	if first.Status != "ACTIVE" {
		t.Fatal(first.Status)
	}
	second := request(t, api, coord, "RELIANCE", nil)
	consentTo(t, api, second.FamilyID)
	mustStep(t, api, coord, "startEvaluation", "AccompanimentStepInput", on(second.ID))
	_, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(second.ID))
	r.WantCode(t, "CAPACITY_REACHED")

	t.Run("a place freed by a closing can be taken", func(t *testing.T) {
		mustStep(t, api, coord, "interruptAccompaniment", "EndAccompanimentInput", with(first.ID, "reason", "Déménagement."))
		mustStep(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(second.ID))
	})
}

func TestValidationsConsumeTheFinancersConventionPlaces(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord, presc := api.Token(t, demo.Coordinator), api.Token(t, demo.Prescriber)
	conv := api.DB.Client.Convention.Query().Where(
		convention.ProgrammeID(api.Demo.Programmes["MIP"]), convention.FinancerID(api.Demo.DepartmentalCouncilID)).OnlyX(apitest.Sys)
	taken := api.DB.Client.Accompaniment.Query().Where(entacc.ConventionID(conv.ID), entacc.ValidatedAtNotNil()).CountX(apitest.Sys)
	api.DB.Client.Convention.UpdateOne(conv).SetPlaces(taken + 1).ExecX(apitest.Sys)
	financed := map[string]any{"financerID": api.Demo.DepartmentalCouncilID}

	first := validated(t, api, coord, request(t, api, presc, "MIP", financed))
	if first.ConventionID == nil || *first.ConventionID != conv.ID {
		t.Fatalf("the validation took no place: %+v", first)
	}
	second := request(t, api, presc, "MIP", financed)
	consentTo(t, api, second.FamilyID)
	mustStep(t, api, coord, "startEvaluation", "AccompanimentStepInput", on(second.ID))
	_, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(second.ID))
	r.WantCode(t, "CONVENTION_FULL")

	t.Run("a place stays taken when the accompaniment ends early", func(t *testing.T) {
		mustStep(t, api, coord, "interruptAccompaniment", "EndAccompanimentInput", with(first.ID, "reason", "Déménagement."))
		_, r := step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on(second.ID))
		r.WantCode(t, "CONVENTION_FULL")
	})
	t.Run("a request nobody finances takes no place", func(t *testing.T) {
		a := validated(t, api, coord, request(t, api, presc, "MIP", nil))
		if a.ConventionID != nil {
			t.Fatalf("linked to %s", *a.ConventionID)
		}
	})
}

func TestDatesOfContactsAndReports(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
	a = mustStep(t, api, tm.coordinator, "assignEducators", "AssignEducatorsInput", with(a.ID, "educatorIDs", []pulid.ID{tm.educatorID}))
	contact := func(at time.Time) apitest.Payload {
		return mutate(t, api, tm.educator, "recordContact", "RecordContactInput", "contactEvent", "id",
			with(a.ID, "kind", "CALL", "occurredAt", at, "durationMinutes", 15))
	}
	t.Run("no contact before a first appointment is set", func(t *testing.T) {
		contact(api.Clock.Now()).WantCode(t, "CONTACT_BEFORE_START")
	})
	start := api.Clock.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	mustStep(t, api, tm.appointer, "setFirstAppointment", "SetFirstAppointmentInput", with(a.ID, "at", start))
	t.Run("no contact before the first appointment", func(t *testing.T) {
		contact(api.Clock.Now()).WantCode(t, "CONTACT_BEFORE_START")
	})
	t.Run("nor after now: a contact is recorded once it took place", func(t *testing.T) {
		contact(start.Add(time.Hour)).WantCode(t, "CONTACT_IN_FUTURE")
	})
	t.Run("no final report before the start date", func(t *testing.T) {
		_, r := step(t, api, tm.educator, "closeWithFinalReport", "CloseWithFinalReportInput", with(a.ID, "body", "Bilan."))
		r.WantCode(t, "REPORT_BEFORE_START")
	})
	t.Run("no contact after the closing", func(t *testing.T) {
		closed := api.DB.Client.Accompaniment.GetX(apitest.Sys, api.Demo.Accompaniments[entacc.StatusClosed])
		r := mutate(t, api, tm.educator, "recordContact", "RecordContactInput", "contactEvent", "id",
			with(closed.ID, "kind", "CALL", "occurredAt", closed.ClosedAt.Add(time.Hour), "durationMinutes", 15))
		r.WantCode(t, "CONTACT_AFTER_CLOSE")
		r = mutate(t, api, tm.educator, "recordContact", "RecordContactInput", "contactEvent", "id",
			with(closed.ID, "kind", "CALL", "occurredAt", closed.ClosedAt.Add(-time.Hour), "durationMinutes", 15))
		if len(r.Codes()) > 0 {
			t.Fatalf("a late entry of a contact before the closing was refused: %v", r.Codes())
		}
	})
}

func TestDocuments(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
	write := func(kind string) apitest.Payload {
		return mutate(t, api, tm.coordinator, "writeDocument", "WriteDocumentInput", "document", "id",
			with(a.ID, "kind", kind, "body", "Texte."))
	}
	t.Run("a MIP has an individual document, not a contract", func(t *testing.T) {
		write("CONTRACT").WantCode(t, "WRONG_DOCUMENT_KIND")
	})
	t.Run("Reliance has a contract, not an individual document", func(t *testing.T) {
		coord := api.Token(t, demo.RelianceCoordinator)
		rel := validated(t, api, coord, request(t, api, coord, "RELIANCE", nil))
		r := mutate(t, api, coord, "writeDocument", "WriteDocumentInput", "document", "id",
			with(rel.ID, "kind", "INDIVIDUAL_DOCUMENT", "body", "Texte."))
		r.WantCode(t, "WRONG_DOCUMENT_KIND")
	})
	t.Run("the final report is written by closing", func(t *testing.T) {
		write("FINAL_REPORT").WantCode(t, "WRONG_DOCUMENT_KIND")
	})
	t.Run("a document is written once, then revised", func(t *testing.T) {
		if r := write("INDIVIDUAL_DOCUMENT"); len(r.Codes()) > 0 {
			t.Fatal(r.Codes())
		}
		write("INDIVIDUAL_DOCUMENT").WantCode(t, "DOCUMENT_EXISTS")
	})
}

func TestWhoMayTakeEachStep(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	presc, educ := api.Token(t, demo.Prescriber), api.Token(t, demo.Educator)
	evaluating := api.Demo.Accompaniments[entacc.StatusEvaluating]
	active := api.Demo.Accompaniments[entacc.StatusActive]
	cases := []struct {
		name, token, mutation, input string
		in                           map[string]any
	}{
		{"a prescriber cannot validate", presc, "validateAccompaniment", "AccompanimentStepInput", on(evaluating)},
		{"an educator cannot decline", educ, "declineAccompaniment", "DeclineAccompanimentInput", with(evaluating, "reason", "CAPACITY")},
		{"a prescriber cannot assign educators", presc, "assignEducators", "AssignEducatorsInput",
			with(active, "educatorIDs", []pulid.ID{api.Demo.People[demo.Educator]})},
		{"a prescriber cannot interrupt", presc, "interruptAccompaniment", "EndAccompanimentInput", with(active, "reason", "x")},
		{"the other provider's coordinator does not see the file", api.Token(t, demo.RelianceCoordinator),
			"interruptAccompaniment", "EndAccompanimentInput", with(active, "reason", "x")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, r := step(t, api, c.token, c.mutation, c.input, c.in)
			if len(r.Codes()) == 0 {
				t.Fatal("allowed")
			}
			for _, code := range r.Codes() {
				if code != "FORBIDDEN" && code != "NOT_FOUND" {
					t.Fatalf("refused with %s", code)
				}
			}
		})
	}
	t.Run("a prescriber cannot record a contact", func(t *testing.T) {
		a := api.DB.Client.Accompaniment.GetX(apitest.Sys, active)
		r := mutate(t, api, presc, "recordContact", "RecordContactInput", "contactEvent", "id",
			with(active, "kind", "CALL", "occurredAt", a.StartsAt.Add(time.Hour), "durationMinutes", 5))
		r.WantCode(t, "FORBIDDEN")
	})
}
