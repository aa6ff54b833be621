package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/graph"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/server"
)

// TestErrorsSpeakTheRequestsLanguage: through the real handler, a user
// error of a mutation's payload, an error of the presenter, a refusal
// before GraphQL, a refusal of the limits (gqlgen shows it as it is) and
// one of validation (worded by the presenter) are in French by default,
// and the same in English with Accept-Language: en.
func TestErrorsSpeakTheRequestsLanguage(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Prescriber)
	userError := `mutation($in: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $in) { errors { code message } } }`
	userVars := map[string]any{"in": map[string]any{
		"organisationID": api.Demo.DepartmentalCouncilID, "url": "http://example.org/hooks", "eventKinds": []string{},
	}}
	cases := []struct {
		name, token, query string
		vars               map[string]any
		text               i18n.Message
		message            func(*apitest.Response) string
	}{
		{"a mutation's user error", token, userError, userVars, i18n.T("webhook.url_invalid"), func(r *apitest.Response) string {
			var data struct {
				RegisterWebhookEndpoint struct {
					Errors []struct{ Code, Message string }
				}
			}
			r.Decode(t, &data)
			if errs := data.RegisterWebhookEndpoint.Errors; len(errs) == 1 && errs[0].Code == "INVALID_URL" {
				return errs[0].Message
			}
			t.Fatalf("want one INVALID_URL error, got %s", r.Data)
			return ""
		}},
		{"an error of the presenter", token, `{ node(id: "not-an-id") { id } }`, nil, i18n.T("error.malformed_id"), firstError},
		{"a refusal before GraphQL", "not-a-token", `{ __typename }`, nil, i18n.T("auth.token_invalid"), firstError},
		{"a refusal of the limits", token, tooDeep, nil, i18n.T("limits.too_deep", 16, 15), coded("QUERY_TOO_DEEP")},
		{"a refusal of validation", token, `{ families(first: 101) { totalCount } }`, nil,
			i18n.T("error.page_size", "first", graph.MaxPageSize, "families"), coded("GRAPHQL_VALIDATION_FAILED")},
		{"a refusal of the page-size guard", token, `query($n: Int) { families(first: $n, last: 1) { totalCount } }`, map[string]any{"n": 2},
			i18n.T("error.first_and_last", "families"), coded("BAD_USER_INPUT")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, lang := range []struct {
				header string
				want   string
			}{
				{"", c.text.In(i18n.French)},
				{"fr-FR,fr;q=0.9", c.text.In(i18n.French)},
				{"en", c.text.In(i18n.English)},
				{"en-GB,en;q=0.9,fr;q=0.8", c.text.In(i18n.English)},
			} {
				body, _ := json.Marshal(map[string]any{"query": c.query, "variables": c.vars})
				req, _ := http.NewRequest(http.MethodPost, api.Server.URL+server.GraphQLPath, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+c.token)
				if lang.header != "" {
					req.Header.Set("Accept-Language", lang.header)
				}
				if got := c.message(api.Send(t, req)); got != lang.want {
					t.Errorf("Accept-Language %q: %q, want %q", lang.header, got, lang.want)
				}
			}
		})
	}
	if fr, en := i18n.T("webhook.url_invalid").In(i18n.French), i18n.T("webhook.url_invalid").In(i18n.English); fr == en {
		t.Fatalf("the two languages say the same: %q", fr)
	}
}

// tooDeep is 16 fields deep, one past the default limit.
var tooDeep = "{ programmes { edges { node { " + strings.Repeat("provider { programmes { ", 6) +
	"code" + strings.Repeat(" }", 16)

// coded is the message of the one error of a response, which has code.
func coded(code string) func(*apitest.Response) string {
	return func(r *apitest.Response) string {
		if len(r.Errors) != 1 || r.Errors[0].Code() != code {
			return fmt.Sprintf("want one %s error, got %+v", code, r.Errors)
		}
		return r.Errors[0].Message
	}
}

func firstError(r *apitest.Response) string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Message
}
