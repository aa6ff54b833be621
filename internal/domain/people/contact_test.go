package people_test

import (
	"strings"
	"testing"

	_ "github.com/reseau-liens/portal/ent/runtime"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// contactInput is one input of the API that takes an e-mail address or a
// phone number, with the field at fault as the payload reports it.
type contactInput struct {
	name, account, document string
	vars                    func(api *apitest.API, value string) map[string]any
	field                   string
}

func contactInputs() (emails, phones []contactInput) {
	const request = `mutation($in: RequestAccompanimentInput!) { requestAccompaniment(input: $in) { accompaniment { id } errors { code message field } } }`
	family := func(api *apitest.API, guardian map[string]any) map[string]any {
		g := map[string]any{"firstName": "Alex", "lastName": "Essai", "relationship": "MOTHER", "requester": true}
		for k, v := range guardian {
			g[k] = v
		}
		return map[string]any{"in": map[string]any{"programmeID": api.Demo.Programmes["MIP"], "family": map[string]any{
			"territory": "Gard", "householdComposition": "SINGLE_PARENT",
			"guardians": []any{g},
			"children":  []any{map[string]any{"firstName": "Léa", "birthDate": "2018-03-01T00:00:00Z"}},
		}}}
	}
	const register = `mutation($in: RegisterOrganisationInput!) { registerOrganisation(input: $in) { organisation { id } errors { code message field } } }`
	organisation := func(key, value string) map[string]any {
		return map[string]any{"in": map[string]any{"name": "Association Contact (test)", "kind": "ASSOCIATION", "territory": "Gard", key: value}}
	}
	const invite = `mutation($in: InvitePersonInput!) { invitePerson(input: $in) { membership { id } errors { code message field } } }`
	emails = []contactInput{
		{"a guardian's e-mail", demo.Prescriber, request, func(api *apitest.API, v string) map[string]any {
			return family(api, map[string]any{"email": v})
		}, "input.family.guardians.0.email"},
		{"an organisation's contact e-mail", demo.Coordinator, register, func(_ *apitest.API, v string) map[string]any {
			return organisation("contactEmail", v)
		}, "input.contactEmail"},
		{"an invited person's e-mail", demo.Coordinator, invite, func(api *apitest.API, v string) map[string]any {
			return map[string]any{"in": map[string]any{"organisationID": api.Demo.SchoolID, "email": v, "displayName": "Invitée (test)", "role": "PARTNER_STAFF"}}
		}, "input.email"},
	}
	phones = []contactInput{
		{"a guardian's phone", demo.Prescriber, request, func(api *apitest.API, v string) map[string]any {
			return family(api, map[string]any{"phone": v})
		}, "input.family.guardians.0.phone"},
		{"an organisation's contact phone", demo.Coordinator, register, func(_ *apitest.API, v string) map[string]any {
			return organisation("contactPhone", v)
		}, "input.contactPhone"},
	}
	return emails, phones
}

type payload struct {
	Errors []struct {
		Code, Message string
		Field         []string
	}
}

// answer runs the mutation and returns its payload, whatever its name.
func answer(t *testing.T, api *apitest.API, in contactInput, value string) payload {
	t.Helper()
	res := api.Do(t, api.Token(t, in.account), in.document, in.vars(api, value))
	if len(res.Errors) > 0 {
		t.Fatalf("%q: %+v", value, res.Errors)
	}
	var data map[string]payload
	res.Decode(t, &data)
	for _, p := range data {
		return p
	}
	t.Fatalf("no payload: %s", res.Data)
	return payload{}
}

func TestContactDetailsAreCheckedAtEveryInput(t *testing.T) {
	t.Parallel()
	emails, phones := contactInputs()
	check := func(t *testing.T, inputs []contactInput, code string, bad, good []string) {
		for _, in := range inputs {
			t.Run(in.name, func(t *testing.T) {
				api := apitest.New(t)
				for _, v := range bad {
					p := answer(t, api, in, v)
					if len(p.Errors) != 1 || p.Errors[0].Code != code || strings.Join(p.Errors[0].Field, ".") != in.field {
						t.Fatalf("%q: %+v", v, p.Errors)
					}
					if msg := p.Errors[0].Message; !strings.Contains(msg, "Veuillez") {
						t.Errorf("%q: message %q is not the French one", v, msg)
					}
				}
				for _, v := range good {
					if p := answer(t, api, in, v); len(p.Errors) != 0 {
						t.Fatalf("%q refused: %+v", v, p.Errors)
					}
					api = apitest.New(t) // registering or inviting twice answers otherwise
				}
			})
		}
	}
	t.Run("e-mail addresses", func(t *testing.T) {
		check(t, emails, "INVALID_EMAIL", []string{
			"alex@example.fr\r\nBcc: victime@example.org",
			"alex@example.fr\nBcc: victime@example.org",
			"Alex <alex@example.fr>",
			"alex@example.fr, autre@example.fr",
			"pas une adresse",
			"alex\t@example.fr",
			"alex\u2028@example.fr",
		}, []string{"alex.essai@example.fr"})
	})
	t.Run("phone numbers", func(t *testing.T) {
		check(t, phones, "INVALID_PHONE", []string{
			"06 12 34 56 7",
			"appelez-moi le soir",
			"06 12 34 56 78\r\nX-Header: 1",
			"+99 1234",
		}, []string{"06 12 34 56 78", "+33 6 12 34 56 78", "01.42.34.56.78", "+44 20 7946 0958"})
	})
}
