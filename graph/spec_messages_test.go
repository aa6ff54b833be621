package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/server"
)

// specMistakes are documents a developer gets wrong, each breaking one
// rule of the GraphQL specification, with the catalogue text that tells
// them so.
var specMistakes = []struct {
	name, query, operation string
	variables              map[string]any
	want                   string
}{
	{name: "unknown field", query: `{ familes { totalCount } }`, want: "graphql.unknown_field"},
	{name: "unknown argument", query: `{ families(frist: 2) { totalCount } }`, want: "graphql.unknown_argument"},
	{name: "missing argument", query: `{ node { id } }`, want: "graphql.missing_argument"},
	{name: "selection on a leaf", query: `{ families { totalCount { x } } }`, want: "graphql.selection_on_leaf"},
	{name: "no selection", query: `{ families }`, want: "graphql.selection_required"},
	{name: "unknown type", query: `query($x: Nope) { families(first: $x) { totalCount } }`, want: "graphql.unknown_type"},
	{name: "unknown directive", query: `{ families @nope { totalCount } }`, want: "graphql.unknown_directive"},
	{name: "unknown fragment", query: `{ families { ...F } }`, want: "graphql.unknown_fragment"},
	{name: "unused fragment", query: `fragment F on Query { families { totalCount } } { families { totalCount } }`, want: "graphql.unused_fragment"},
	{name: "unused variable", query: `query($n: Int) { families { totalCount } }`, want: "graphql.unused_variable"},
	{name: "undefined variable", query: `{ families(first: $n) { totalCount } }`, want: "graphql.undefined_variable"},
	{name: "variable of the wrong type", query: `query($n: String) { families(first: $n) { totalCount } }`, want: "graphql.variable_position"},
	{name: "wrong literal", query: `{ families(first: "two") { totalCount } }`, want: "graphql.wrong_literal"},
	{name: "two operations of one name", query: `query A { families { totalCount } } query A { families { totalCount } }`, want: "graphql.duplicate_operation"},
	{name: "anonymous among others", query: `{ families { totalCount } } query B { families { totalCount } }`, want: "graphql.lone_anonymous"},
	{name: "conflicting fields", query: `{ families(first: 1) { totalCount } families(first: 2) { totalCount } }`, want: "graphql.field_conflict"},
	{name: "unknown input field", query: `mutation { proposeLink(input: {organisationID: "x", nope: 1}) { errors { code } } }`, want: "graphql.unknown_input_field"},
	{name: "missing input field", query: `mutation { proposeLink(input: {}) { errors { code } } }`, want: "graphql.missing_input_field"},
	{name: "unfinished document", query: `{ families { totalCount `, want: "graphql.syntax_expected"},
	{name: "one brace too many", query: `{ families { totalCount } } }`, want: "graphql.syntax_unexpected"},
	{name: "unknown operation", query: `query A { families { totalCount } }`, operation: "B", want: "graphql.operation_not_found"},
	{name: "variable of the wrong kind", query: `query($n: Int) { families(first: $n) { totalCount } }`,
		variables: map[string]any{"n": "x"}, want: "graphql.variable"},
	{name: "missing variable", query: `query($n: Int!) { families(first: $n) { totalCount } }`, want: "graphql.variable"},
	{name: "null in a variable's field", query: `mutation($in: ProposeLinkInput!) { proposeLink(input: $in) { errors { code } } }`,
		variables: map[string]any{"in": map[string]any{"organisationID": nil}}, want: "graphql.variable"},
}

// TestTheSpecificationsErrorsAreWordedInTheReadersLanguage: gqlparser's
// English sentences reach a developer in French by default, in English
// when asked, each as the catalogue's text for the rule broken, with
// gqlparser's original in extensions.detail.
func TestTheSpecificationsErrorsAreWordedInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Coordinator)
	for _, tag := range i18n.Supported {
		for _, c := range specMistakes {
			t.Run(tag.String()+"/"+c.name, func(t *testing.T) {
				body, _ := json.Marshal(map[string]any{"query": c.query, "variables": c.variables, "operationName": c.operation})
				req, err := http.NewRequest(http.MethodPost, api.Server.URL+server.GraphQLPath, bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Accept-Language", tag.String())
				res := api.Send(t, req)
				if len(res.Errors) == 0 {
					t.Fatalf("no error for %s", c.query)
				}
				found := false
				for _, e := range res.Errors {
					key, ok := i18n.Recognise(tag, withoutSuggestion(tag, e.Message))
					if !ok {
						t.Errorf("%q (%s) is no text of the %s catalogue", e.Message, e.Code(), tag)
					}
					if detail, _ := e.Extensions["detail"].(string); detail == "" {
						t.Errorf("%q: extensions.detail = %q, want gqlparser's original", e.Message, detail)
					}
					if strings.HasPrefix(key, c.want) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s among %+v", c.want, res.Errors)
				}
			})
		}
	}
}

// withoutSuggestion cuts the catalogue's "Did you mean …?" that may end
// message.
func withoutSuggestion(tag language.Tag, message string) string {
	opening, _, _ := strings.Cut(i18n.T("graphql.did_you_mean", "\x00").In(tag), "\x00")
	if i := strings.LastIndex(message, " "+opening); i > 0 {
		return message[:i]
	}
	return message
}
