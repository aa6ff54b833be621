package access_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// accompanimentCases: who takes each step of the accompaniment workflow
// (issue 4). Every step runs on an accompaniment of Au bonheur des liens
// referred by Prescriber and followed by Educator, in the status the step
// starts from, so that an allowed account passes every rule of the
// workflow and a refused one meets only the access rules.
var accompanimentCases = map[string]mutationCase{
	// A prescriber requests for a family they refer (both demo
	// prescribers' organisations are actively linked to the provider); a
	// coordinator for a family that asks itself.
	"requestAccompaniment": {
		document: mutationDoc("requestAccompaniment", "RequestAccompanimentInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"programmeID": api.Demo.Programmes["MIP"], "family": map[string]any{
				"territory": "Gard", "householdComposition": "SINGLE_PARENT",
				"guardians": []map[string]any{{"firstName": "Alex", "lastName": "Essai", "relationship": "MOTHER", "requester": true}},
				"children":  []map[string]any{{"firstName": "Léa", "birthDate": "2018-03-01T00:00:00Z"}},
			}})
		},
		allowed: []string{demo.Coordinator, demo.Prescriber, demo.SecondPrescriber},
	},
	"startEvaluation": {
		document: mutationDoc("startEvaluation", "AccompanimentStepInput"),
		vars:     onAccompaniment(accompaniment.StatusRequested, nil),
		allowed:  []string{demo.Coordinator},
	},
	"validateAccompaniment": {
		document: mutationDoc("validateAccompaniment", "AccompanimentStepInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := api.Demo.Accompaniments[accompaniment.StatusEvaluating]
			consentToAccompaniment(t, api, id)
			return in(map[string]any{"accompanimentID": id})
		},
		allowed: []string{demo.Coordinator},
	},
	"declineAccompaniment": {
		document: mutationDoc("declineAccompaniment", "DeclineAccompanimentInput"),
		vars:     onAccompaniment(accompaniment.StatusEvaluating, map[string]any{"reason": "CAPACITY"}),
		allowed:  []string{demo.Coordinator},
	},
	"assignEducators": {
		document: mutationDoc("assignEducators", "AssignEducatorsInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return onAccompaniment(accompaniment.StatusActive, map[string]any{"educatorIDs": []pulid.ID{api.Demo.People[demo.Educator]}})(t, api)
		},
		allowed: []string{demo.Coordinator},
	},
	// The prescriber of the request or the coordinator; not the other
	// prescriber.
	"setFirstAppointment": {
		document: mutationDoc("setFirstAppointment", "SetFirstAppointmentInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return onAccompaniment(accompaniment.StatusActive, map[string]any{"at": api.Clock.Now().Add(-24 * time.Hour).Format(time.RFC3339)})(t, api)
		},
		allowed: []string{demo.Coordinator, demo.Prescriber},
	},
	// The assigned educator only: the issue gives contacts to the
	// educator, and the coordinator does not visit families.
	"recordContact": {
		document: mutationDoc("recordContact", "RecordContactInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			a := api.DB.Client.Accompaniment.GetX(apitest.Sys, api.Demo.Accompaniments[accompaniment.StatusActive])
			return in(map[string]any{"accompanimentID": a.ID, "kind": "CALL",
				"occurredAt": a.StartsAt.Add(time.Hour).Format(time.RFC3339), "durationMinutes": 10, "note": "Appel."})
		},
		allowed: []string{demo.Educator},
	},
	// The issue does not say who writes the documents and the final
	// report: the file's staff (coordinator, assigned educator), as the
	// schema documents; never the prescriber.
	"writeDocument": {
		document: mutationDoc("writeDocument", "WriteDocumentInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			// A running accompaniment of the educator without its map yet:
			// a document is written once.
			id := api.DB.Client.Accompaniment.Query().Where(
				accompaniment.ProviderID(api.Demo.ProviderID),
				accompaniment.StatusEQ(accompaniment.StatusActive),
				accompaniment.PrescriberID(api.Demo.People[demo.Prescriber]),
				accompaniment.HasEducatorsWith(person.ID(api.Demo.People[demo.Educator])),
				accompaniment.Not(accompaniment.HasDocumentsWith(document.KindEQ(document.KindStakesMap))),
			).FirstIDX(apitest.Sys)
			return in(map[string]any{"accompanimentID": id, "kind": "STAKES_MAP", "stakes": "Enjeux.", "missions": "Missions.", "work": "Travail."})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"reviseDocument": {
		document: mutationDoc("reviseDocument", "ReviseDocumentInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.Document.Query().Where(document.AccompanimentID(api.Demo.Accompaniments[accompaniment.StatusActive]),
				document.KindNEQ(document.KindFinalReport)).FirstIDX(apitest.Sys)
			return in(map[string]any{"documentID": id, "body": "Révision.", "stakes": "Enjeux.", "missions": "Missions.", "work": "Travail."})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"closeWithFinalReport": {
		document: mutationDoc("closeWithFinalReport", "CloseWithFinalReportInput"),
		vars:     onAccompaniment(accompaniment.StatusActive, map[string]any{"body": "Bilan."}),
		allowed:  []string{demo.Coordinator, demo.Educator},
	},
	"continueAsMADI": {
		document: mutationDoc("continueAsMADI", "ContinueAsMADIInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.Accompaniment.Query().Where(
				accompaniment.ProviderID(api.Demo.ProviderID),
				accompaniment.HasProgrammeWith(programme.Code("MIP")),
				accompaniment.StatusIn(accompaniment.StatusActive, accompaniment.StatusClosed),
				accompaniment.Not(accompaniment.HasSuccessor()),
			).FirstIDX(apitest.Sys)
			return in(map[string]any{"accompanimentID": id})
		},
		allowed: []string{demo.Coordinator},
	},
	// Ending a file early is the coordinator's decision (the issue is
	// silent): not the prescriber's, even on their own request.
	"withdrawAccompaniment": {
		document: mutationDoc("withdrawAccompaniment", "EndAccompanimentInput"),
		vars:     onAccompaniment(accompaniment.StatusRequested, map[string]any{"reason": "La famille renonce."}),
		// The prescriber withdraws his own request before its validation.
		allowed: []string{demo.Coordinator, demo.Prescriber},
	},
	"interruptAccompaniment": {
		document: mutationDoc("interruptAccompaniment", "EndAccompanimentInput"),
		vars:     onAccompaniment(accompaniment.StatusActive, map[string]any{"reason": "Déménagement."}),
		allowed:  []string{demo.Coordinator},
	},
}

// onAccompaniment names the demo accompaniment in status, with more input.
func onAccompaniment(status accompaniment.Status, more map[string]any) func(*testing.T, *apitest.API) map[string]any {
	return func(_ *testing.T, api *apitest.API) map[string]any {
		input := map[string]any{"accompanimentID": api.Demo.Accompaniments[status]}
		for k, v := range more {
			input[k] = v
		}
		return in(input)
	}
}

// consentToAccompaniment records, as the portal, the family's consent to
// be accompanied when it has none standing.
func consentToAccompaniment(t *testing.T, api *apitest.API, accID pulid.ID) {
	t.Helper()
	a := api.DB.Client.Accompaniment.GetX(apitest.Sys, accID)
	if api.DB.Client.Consent.Query().Where(consent.FamilyID(a.FamilyID), consent.PurposeEQ(consent.PurposeAccompaniment),
		consent.WithdrawnAtIsNil()).ExistX(apitest.Sys) {
		return
	}
	api.DB.Client.Consent.Create().SetFamilyID(a.FamilyID).SetPurpose(consent.PurposeAccompaniment).ExecX(apitest.Sys)
}
