package server_test

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
)

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	return getWith(t, u, "")
}

// getWith sends GET u with authorization as the Authorization header.
func getWith(t *testing.T, u, authorization string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

const metricsToken = "prometheus-scrape-token"

func TestMetricsArePublishedInThePrometheusFormat(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.MetricsToken = metricsToken }))
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `query Caseload { families(first: 5) { totalCount } }`, nil, nil)
	api.Do(t, "", `query TooCostly { families(first: 100) { edges { node { accompaniments(first: 100) { edges { node { contactEvents(first: 100) { totalCount } } } } } } } }`, nil)

	status, body := getWith(t, api.Server.URL+"/metrics", "Bearer "+metricsToken)
	if status != http.StatusOK {
		t.Fatalf("GET /metrics: %d", status)
	}
	for _, want := range []string{
		`portal_graphql_operation_duration_seconds_count{operation="Caseload",type="query"} 1`,
		`portal_graphql_operation_duration_seconds_count{operation="TooCostly",type="query"} 1`,
		`portal_graphql_errors_total{code="QUERY_TOO_COSTLY"} 1`,
		`portal_http_requests_total{code="200",route="graphql"} 2`,
		`go_sql_max_open_connections{db_name="portal"}`,
		`go_sql_in_use_connections{db_name="portal"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestMetricsAreForTheBearerOfTheMetricsTokenOnly(t *testing.T) {
	t.Parallel()
	withToken := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.MetricsToken = metricsToken }))
	without := apitest.New(t)
	for _, tc := range []struct {
		name          string
		api           *apitest.API
		authorization string
		want          int
	}{
		{"no token configured: the endpoint is off", without, "Bearer " + metricsToken, http.StatusNotFound},
		{"no credentials", withToken, "", http.StatusUnauthorized},
		{"a wrong token", withToken, "Bearer guess", http.StatusUnauthorized},
		{"a portal access token is not the metrics token", withToken, "Bearer " + withToken.Token(t, demo.Coordinator), http.StatusUnauthorized},
		{"the metrics token", withToken, "Bearer " + metricsToken, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if status, _ := getWith(t, tc.api.Server.URL+"/metrics", tc.authorization); status != tc.want {
				t.Fatalf("status %d, want %d", status, tc.want)
			}
		})
	}
}

// TestThePortalRidesOutADatabaseOutage cuts the connection to PostgreSQL
// under load (through a proxy: the shared server stays up), then restores
// it: meanwhile every answer is a clean UNAVAILABLE, never a 500 or an
// internal detail; afterwards service resumes without a restart.
func TestThePortalRidesOutADatabaseOutage(t *testing.T) {
	t.Parallel()
	base := os.Getenv(dbtest.EnvURL)
	if base == "" {
		t.Skip("needs PostgreSQL: set " + dbtest.EnvURL)
	}
	u, _ := url.Parse(base)
	proxy := dbtest.NewProxy(t, u.Host)
	api := apitest.NewOn(t, dbtest.Open(t, dbtest.Through(proxy)))
	token := api.Token(t, demo.Coordinator)
	query := `{ families(first: 10) { totalCount edges { node { reference children { firstName } } } } }`

	type outcome struct {
		ok, unavailable int
		bad             []string
	}
	var mu sync.Mutex
	var during outcome
	var cut atomic.Bool
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res := api.Do(t, token, query, nil)
				if !cut.Load() {
					continue
				}
				mu.Lock()
				switch codes := res.Codes(); {
				case res.Status == http.StatusOK && len(codes) == 0:
					during.ok++
				case res.Status < 500 || res.Status == http.StatusServiceUnavailable:
					clean := len(codes) > 0
					for i, c := range codes {
						msg := res.Errors[i].Message
						if c != "UNAVAILABLE" || strings.Contains(msg, "pq") || strings.Contains(msg, "127.0.0.1") ||
							strings.Contains(msg, "dial") || strings.Contains(msg, "EOF") {
							clean = false
						}
					}
					if clean {
						during.unavailable++
					} else {
						during.bad = append(during.bad, res.Errors[0].Message)
					}
				default:
					during.bad = append(during.bad, http.StatusText(res.Status))
				}
				mu.Unlock()
			}
		}()
	}

	time.Sleep(300 * time.Millisecond)
	cut.Store(true)
	proxy.Cut()
	time.Sleep(time.Second)
	if status, _ := get(t, api.Server.URL+"/readyz"); status != http.StatusServiceUnavailable {
		t.Errorf("readiness during the outage: %d", status)
	}
	proxy.Restore()
	cut.Store(false)
	close(stop)
	wg.Wait()

	if during.unavailable == 0 || len(during.bad) > 0 {
		t.Fatalf("during the outage: %d ok, %d UNAVAILABLE, bad answers: %v", during.ok, during.unavailable, during.bad)
	}
	waited := clock.StartStopwatch()
	for {
		status, _ := get(t, api.Server.URL+"/readyz")
		res := api.Do(t, token, query, nil)
		if status == http.StatusOK && res.Status == http.StatusOK && len(res.Errors) == 0 {
			break
		}
		if waited.Elapsed() > 10*time.Second {
			t.Fatalf("no recovery after the outage: readyz %d, query %d %+v", status, res.Status, res.Errors)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
