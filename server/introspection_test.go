package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/config"
)

func TestWithIntrospectionOffTheSchemaIsNotServed(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Introspection = false }))
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
		`{ __type(name: "Family") { fields { name } } }`,
		`{ programmes { totalCount } ...F } fragment F on Query { __schema { queryType { name } } }`,
		`{ ... on Query { t: __type(name: "Family") { name } } }`,
	} {
		t.Run(query, func(t *testing.T) {
			res := api.Do(t, "", query, nil)
			// INTERNAL, as gqlgen's own refusal is classified, would also be logged as an error.
			if len(res.Errors) != 1 || res.Errors[0].Code() != "INTROSPECTION_DISABLED" || strings.Contains(string(res.Data), "Family") {
				t.Fatalf("%s %+v", res.Data, res.Errors)
			}
		})
	}
	t.Run("__typename still answers", func(t *testing.T) {
		if res := api.Do(t, "", `{ __typename }`, nil); len(res.Errors) != 0 {
			t.Fatalf("%+v", res.Errors)
		}
	})
}
