package access_test

import (
	"slices"
	"testing"

	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// mutationCase is one mutation, run against the demo data, and the
// accounts allowed to run it; every other account is refused.
type mutationCase struct {
	document string
	vars     func(t *testing.T, api *apitest.API) map[string]any
	allowed  []string
	// refusal, when set, is the domain's own refusal that some refused
	// accounts meet before the access rules (a rule the workflow checks
	// first); it is accepted beside FORBIDDEN, NOT_FOUND and
	// UNAUTHENTICATED.
	refusal string
	// upload, when set, is a file sent at the variable path uploadPath
	// as a GraphQL multipart request.
	upload     *apitest.File
	uploadPath string
}

// mutationCases covers every mutation of the schema (see the test below):
// the tokens, consents and erasure of the access issue here, the workflows
// in the files beside this one.
var mutationCases = merge(accessCases, accompanimentCases, documentFilesCases, workshopCases, networkCases, directoryCases,
	calendarCases, workshopChangeCases, agendaCases, notifyCases, suspensionCases)

// merge joins tables of mutation cases; a mutation in two tables panics.
func merge(tables ...map[string]mutationCase) map[string]mutationCase {
	out := map[string]mutationCase{}
	for _, table := range tables {
		for name, mc := range table {
			if _, dup := out[name]; dup {
				panic("mutation " + name + " has two rows")
			}
			out[name] = mc
		}
	}
	return out
}

// mutationDoc is the document of a mutation taking its input as $in and
// selecting only the payload's errors.
func mutationDoc(name, inputType string) string {
	return `mutation($in: ` + inputType + `!) { ` + name + `(input: $in) { errors { code } } }`
}

// in wraps an input as the variables of a mutationDoc.
func in(input map[string]any) map[string]any { return map[string]any{"in": input} }

// accessCases are the mutations of the access issue.
var accessCases = map[string]mutationCase{
	"issueAccessToken": {
		document: `mutation($p: ID!) { issueAccessToken(input: {personID: $p, label: "x"}) { secret errors { code } } }`,
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return map[string]any{"p": api.Demo.People[demo.Educator]}
		},
		allowed: []string{demo.Coordinator},
	},
	"revokeAccessToken": {
		document: `mutation($id: ID!) { revokeAccessToken(input: {tokenID: $id}) { accessToken { id } errors { code } } }`,
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.AccessToken.Query().Where(accesstoken.PersonID(api.Demo.People[demo.Educator])).FirstIDX(apitest.Sys)
			return map[string]any{"id": id}
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"recordConsent": {
		document: `mutation($f: ID!) { recordConsent(input: {familyID: $f, purpose: PARTNER_CONTACT}) { consent { id } errors { code } } }`,
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return map[string]any{"f": api.Demo.FamilyID}
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"withdrawConsent": {
		document: `mutation($id: ID!) { withdrawConsent(input: {consentID: $id}) { consent { id } errors { code } } }`,
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.Consent.Query().Where(consent.FamilyID(api.Demo.FamilyID),
				consent.PurposeEQ(consent.PurposeAccompaniment), consent.WithdrawnAtIsNil()).FirstIDX(apitest.Sys)
			return map[string]any{"id": id}
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"requestErasure": {
		document: `mutation($f: ID!) { requestErasure(input: {familyID: $f}) { family { id } errors { code } } }`,
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.Family.Query().Where(
				family.ProviderID(api.Demo.ProviderID),
				family.HasAccompaniments(),
				family.Not(family.HasAccompanimentsWith(accompaniment.StatusIn(
					accompaniment.StatusRequested, accompaniment.StatusEvaluating, accompaniment.StatusActive))),
			).FirstIDX(apitest.Sys)
			return map[string]any{"f": id}
		},
		allowed: []string{demo.Coordinator},
	},
}

func TestEveryRoleIsAllowedOrRefusedEachMutation(t *testing.T) {
	t.Parallel()
	t.Run("the table covers every mutation of the schema", func(t *testing.T) {
		t.Parallel()
		api := apitest.New(t)
		for _, typ := range introspect(t, api).Types {
			if typ.Name != "Mutation" {
				continue
			}
			for _, f := range typ.Fields {
				if _, ok := mutationCases[f.Name]; !ok {
					t.Errorf("mutation %s has no row in this table", f.Name)
				}
			}
		}
	})
	for name, mc := range mutationCases {
		for _, account := range apitest.EveryAccount() {
			allowed := slices.Contains(mc.allowed, account)
			verdict := " is refused"
			if allowed {
				verdict = " is allowed"
			}
			t.Run(name+" by "+account+verdict, func(t *testing.T) {
				t.Parallel()
				api := apitest.New(t) // each on fresh demo data
				var codes []string
				if mc.upload != nil {
					codes = api.MutateUpload(t, account, mc.document, mc.vars(t, api), mc.uploadPath, *mc.upload).Codes()
				} else {
					codes = api.Mutate(t, account, mc.document, mc.vars(t, api)).Codes()
				}
				if allowed && len(codes) > 0 {
					t.Fatalf("refused: %v", codes)
				}
				refusals := []string{"FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"}
				if mc.refusal != "" {
					refusals = append(refusals, mc.refusal)
				}
				if !allowed && (len(codes) != 1 || !slices.Contains(refusals, codes[0])) {
					t.Fatalf("want one refusal, got %v", codes)
				}
			})
		}
	}
}
