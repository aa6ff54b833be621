package limits_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// deepQuery nests programme → provider → programmes until depth fields deep.
func deepQuery(depth int) string {
	var b strings.Builder
	b.WriteString("{ programmes { edges { node { ")
	open, left := 3, depth-3
	for left > 2 {
		b.WriteString("provider { programmes { ")
		open, left = open+2, left-2
	}
	if left == 2 {
		b.WriteString("provider { name }")
	} else {
		b.WriteString("code")
	}
	b.WriteString(strings.Repeat(" }", open))
	b.WriteString(" }")
	return b.String()
}

const nested = `query($a: Int, $b: Int, $c: Int) { families(first: $a) { edges { node {
	accompaniments(first: $b) { edges { node { contactEvents(first: $c) { totalCount } } } } } } } }`

func measure(t *testing.T, e apitest.Error, name string) (requested, limit float64) {
	t.Helper()
	m, ok := e.Extensions[name].(map[string]any)
	if !ok {
		t.Fatalf("no %q in the error's extensions: %+v", name, e.Extensions)
	}
	return m["requested"].(float64), m["limit"].(float64)
}

func TestHeavyQueriesAreRefusedBeforeTouchingTheDatabase(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithoutTokenCache()) // the counts include the token check

	t.Run("a query 20 fields deep is QUERY_TOO_DEEP", func(t *testing.T) {
		api.DB.ResetQueries()
		res := api.Do(t, "", deepQuery(20), nil)
		if len(res.Errors) != 1 || res.Errors[0].Code() != "QUERY_TOO_DEEP" || res.Data != nil && string(res.Data) != "null" {
			t.Fatalf("depth 20: %s %+v", res.Data, res.Errors)
		}
		if got, limit := measure(t, res.Errors[0], "depth"); got != 20 || limit != 15 {
			t.Fatalf("depth %v of %v", got, limit)
		}
		if n := api.DB.Queries(); n != 0 {
			t.Fatalf("%d SQL queries for a refused query", n)
		}
	})
	t.Run("a query 15 fields deep runs", func(t *testing.T) {
		res := api.Do(t, "", deepQuery(15), nil)
		if len(res.Errors) != 0 {
			t.Fatalf("depth 15: %+v", res.Errors)
		}
	})
	t.Run("100 × 100 × 100 nested items is QUERY_TOO_COSTLY with its cost", func(t *testing.T) {
		// Authentication reads the token: measure what that costs alone.
		api.DB.ResetQueries()
		api.Do(t, api.Token(t, demo.Coordinator), `{ __typename }`, nil)
		authQueries := api.DB.Queries()
		api.DB.ResetQueries()
		res := api.Do(t, api.Token(t, demo.Coordinator), nested, map[string]any{"a": 100, "b": 100, "c": 100})
		if len(res.Errors) != 1 || res.Errors[0].Code() != "QUERY_TOO_COSTLY" {
			t.Fatalf("100×100×100: %+v", res.Errors)
		}
		if got, limit := measure(t, res.Errors[0], "cost"); got != 100+100*100+100*100*100 || limit != 20000 {
			t.Fatalf("cost %v of %v", got, limit)
		}
		if got, _ := measure(t, apitest.Error{Extensions: res.Extensions}, "cost"); got != 1010100 {
			t.Fatalf("response extensions: %+v", res.Extensions)
		}
		if n := api.DB.Queries(); n != authQueries {
			t.Fatalf("%d SQL queries for a refused query", n)
		}
	})
	t.Run("the same query with literal page sizes is refused too", func(t *testing.T) {
		api.DB.ResetQueries()
		res := api.Do(t, "", `{ families(first: 100) { edges { node { accompaniments(last: 100) {
			edges { node { contactEvents(first: 100) { totalCount } } } } } } } }`, nil)
		if len(res.Errors) != 1 || res.Errors[0].Code() != "QUERY_TOO_COSTLY" || api.DB.Queries() != 0 {
			t.Fatalf("literal 100×100×100: %+v, %d queries", res.Errors, api.DB.Queries())
		}
	})
	t.Run("an allowed query reports its cost in the response extensions", func(t *testing.T) {
		res := api.Do(t, api.Token(t, demo.Coordinator), nested, map[string]any{"a": 10, "b": 5, "c": 2})
		if len(res.Errors) != 0 {
			t.Fatalf("10×5×2: %+v", res.Errors)
		}
		if got, limit := measure(t, apitest.Error{Extensions: res.Extensions}, "cost"); got != 10+10*5+10*5*2 || limit != 20000 {
			t.Fatalf("cost %v of %v", got, limit)
		}
	})
	t.Run("connections without first or last count the default page", func(t *testing.T) {
		res := api.Do(t, "", `{ programmes { totalCount } }`, nil)
		if got, _ := measure(t, apitest.Error{Extensions: res.Extensions}, "cost"); got != 20 {
			t.Fatalf("cost %v, want 20", got)
		}
	})
	t.Run("fragments count each time they are used", func(t *testing.T) {
		res := api.Do(t, "", `{ a: programmes(first: 3) { ...P } b: programmes(first: 4) { ...P } }
			fragment P on ProgrammeConnection { edges { node { provider { partnerLinks(first: 10) { totalCount } } } } }`, nil)
		if got, _ := measure(t, apitest.Error{Extensions: res.Extensions}, "cost"); got != 3+30+4+40 {
			t.Fatalf("cost %v, want 77: %+v", got, res.Errors)
		}
	})
	t.Run("more than 30 aliases is TOO_MANY_ALIASES", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := range 31 {
			fmt.Fprintf(&b, " a%d: __typename", i)
		}
		b.WriteString(" }")
		api.DB.ResetQueries()
		res := api.Do(t, "", b.String(), nil)
		if len(res.Errors) != 1 || res.Errors[0].Code() != "TOO_MANY_ALIASES" || api.DB.Queries() != 0 {
			t.Fatalf("31 aliases: %+v", res.Errors)
		}
	})
}

func TestLimitsAreConfigurable(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.Limits.MaxDepth, c.Limits.MaxCost, c.Limits.MaxAliases = 5, 50, 1
	}))
	for name, tc := range map[string]struct{ query, code string }{
		"depth":   {deepQuery(7), "QUERY_TOO_DEEP"},
		"cost":    {`{ programmes(first: 51) { totalCount } }`, "QUERY_TOO_COSTLY"},
		"aliases": {`{ a: __typename b: __typename }`, "TOO_MANY_ALIASES"},
	} {
		t.Run(name, func(t *testing.T) {
			res := api.Do(t, "", tc.query, nil)
			if len(res.Errors) != 1 || res.Errors[0].Code() != tc.code {
				t.Fatalf("%s: %+v", tc.query, res.Errors)
			}
		})
	}
}

func post(t *testing.T, api *apitest.API, contentType, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, api.Server.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := api.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, string(raw)
}

func TestRequestsABrowserFormCouldForgeAreRefused(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	query := `{"query":"{ providers { totalCount } }"}`
	for _, contentType := range []string{
		"application/x-www-form-urlencoded",
		"multipart/form-data; boundary=x",
		"text/plain",
		"text/plain; charset=utf-8",
		"",
	} {
		t.Run(contentType, func(t *testing.T) {
			res, body := post(t, api, contentType, query)
			if res.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(body, "UNSUPPORTED_MEDIA_TYPE") {
				t.Fatalf("%q: %d %s", contentType, res.StatusCode, body)
			}
		})
	}
	t.Run("application/json is accepted", func(t *testing.T) {
		res, body := post(t, api, "application/json; charset=utf-8", query)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, `"totalCount":2`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("a mutation over GET is refused", func(t *testing.T) {
		// gqlgen's GET transport runs queries only (406); until the schema
		// has mutations, the document does not even validate.
		q := url.Values{"query": {`mutation { __typename }`}}
		res, err := http.Get(api.Server.URL + "/graphql?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode == http.StatusOK || strings.Contains(string(body), `"data":{`) {
			t.Fatalf("mutation over GET: %d %s", res.StatusCode, body)
		}
	})
}

func TestBodiesAndBatches(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Limits.MaxBodyBytes = 2048 }))
	t.Run("a body over the limit is REQUEST_TOO_LARGE", func(t *testing.T) {
		big := `{"query":"{ providers { totalCount } }","variables":{"x":"` + strings.Repeat("a", 2048) + `"}}`
		res, body := post(t, api, "application/json", big)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "REQUEST_TOO_LARGE") {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("a chunked body over the limit is refused too", func(t *testing.T) {
		big := `{"query":"{ providers { totalCount } }","variables":{"x":"` + strings.Repeat("a", 4096) + `"}}`
		req, _ := http.NewRequest(http.MethodPost, api.Server.URL+"/graphql", io.MultiReader(strings.NewReader(big)))
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = -1
		res, err := api.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("chunked: %d", res.StatusCode)
		}
	})
	t.Run("batches of operations are not supported", func(t *testing.T) {
		res, body := post(t, api, "application/json", `[{"query":"{ providers { totalCount } }"},{"query":"{ providers { totalCount } }"}]`)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "BATCH_NOT_SUPPORTED") || strings.Contains(body, "totalCount") {
			t.Fatalf("batch: %d %s", res.StatusCode, body)
		}
	})
}

func TestTheRequestTimeoutEndsSlowRequests(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Limits.RequestTimeout = time.Nanosecond }))
	res := api.Do(t, "", `{ providers { totalCount } }`, nil)
	if len(res.Errors) == 0 || res.Errors[0].Code() != "UNAVAILABLE" {
		t.Fatalf("timed out request: %d %s %+v", res.Status, res.Data, res.Errors)
	}
}

func TestCostsAreRateLimitedPerClient(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.Limits.MaxCost, c.Limits.RateBurst, c.Limits.RateLimit = 100, 100, 1
	}))
	costly := `{ programmes(first: 60) { totalCount } }`
	if res := api.Do(t, "", costly, nil); len(res.Errors) != 0 {
		t.Fatalf("first request: %+v", res.Errors)
	}
	t.Run("a client over its budget gets 429 with Retry-After", func(t *testing.T) {
		res, body := post(t, api, "application/json", `{"query":"`+costly+`"}`)
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "RATE_LIMITED") {
			t.Fatalf("second request: %d %s", res.StatusCode, body)
		}
		if ra := res.Header.Get("Retry-After"); ra == "" || ra == "0" {
			t.Fatalf("Retry-After: %q", ra)
		}
	})
	t.Run("another token has its own budget", func(t *testing.T) {
		res := api.Do(t, api.Token(t, demo.Coordinator), costly, nil)
		if res.Status != http.StatusOK || len(res.Errors) != 0 {
			t.Fatalf("other client: %d %+v", res.Status, res.Errors)
		}
	})
}

func TestWebSocketUpgradesCheckTheOrigin(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	wsURL := "ws" + strings.TrimPrefix(api.Server.URL, "http") + "/graphql"
	dial := func(origin string) (*http.Response, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn, res, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{
			Subprotocols: []string{"graphql-transport-ws"},
			HTTPHeader:   http.Header{"Origin": {origin}},
		})
		if conn != nil {
			conn.Close(websocket.StatusNormalClosure, "")
		}
		return res, err
	}
	t.Run("a foreign origin is refused", func(t *testing.T) {
		res, err := dial("https://evil.example")
		if err == nil || res == nil || res.StatusCode != http.StatusForbidden {
			t.Fatalf("foreign origin: %v %v", res, err)
		}
	})
	t.Run("the portal's own origin is accepted", func(t *testing.T) {
		if _, err := dial(api.Server.URL); err != nil {
			t.Fatalf("same origin: %v", err)
		}
	})
}

func TestIntrospectionCanBeTurnedOff(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Introspection = false }))
	t.Run("an introspection query is refused", func(t *testing.T) {
		res := api.Do(t, "", `{ __schema { types { name } } }`, nil)
		if len(res.Errors) == 0 || strings.Contains(string(res.Data), "Family") {
			t.Fatalf("introspection: %s %+v", res.Data, res.Errors)
		}
	})
	t.Run("errors suggest no field names", func(t *testing.T) {
		res := api.Do(t, "", `{ familes { totalCount } }`, nil)
		if len(res.Errors) == 0 || strings.Contains(res.Errors[0].Message, "families") ||
			strings.Contains(fmt.Sprint(res.Errors[0].Extensions), "families") {
			t.Fatalf("suggestion: %+v", res.Errors)
		}
	})
	t.Run("with introspection on, suggestions are given", func(t *testing.T) {
		on := apitest.New(t)
		res := on.Do(t, "", `{ familes { totalCount } }`, nil)
		if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, "Vouliez-vous dire « families » ?") {
			t.Fatalf("suggestion: %+v", res.Errors)
		}
	})
}

func TestTheRateLimitIsPerPersonWhateverTheSpellingOfTheToken(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.Limits.MaxCost, c.Limits.RateBurst, c.Limits.RateLimit = 100, 100, 1
	}))
	token := api.Token(t, demo.Coordinator)
	costly := `{"query":"{ programmes(first: 60) { totalCount } }"}`
	if res, body := post(t, api, "application/json", costly, "Authorization", "Bearer "+token); res.StatusCode != http.StatusOK {
		t.Fatalf("first request: %d %s", res.StatusCode, body)
	}
	for _, spelling := range []string{"bearer " + token, "BEARER " + token, "Bearer   " + token, "bEaReR\t" + token + " "} {
		t.Run(spelling[:8], func(t *testing.T) {
			res, body := post(t, api, "application/json", costly, "Authorization", spelling)
			if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "RATE_LIMITED") {
				t.Fatalf("%q: %d %s", spelling, res.StatusCode, body)
			}
		})
	}
}

func TestAnUploadIsBoundedByTheBodyAndUploadLimits(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.Limits.MaxBodyBytes = 4096
		c.Files.MaxUploadBytes = 4096
	}))
	big := strings.Repeat("x", 9000)
	body := "--b\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--b\r\nContent-Disposition: form-data; name=\"0\"; filename=\"a.pdf\"\r\n\r\n" + big + "\r\n--b--\r\n"
	res, raw := post(t, api, "multipart/form-data; boundary=b", body, "Authorization", "Bearer "+api.Token(t, demo.Coordinator))
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(raw, "REQUEST_TOO_LARGE") {
		t.Fatalf("%d %s", res.StatusCode, raw)
	}
}
