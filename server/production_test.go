package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/config"
)

func production(t *testing.T) *apitest.API {
	t.Helper()
	return apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Production, c.Introspection = true, false }))
}

// copAnswer is an answer as graphql-cop reads it: any JSON, or nothing.
type copAnswer struct {
	status int
	json   any
	text   string
}

// at walks the decoded JSON along keys and list indexes; nil when absent.
func (a copAnswer) at(path ...any) any {
	v := a.json
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func copDo(t *testing.T, req *http.Request) copAnswer {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	a := copAnswer{status: res.StatusCode, text: string(raw)}
	_ = json.Unmarshal(raw, &a.json)
	return a
}

// copPost sends what graphql-cop's graph_query sends: a JSON body
// {"query": q, "operationName": "cop"}, or a batch of ten {"query": q}.
func copPost(t *testing.T, api *apitest.API, q string, batch bool) copAnswer {
	t.Helper()
	var body any = map[string]any{"query": q, "operationName": "cop"}
	if batch {
		list := make([]any, 10)
		for i := range list {
			list[i] = map[string]any{"query": q}
		}
		body = list
	}
	raw, _ := json.Marshal(body)
	return copDo(t, request(t, http.MethodPost, api.Server.URL+"/graphql", "application/json", string(raw)))
}

func copGet(t *testing.T, api *apitest.API, q string) copAnswer {
	t.Helper()
	return copDo(t, request(t, http.MethodGet, api.Server.URL+"/graphql?query="+url.QueryEscape(q), "", ""))
}

// TestGraphQLCopFindsNothingInProduction runs graphql-cop's checks
// (github.com/dolevf/graphql-cop, lib/tests) as it runs them, each with
// its own test of "vulnerable", against the production profile.
func TestGraphQLCopFindsNothingInProduction(t *testing.T) {
	t.Parallel()
	api := production(t)
	for _, check := range []struct {
		name       string
		vulnerable func() (bool, string)
	}{
		{"alias overloading", func() (bool, string) {
			var b strings.Builder
			for i := range 101 {
				fmt.Fprintf(&b, "alias%d:__typename \n", i)
			}
			a := copPost(t, api, "query cop { "+b.String()+" }", false)
			return a.at("data", "alias100") != nil, a.text
		}},
		{"array-based batching", func() (bool, string) {
			a := copPost(t, api, "query cop { __typename }", true)
			l, ok := a.json.([]any)
			return ok && len(l) >= 10, a.text
		}},
		{"directive overloading", func() (bool, string) {
			a := copPost(t, api, "query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }", false)
			l, _ := a.at("errors").([]any)
			return len(l) == 10, a.text
		}},
		{"field duplication", func() (bool, string) {
			a := copPost(t, api, "query cop { "+strings.Repeat("__typename \n", 500)+"} ", false)
			return a.at("data", "__typename") != nil, a.text
		}},
		{"introspection", func() (bool, string) {
			a := copPost(t, api, "query cop { __schema { types { name fields { name } } } }", false)
			return a.at("data", "__schema", "types") != nil, a.text
		}},
		{"introspection-based circular query", func() (bool, string) {
			a := copPost(t, api, "query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }", false)
			l, _ := a.at("data", "__schema", "types").([]any)
			return len(l) > 25, a.text
		}},
		{"field suggestions", func() (bool, string) {
			a := copPost(t, api, "query cop { __schema { directive } }", false)
			msg, _ := a.at("errors", 0, "message").(string)
			b := copPost(t, api, "query cop { programme { id } }", false) // a near miss of programmes
			msg2, _ := b.at("errors", 0, "message").(string)
			return strings.Contains(msg+msg2, "Did you mean"), a.text + b.text
		}},
		{"GraphQL IDE", func() (bool, string) {
			for _, path := range []string{"/", "/graphql", "/graphiql/graphiql.min.css"} {
				req := request(t, http.MethodGet, api.Server.URL+path, "", "")
				req.Header.Set("Accept", "text/html")
				a := copDo(t, req)
				for _, word := range []string{"graphiql.min.css", "GraphQL Playground", "GraphiQL", "graphql-playground"} {
					if strings.Contains(a.text, word) {
						return true, path + ": " + a.text
					}
				}
			}
			return false, ""
		}},
		{"GET method query support", func() (bool, string) {
			a := copGet(t, api, "query cop {__typename}")
			return a.at("data", "__typename") != nil, a.text
		}},
		{"mutation over GET", func() (bool, string) {
			a := copGet(t, api, "mutation cop {__typename}")
			return a.at("data", "__typename") != nil, a.text
		}},
		{"POST url-encoded query", func() (bool, string) {
			a := copDo(t, request(t, http.MethodPost, api.Server.URL+"/graphql", "application/x-www-form-urlencoded",
				url.Values{"query": {"query cop { __typename }"}}.Encode()))
			return a.at("data", "__typename") != nil, a.text
		}},
		{"trace mode", func() (bool, string) {
			a := copPost(t, api, "query cop { __typename }", false)
			return a.at("errors", 0, "extensions", "tracing") != nil || a.at("extensions", "tracing") != nil, a.text
		}},
		{"unhandled errors", func() (bool, string) {
			a := copPost(t, api, "qwerty cop { abc }", false)
			return a.at("errors", 0, "extensions", "exception") != nil || strings.Contains(strings.ToLower(a.text), "exception"), a.text
		}},
	} {
		t.Run(check.name, func(t *testing.T) {
			if vulnerable, answer := check.vulnerable(); vulnerable {
				t.Fatalf("vulnerable: %.400s", answer)
			}
		})
	}
}

func TestProductionServesPersistedQueriesOverGET(t *testing.T) {
	t.Parallel()
	api := production(t)
	query := `{ programmes(first: 3) { totalCount } }`
	sum := sha256.Sum256([]byte(query))
	ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + hex.EncodeToString(sum[:]) + `"}}`
	byHash := func() copAnswer {
		return copDo(t, request(t, http.MethodGet, api.Server.URL+"/graphql?extensions="+url.QueryEscape(ext), "", ""))
	}
	if a := byHash(); a.at("errors", 0, "extensions", "code") != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("before registration: %d %s", a.status, a.text)
	}
	body, _ := json.Marshal(map[string]any{"query": query, "extensions": json.RawMessage(ext)})
	if a := copDo(t, request(t, http.MethodPost, api.Server.URL+"/graphql", "application/json", string(body))); a.at("data", "programmes") == nil {
		t.Fatalf("registration by POST: %d %s", a.status, a.text)
	}
	if a := byHash(); a.status != http.StatusOK || a.at("data", "programmes", "totalCount") == nil {
		t.Fatalf("by its hash: %d %s", a.status, a.text)
	}
	a := copGet(t, api, query)
	if a.status != http.StatusMethodNotAllowed || a.at("errors", 0, "extensions", "code") != "METHOD_NOT_ALLOWED" {
		t.Fatalf("query text over GET: %d %s", a.status, a.text)
	}
	if status, _ := get(t, api.Server.URL+"/schema.graphql"); status != http.StatusNotFound {
		t.Fatalf("/schema.graphql: %d", status)
	}
}
