package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestCacheControlKeepsPersonalAnswersOutOfCaches(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Coordinator)
	catalogue := api.Server.URL + "/graphql?query=" + url.QueryEscape(`{ programmes(first: 5) { totalCount } }`)
	for _, tc := range []struct {
		name, method, url, body, token, want string
	}{
		{"an authenticated POST", http.MethodPost, api.Server.URL + "/graphql", `{"query":"{ viewer { displayName } }"}`, token, "no-store"},
		{"an anonymous POST", http.MethodPost, api.Server.URL + "/graphql", `{"query":"{ programmes(first: 5) { totalCount } }"}`, "", "no-store"},
		{"an authenticated GET", http.MethodGet, catalogue, "", token, "no-store"},
		{"an anonymous GET of the catalogue", http.MethodGet, catalogue, "", "", "private, max-age=60"},
		{"an anonymous GET answered with errors", http.MethodGet, api.Server.URL + "/graphql?query=" + url.QueryEscape(`{ nope }`), "", "", "no-store"},
		{"an authenticated export", http.MethodGet, api.Server.URL + "/exports/partners/" + string(api.Demo.SchoolID) + "/caseload.csv", "", token, "no-store"},
		{"a refusal before the engine", http.MethodPost, api.Server.URL + "/graphql", `{"query":`, "", "no-store"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := request(t, tc.method, tc.url, "application/json", tc.body)
			if tc.token != "" {
				req.Header.Set("Authorization", "Bearer "+tc.token)
			}
			res, _ := rawSend(t, req)
			if got := res.Header.Get("Cache-Control"); got != tc.want {
				t.Fatalf("%d Cache-Control %q, want %q", res.StatusCode, got, tc.want)
			}
		})
	}
}
