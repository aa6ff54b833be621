package limits_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// nested is a FamilyWhereInput n `not`s deep.
func nestedWhere(n int) map[string]any {
	w := map[string]any{"reference": "x"}
	for range n {
		w = map[string]any{"not": w}
	}
	return w
}

func wideWhere(n int) map[string]any {
	or := make([]any, n)
	for i := range or {
		or[i] = map[string]any{"referenceContains": "x"}
	}
	return map[string]any{"or": or}
}

func TestHostileInputsAreBadUserInput(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coordinator := api.Token(t, demo.Coordinator)
	const families = `query($w: FamilyWhereInput) { families(first: 3, where: $w) { totalCount } }`
	const register = `mutation($in: RegisterOrganisationInput!) { registerOrganisation(input: $in) { created errors { code } } }`
	ids := make([]any, 5000)
	for i := range ids {
		ids[i] = "fam_01ARZ3NDEKTSV4RRFFQ69G5FAV"
	}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"a NUL in a filter", families, map[string]any{"w": map[string]any{"reference": "a\x00b"}}},
		{"a NUL in a filter's list", families, map[string]any{"w": map[string]any{"territoryIn": []any{"Gard", "\x00"}}}},
		{"a NUL in a literal", `{ families(first: 3, where: {referenceContains: "a\u0000"}) { totalCount } }`, nil},
		{"a NUL in a mutation's input", register, map[string]any{"in": map[string]any{"name": "Asso\x00", "kind": "ASSOCIATION", "territory": "Gard"}}},
		{"a filter 200 levels deep", families, map[string]any{"w": nestedWhere(200)}},
		{"a filter 2 000 conditions wide", families, map[string]any{"w": wideWhere(2000)}},
		{"a list of 5 000 ids", families, map[string]any{"w": map[string]any{"idIn": ids}}},
		{"a literal filter 100 levels deep", `{ families(first: 3, where: ` + strings.Repeat(`{not: `, 100) + `{reference: "x"}` + strings.Repeat(`}`, 100) + `) { totalCount } }`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api.DB.ResetQueries()
			res := api.Do(t, coordinator, tc.query, tc.vars)
			if len(res.Errors) != 1 || res.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Fatalf("status %d, data %s, errors %+v", res.Status, res.Data, res.Errors)
			}
		})
	}
	t.Run("invalid UTF-8 in a GET query", func(t *testing.T) {
		q := url.Values{"query": {`{ families(first: 3, where: {reference: "` + "\xff\xfe" + `"}) { totalCount } }`}}
		req, _ := http.NewRequest(http.MethodGet, api.Server.URL+"/graphql?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+coordinator)
		res := api.Send(t, req)
		if len(res.Errors) != 1 || res.Errors[0].Code() != "BAD_USER_INPUT" {
			t.Fatalf("status %d, errors %+v", res.Status, res.Errors)
		}
	})
	t.Run("invalid UTF-8 in a JSON body", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, api.Server.URL+"/graphql",
			strings.NewReader(`{"query":"{ families(where: {reference: \"`+"\xff"+`\"}) { totalCount } }"}`))
		req.Header.Set("Content-Type", "application/json")
		res, err := api.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "MALFORMED_REQUEST") {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("ordinary filters still run", func(t *testing.T) {
		res := api.Do(t, coordinator, families, map[string]any{"w": map[string]any{"and": []any{
			map[string]any{"or": []any{map[string]any{"hasChildrenWith": []any{map[string]any{"firstNameHasPrefix": "A"}}}}},
		}}})
		if len(res.Errors) != 0 {
			t.Fatalf("%+v", res.Errors)
		}
	})
}
