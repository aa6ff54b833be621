package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// fuzzAPI is a portal without rate limiting, for fuzzing.
func fuzzAPI(f *testing.F) *apitest.API {
	return apitest.New(f, apitest.WithConfig(func(c *config.Config) { c.Limits.RateLimit = 0 }))
}

// mustNotBreak fails on a 5xx answer or an INTERNAL error: whatever a
// client sends, the portal answers with a code the client can act on.
func mustNotBreak(t *testing.T, res *apitest.Response, input string) {
	t.Helper()
	if res.Status >= 500 {
		t.Fatalf("%q: status %d: %+v", input, res.Status, res.Errors)
	}
	for _, e := range res.Errors {
		if e.Code() == "INTERNAL" || e.Code() == "" {
			t.Fatalf("%q: %s error: %s", input, e.Code(), e.Message)
		}
	}
}

// FuzzCursor sends arbitrary `after` and `before` cursors to a connection.
func FuzzCursor(f *testing.F) {
	api := fuzzAPI(f)
	token := api.Token(f, demo.Coordinator)
	var page struct {
		Families struct{ PageInfo struct{ EndCursor string } }
	}
	api.MustSucceed(f, token, `{ families(first: 1) { pageInfo { endCursor } } }`, nil, &page)
	for _, seed := range []string{page.Families.PageInfo.EndCursor, "", "gqFp2gAeZmFtXzAx", "!!!", "eyJpZCI6MX0=", "gaFp", "\x00\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, cursor string) {
		for _, q := range []string{
			`query($c: Cursor) { families(first: 3, after: $c) { edges { cursor node { reference } } } }`,
			`query($c: Cursor) { families(last: 3, before: $c) { edges { node { reference } } } }`,
		} {
			mustNotBreak(t, api.Do(t, token, q, map[string]any{"c": cursor}), cursor)
		}
	})
}

// FuzzWhere sends arbitrary JSON as the `where` filter of families.
func FuzzWhere(f *testing.F) {
	api := fuzzAPI(f)
	token := api.Token(f, demo.Coordinator)
	for _, seed := range []string{
		`{"reference": "x"}`, `{"or": [{"territory": "Paris"}, {"not": {"hasChildren": true}}]}`,
		`{"referenceContains": "%"}`, `{"idIn": ["fam_x", 3]}`, `{"createdAtGT": "yesterday"}`,
		`{"hasChildrenWith": [{"firstNameHasPrefix": "A"}]}`, `{"and": [{"and": [{"and": []}]}]}`, `[]`, `null`, `"x"`, `{"nope": 1}`,
	} {
		f.Add(seed)
	}
	const query = `query($w: FamilyWhereInput) { families(first: 3, where: $w) { totalCount edges { node { reference } } } }`
	f.Fuzz(func(t *testing.T, raw string) {
		var where any
		if json.Unmarshal([]byte(raw), &where) != nil {
			return
		}
		res := api.Do(t, token, query, map[string]any{"w": where})
		mustNotBreak(t, res, raw)
		if res.Status != http.StatusOK && len(res.Errors) == 0 {
			t.Fatalf("%q: status %d without errors", raw, res.Status)
		}
	})
}
