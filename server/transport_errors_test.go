package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// graphQLAnswer is an answer of the API read as GraphQL over HTTP.
type graphQLAnswer struct {
	status      int
	header      http.Header
	contentType string
	errors      []apitest.Error
	raw         string
}

func send(t *testing.T, req *http.Request) graphQLAnswer {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var body struct {
		Errors []apitest.Error `json:"errors"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("%s %s: %d, not JSON: %q", req.Method, req.URL.Path, res.StatusCode, raw)
	}
	return graphQLAnswer{status: res.StatusCode, header: res.Header, contentType: res.Header.Get("Content-Type"), errors: body.Errors, raw: string(raw)}
}

func request(t *testing.T, method, u, contentType, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

// french reports whether msg is a text of the French catalogue.
func french(msg string) bool {
	_, ok := i18n.Recognise(i18n.French, msg)
	return ok
}

func TestAMutationOverGETIs405WithAllowPOST(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	for name, query := range map[string]string{
		"mutation":     `mutation { proposeLink(input: {organisationID: "org_x"}) { errors { code } } }`,
		"subscription": `subscription { seatsChanged(seriesID: "wss_x") { freeSeats } }`,
	} {
		t.Run(name, func(t *testing.T) {
			a := send(t, request(t, http.MethodGet, api.Server.URL+"/graphql?query="+url.QueryEscape(query), "", ""))
			if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != "POST" ||
				len(a.errors) != 1 || a.errors[0].Code() != "METHOD_NOT_ALLOWED" || !french(a.errors[0].Message) {
				t.Fatalf("%d Allow=%q %s", a.status, a.header.Get("Allow"), a.raw)
			}
		})
	}
	t.Run("a query over GET is served", func(t *testing.T) {
		a := send(t, request(t, http.MethodGet, api.Server.URL+"/graphql?query="+url.QueryEscape(`{ __typename }`), "", ""))
		if a.status != http.StatusOK || len(a.errors) != 0 {
			t.Fatalf("%d %s", a.status, a.raw)
		}
	})
}

func TestEveryTransportErrorIsGraphQLJSONWithACode(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.Limits.MaxBodyBytes = 2048
		c.Limits.MaxCost, c.Limits.RateBurst, c.Limits.RateLimit = 100, 100, 1
	}))
	// Spend the anonymous budget, for the rate-limited case.
	api.Do(t, "", `{ programmes(first: 60) { totalCount } }`, nil)
	base := api.Server.URL
	for _, tc := range []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
		allow  bool
	}{
		{"unknown path under /graphql", func() *http.Request { return request(t, http.MethodGet, base+"/graphql/v2", "", "") },
			http.StatusNotFound, "NOT_FOUND", false},
		{"body too large", func() *http.Request {
			return request(t, http.MethodPost, base+"/graphql", "application/json", `{"query":"{ __typename }","x":"`+strings.Repeat("a", 4096)+`"}`)
		}, http.StatusRequestEntityTooLarge, "REQUEST_TOO_LARGE", false},
		{"form content type", func() *http.Request {
			return request(t, http.MethodPost, base+"/graphql", "application/x-www-form-urlencoded", "query=%7B__typename%7D")
		}, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", false},
		{"malformed JSON", func() *http.Request {
			return request(t, http.MethodPost, base+"/graphql", "application/json", `{"query":`)
		},
			http.StatusBadRequest, "MALFORMED_REQUEST", false},
		{"a batch", func() *http.Request {
			return request(t, http.MethodPost, base+"/graphql", "application/json", `[{"query":"{ __typename }"}]`)
		}, http.StatusBadRequest, "BATCH_NOT_SUPPORTED", false},
		{"PUT", func() *http.Request { return request(t, http.MethodPut, base+"/graphql", "application/json", `{}`) },
			http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", true},
		{"DELETE", func() *http.Request { return request(t, http.MethodDelete, base+"/graphql", "", "") },
			http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", true},
		{"PATCH", func() *http.Request { return request(t, http.MethodPatch, base+"/graphql", "application/json", `{}`) },
			http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", true},
		{"rate limited", func() *http.Request {
			return request(t, http.MethodPost, base+"/graphql", "application/json", `{"query":"{ programmes(first: 60) { totalCount } }"}`)
		}, http.StatusTooManyRequests, "RATE_LIMITED", false},
		{"an unknown token", func() *http.Request {
			req := request(t, http.MethodPost, base+"/graphql", "application/json", `{"query":"{ __typename }"}`)
			req.Header.Set("Authorization", "Bearer plt_unknown")
			return req
		}, http.StatusUnauthorized, "UNAUTHENTICATED", false},
		{"a malformed Authorization", func() *http.Request {
			req := request(t, http.MethodPost, base+"/graphql", "application/json", `{"query":"{ __typename }"}`)
			req.Header.Set("Authorization", "Basic Zm9vOmJhcg==")
			return req
		}, http.StatusUnauthorized, "UNAUTHENTICATED", false},
	} {
		for _, accept := range []string{"", "application/graphql-response+json", "application/json"} {
			t.Run(tc.name+"/Accept "+accept, func(t *testing.T) {
				req := tc.req()
				if accept != "" {
					req.Header.Set("Accept", accept)
				}
				a := send(t, req)
				if a.status != tc.status || len(a.errors) != 1 || a.errors[0].Code() != tc.code {
					t.Fatalf("%d, want %d %s: %s", a.status, tc.status, tc.code, a.raw)
				}
				if !french(a.errors[0].Message) {
					t.Errorf("message not in French: %q", a.errors[0].Message)
				}
				want := "application/json"
				if accept == "application/graphql-response+json" {
					want = accept
				}
				if !strings.HasPrefix(a.contentType, want) {
					t.Errorf("Content-Type %q, want %s", a.contentType, want)
				}
				if tc.allow && !strings.Contains(a.header.Get("Allow"), "POST") {
					t.Errorf("Allow %q", a.header.Get("Allow"))
				}
			})
		}
	}
}

func TestRequestErrorsFollowTheResponseMediaType(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	for _, tc := range []struct {
		accept, query string
		status        int
	}{
		{"application/json", `{`, http.StatusOK},
		{"application/json", `{ nope }`, http.StatusOK},
		{"application/graphql-response+json", `{`, http.StatusBadRequest},
		{"application/graphql-response+json", `{ nope }`, http.StatusBadRequest},
	} {
		t.Run(tc.accept+" "+tc.query, func(t *testing.T) {
			body, _ := json.Marshal(map[string]string{"query": tc.query})
			req := request(t, http.MethodPost, api.Server.URL+"/graphql", "application/json", string(body))
			req.Header.Set("Accept", tc.accept)
			if a := send(t, req); a.status != tc.status || len(a.errors) == 0 || !strings.HasPrefix(a.contentType, tc.accept) {
				t.Fatalf("%d %q %s", a.status, a.contentType, a.raw)
			}
		})
	}
}
