package accompaniment_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

const (
	homeAddress = "12 rue des Tilleuls, 30000 Nîmes"
	homePhone   = "+33612345678"
)

func TestTheFamilysAddressAndPhoneAreForTheStaffWhoFollowItOnly(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	familyID := api.DB.Client.Accompaniment.GetX(apitest.Sys, api.Demo.Accompaniments[accompaniment.StatusActive]).FamilyID
	const fields = `id postalAddress phone`
	set := func(t *testing.T, account string, input map[string]any) apitest.Payload {
		t.Helper()
		input["familyID"] = familyID
		return mutate(t, api, api.Token(t, account), "setFamilyContact", "SetFamilyContactInput", "family", fields, input)
	}

	t.Run("the educator records them, the phone in its international form", func(t *testing.T) {
		r := set(t, demo.Educator, map[string]any{"postalAddress": "  " + homeAddress + " ", "phone": "06 12 34 56 78"})
		r.WantOK(t)
		var got struct{ PostalAddress, Phone string }
		r.Decode(t, "family", &got)
		if got.PostalAddress != homeAddress || got.Phone != homePhone {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("a phone that is none is refused in French on its field, and nothing changes", func(t *testing.T) {
		r := set(t, demo.Coordinator, map[string]any{"postalAddress": "ailleurs", "phone": "12"})
		r.WantCode(t, "INVALID_PHONE")
		if e := r.Errors[0]; strings.Join(e.Field, ".") != "input.phone" || !strings.Contains(e.Message, "numéro de téléphone valide") {
			t.Errorf("error %+v", e)
		}
		f := api.DB.Client.Family.GetX(apitest.Sys, familyID)
		if f.PostalAddress != homeAddress || f.Phone != homePhone {
			t.Errorf("family now %q %q", f.PostalAddress, f.Phone)
		}
	})

	const query = `query($id: ID!) { node(id: $id) { ... on Family { id postalAddress phone } } }`
	staff := []string{demo.Coordinator, demo.Educator}
	for _, account := range apitest.EveryAccount() {
		token := ""
		if account != apitest.Anonymous {
			token = api.Token(t, account)
		}
		res := api.Do(t, token, query, map[string]any{"id": familyID})
		data := string(res.Data)
		if slices.Contains(staff, account) {
			t.Run(account+" reads them", func(t *testing.T) {
				if len(res.Errors) > 0 || !strings.Contains(data, homeAddress) || !strings.Contains(data, homePhone) {
					t.Fatalf("data %s errors %+v", data, res.Errors)
				}
			})
			continue
		}
		t.Run(account+" does not", func(t *testing.T) {
			if strings.Contains(data, "Tilleuls") || strings.Contains(data, "612345678") {
				t.Fatalf("leaked: %s", data)
			}
			// The family is hidden (NOT_FOUND), or shown with both fields
			// withheld (FORBIDDEN at each), as to the prescriber who referred it.
			forbidden := 0
			for _, e := range res.Errors {
				switch e.Code() {
				case "FORBIDDEN":
					forbidden++
				case "NOT_FOUND":
				default:
					t.Errorf("error %+v, want FORBIDDEN or NOT_FOUND", e)
				}
			}
			if strings.Contains(data, string(familyID)) && forbidden != 2 {
				t.Errorf("the family shows with %d fields withheld, want 2: %s %+v", forbidden, data, res.Errors)
			}
			if account == demo.Prescriber && forbidden != 2 {
				t.Errorf("the prescriber who referred the family should see it without its details: %s %+v", data, res.Errors)
			}
		})
	}
	t.Run("an empty text clears a field, one left out is kept", func(t *testing.T) {
		set(t, demo.Coordinator, map[string]any{"phone": ""}).WantOK(t)
		f := api.DB.Client.Family.GetX(apitest.Sys, familyID)
		if f.PostalAddress != homeAddress || f.Phone != "" {
			t.Errorf("family now %q %q", f.PostalAddress, f.Phone)
		}
	})
}

func TestARequestCarriesTheFamilysAddressAndPhone(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	family := newFamily()
	family["postalAddress"] = homeAddress
	family["phone"] = "06 12 34 56 78"
	a := request(t, api, api.Token(t, demo.Prescriber), "MIP", map[string]any{"family": family})
	f := api.DB.Client.Family.GetX(apitest.Sys, a.FamilyID)
	if f.PostalAddress != homeAddress || f.Phone != homePhone {
		t.Fatalf("family %q %q", f.PostalAddress, f.Phone)
	}
	family["phone"] = "pas un numéro"
	_, r := step(t, api, api.Token(t, demo.Prescriber), "requestAccompaniment", "RequestAccompanimentInput",
		map[string]any{"programmeID": api.Demo.Programmes["MIP"], "family": family})
	r.WantCode(t, "INVALID_PHONE")
	if strings.Join(r.Errors[0].Field, ".") != "input.family.phone" {
		t.Errorf("field %v", r.Errors[0].Field)
	}
}
