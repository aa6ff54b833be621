package accompaniment_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
)

// accFields are the fields of an accompaniment the tests look at.
const accFields = `id status familyID conventionID predecessorID startsAt endsAt closedAt declineReason statusReason
	educators { id } successor { id }`

// acc is an accompaniment as the API returns it.
type acc struct {
	ID            pulid.ID   `json:"id"`
	Status        string     `json:"status"`
	FamilyID      pulid.ID   `json:"familyID"`
	ConventionID  *pulid.ID  `json:"conventionID"`
	PredecessorID *pulid.ID  `json:"predecessorID"`
	StartsAt      *time.Time `json:"startsAt"`
	EndsAt        *time.Time `json:"endsAt"`
	ClosedAt      *time.Time `json:"closedAt"`
	DeclineReason *string    `json:"declineReason"`
	StatusReason  *string    `json:"statusReason"`
	Educators     []struct {
		ID pulid.ID `json:"id"`
	} `json:"educators"`
	Successor *struct {
		ID pulid.ID `json:"id"`
	} `json:"successor"`
}

// mutate runs one workflow mutation; record is the payload's record field
// and fields its selection.
func mutate(t *testing.T, api *apitest.API, token, name, inputType, record, fields string, input map[string]any) apitest.Payload {
	t.Helper()
	doc := "mutation($input: " + inputType + "!) { " + name + "(input: $input) { " + record + " { " + fields +
		" } errors { code message field } } }"
	return api.Do(t, token, doc, map[string]any{"input": input}).Payload(t)
}

// step runs a mutation whose payload carries an accompaniment.
func step(t *testing.T, api *apitest.API, token, name, inputType string, input map[string]any) (acc, apitest.Payload) {
	t.Helper()
	r := mutate(t, api, token, name, inputType, "accompaniment", accFields, input)
	var a acc
	r.Decode(t, "accompaniment", &a)
	return a, r
}

// mustStep runs a step that must succeed.
func mustStep(t *testing.T, api *apitest.API, token, name, inputType string, input map[string]any) acc {
	t.Helper()
	a, r := step(t, api, token, name, inputType, input)
	r.WantOK(t)
	return a
}

// on is the input naming an accompaniment.
func on(id pulid.ID) map[string]any { return map[string]any{"accompanimentID": id} }

// with is on(id) plus more fields.
func with(id pulid.ID, kv ...any) map[string]any {
	m := on(id)
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// newFamily is a family input with two guardians and two children.
func newFamily(measures ...string) map[string]any {
	if measures == nil {
		measures = []string{}
	}
	return map[string]any{
		"territory":              "Nîmes",
		"householdComposition":   "TWO_PARENTS",
		"socioEconomicSituation": "EMPLOYED",
		"protectiveMeasures":     measures,
		"guardians": []map[string]any{
			{"firstName": "Alex", "lastName": "Test", "relationship": "MOTHER", "requester": true, "email": "alex@example.org"},
			{"firstName": "Sam", "lastName": "Test", "relationship": "FATHER"},
		},
		"children": []map[string]any{
			{"firstName": "Lou", "birthDate": "2017-04-02T00:00:00Z", "schoolLevel": "CE2"},
			{"firstName": "Noé", "birthDate": "2020-09-15T00:00:00Z"},
		},
	}
}

// request asks for an accompaniment of a new family in programme code.
func request(t *testing.T, api *apitest.API, token, code string, extra map[string]any) acc {
	t.Helper()
	input := map[string]any{"programmeID": api.Demo.Programmes[code], "family": newFamily(), "note": "Demande de test."}
	for k, v := range extra {
		input[k] = v
	}
	return mustStep(t, api, token, "requestAccompaniment", "RequestAccompanimentInput", input)
}

// consentTo records the family's consents to be accompanied and to share
// its file with the prescriber, as the coordinator would with the consent
// mutations (another capability, tested in package consent).
func consentTo(t *testing.T, api *apitest.API, familyID pulid.ID) {
	t.Helper()
	for _, purpose := range []consent.Purpose{consent.PurposeAccompaniment, consent.PurposeSharingWithPrescriber} {
		api.DB.Client.Consent.Create().SetFamilyID(familyID).SetPurpose(purpose).
			SaveX(apitest.Sys)
	}
}

// validated takes a fresh request through consent, evaluation and
// validation as the coordinator token.
func validated(t *testing.T, api *apitest.API, coordinator string, a acc) acc {
	t.Helper()
	consentTo(t, api, a.FamilyID)
	mustStep(t, api, coordinator, "startEvaluation", "AccompanimentStepInput", on(a.ID))
	return mustStep(t, api, coordinator, "validateAccompaniment", "AccompanimentStepInput", on(a.ID))
}
