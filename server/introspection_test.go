package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/server"
)

// typeQueries ask __type for a real type name, as written, in fragments,
// and through a variable (the graphql-http audit's 28B9).
var typeQueries = []struct {
	query string
	vars  map[string]any
	alias string
}{
	{`{ __type(name: "Family") { name fields { name } } }`, nil, "__type"},
	{`{ ... on Query { t: __type(name: "Family") { name } } }`, nil, "t"},
	{`{ ...F } fragment F on Query { __type(name: "Family") { name } }`, nil, "__type"},
	{`query Type($name: String!) { __type(name: $name) { name } }`, map[string]any{"name": "Family"}, "__type"},
	{`{ __type(name: "NoSuchType") { name } }`, nil, "__type"},
}

func TestWithIntrospectionOffTheSchemaIsNotServed(t *testing.T) {
	t.Parallel()
	for name, api := range map[string]*apitest.API{
		"PORTAL_INTROSPECTION=false": apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Introspection = false })),
		"PORTAL_ENV=production":      production(t),
	} {
		t.Run(name, func(t *testing.T) {
			t.Run("/schema.graphql is 404", func(t *testing.T) {
				res, err := http.Get(api.Server.URL + "/schema.graphql")
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				body, _ := io.ReadAll(res.Body)
				if res.StatusCode != http.StatusNotFound || strings.Contains(string(body), "type Family") {
					t.Fatalf("%d %.100s", res.StatusCode, body)
				}
			})
			for _, query := range []string{
				`{ __schema { types { name } } }`,
				`{ programmes { totalCount } ...F } fragment F on Query { __schema { queryType { name } } }`,
				`{ ... on Query { s: __schema { queryType { name } } } }`,
				`{ __type(name: "Family") { name } __schema { queryType { name } } }`,
			} {
				t.Run("__schema is INTROSPECTION_DISABLED: "+query, func(t *testing.T) {
					res := api.Do(t, "", query, nil)
					// INTERNAL, as gqlgen's own refusal is classified, would also be logged as an error.
					if len(res.Errors) != 1 || res.Errors[0].Code() != server.IntrospectionDisabled || strings.Contains(string(res.Data), "Family") {
						t.Fatalf("%s %+v", res.Data, res.Errors)
					}
					if got, want := res.Errors[0].Message, i18n.T("request.introspection_disabled").In(i18n.French); got != want {
						t.Fatalf("message %q, want %q", got, want)
					}
				})
			}
			for _, q := range typeQueries {
				t.Run("__type is null: "+q.query, func(t *testing.T) {
					res := api.Do(t, "", q.query, q.vars)
					var data map[string]json.RawMessage
					res.Decode(t, &data)
					if len(res.Errors) != 0 || string(data[q.alias]) != "null" {
						t.Fatalf("%d %s %+v", res.Status, res.Data, res.Errors)
					}
				})
			}
			t.Run("the refusal is in English on request", func(t *testing.T) {
				body, _ := json.Marshal(map[string]any{"query": `{ __schema { types { name } } }`})
				req, _ := http.NewRequest(http.MethodPost, api.Server.URL+server.GraphQLPath, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept-Language", "en")
				res := api.Send(t, req)
				if len(res.Errors) != 1 || res.Errors[0].Message != i18n.T("request.introspection_disabled").In(i18n.English) {
					t.Fatalf("%+v", res.Errors)
				}
			})
			t.Run("__typename still answers", func(t *testing.T) {
				if res := api.Do(t, "", `{ __typename }`, nil); len(res.Errors) != 0 {
					t.Fatalf("%+v", res.Errors)
				}
			})
		})
	}
}

// TestWithIntrospectionOnTypeAnswersTheType: the same queries find the
// type, so the nulls above come from the profile, not from the queries.
func TestWithIntrospectionOnTypeAnswersTheType(t *testing.T) {
	api := apitest.New(t)
	for _, q := range typeQueries {
		t.Run(q.query, func(t *testing.T) {
			res := api.Do(t, "", q.query, q.vars)
			var data map[string]struct{ Name string }
			res.Decode(t, &data)
			want := "Family"
			if strings.Contains(q.query, "NoSuchType") {
				want = ""
			}
			if len(res.Errors) != 0 || data[q.alias].Name != want {
				t.Fatalf("%s %+v", res.Data, res.Errors)
			}
		})
	}
}
