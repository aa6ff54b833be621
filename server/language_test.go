package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/server"
)

// TestErrorsSpeakTheRequestsLanguage: through the real handler, a user
// error of a mutation's payload, an error of the presenter and a refusal
// before GraphQL are in French by default, and the same in English with
// Accept-Language: en.
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
		key                string
		message            func(*apitest.Response) string
	}{
		{"a mutation's user error", token, userError, userVars, "webhook.url_invalid", func(r *apitest.Response) string {
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
		{"an error of the presenter", token, `{ node(id: "not-an-id") { id } }`, nil, "error.malformed_id", firstError},
		{"a refusal before GraphQL", "not-a-token", `{ __typename }`, nil, "auth.token_invalid", firstError},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, lang := range []struct {
				header string
				want   string
			}{
				{"", i18n.T(c.key).In(i18n.French)},
				{"fr-FR,fr;q=0.9", i18n.T(c.key).In(i18n.French)},
				{"en", i18n.T(c.key).In(i18n.English)},
				{"en-GB,en;q=0.9,fr;q=0.8", i18n.T(c.key).In(i18n.English)},
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

func firstError(r *apitest.Response) string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Message
}
