// Package apitest runs the real portal HTTP handler over a real test
// database loaded with the demo data, and sends it real GraphQL documents.
// Tests across the portal use it to speak to the API as its users do.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/reseau-liens/portal/graph"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/app"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
	"github.com/reseau-liens/portal/server"
)

// API is a running portal for one test.
type API struct {
	DB     *dbtest.DB
	Server *httptest.Server
	Demo   *demo.Result
	// Clock is the portal's clock (the database's): frozen at the suite's
	// instant, moved by the test.
	Clock *clock.Frozen
	// Services are the portal's services, for tests that call a
	// capability directly.
	Services graph.Services
	// FilesDir is where the portal keeps the documents' files.
	FilesDir string
}

// Option changes the configuration of the portal under test.
type Option func(*config.Config)

// WithConfig changes the configuration (limits, introspection, ...).
func WithConfig(change func(*config.Config)) Option { return Option(change) }

// WithoutTokenCache checks the token in the database on every request, for
// tests that count a request's queries, the token check's included.
func WithoutTokenCache() Option {
	return func(c *config.Config) { c.TokenCacheTTL = 0 }
}

// demoTemplate is the database, migrated and loaded with the demo, that
// New copies for every test: loading the demo once per test binary rather
// than once per test. demoResult is what that load returned: the demo's
// ids, and its tokens, whose secrets exist nowhere else (the database
// holds their hashes).
var (
	demoResult   *demo.Result
	demoTemplate = dbtest.NewTemplate("demo", func(ctx context.Context, db *database.DB) error {
		loaded, err := demo.Load(viewer.SystemContext(ctx), db)
		if err == nil && loaded == nil {
			err = errors.New("apitest: the demo template was not empty")
		}
		demoResult = loaded
		return err
	})
)

// New starts the portal on a fresh database holding the demo data: a copy
// of the demo template, on a clock of its own at the suite's instant.
func New(t testing.TB, opts ...Option) *API {
	t.Helper()
	db := demoTemplate.Open(t)
	return start(t, db, cloneResult(demoResult), opts...)
}

// NewOn starts the portal on db, loading the demo data into it: for a
// database New cannot copy, e.g. one reached through a dbtest.Proxy.
func NewOn(t testing.TB, db *dbtest.DB, opts ...Option) *API {
	t.Helper()
	loaded, err := demo.Load(viewer.SystemContext(context.Background()), db.DB)
	if err != nil {
		t.Fatalf("apitest: loading demo data: %v", err)
	}
	return start(t, db, loaded, opts...)
}

func start(t testing.TB, db *dbtest.DB, loaded *demo.Result, opts ...Option) *API {
	t.Helper()
	cfg, err := config.FromLookup(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Files.Dir = t.TempDir() // each test's files, removed with it
	for _, opt := range opts {
		opt(&cfg)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	portal := app.New(cfg, db.DB, logger)
	t.Cleanup(portal.Close)
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = portal.HTTPServer() // with the production timeouts
	srv.Start()
	t.Cleanup(srv.Close)
	db.ResetQueries()
	return &API{DB: db, Server: srv, Demo: loaded, Clock: db.Clock, Services: portal.Services, FilesDir: cfg.Files.Dir}
}

// cloneResult copies the template's Result for one test, so that a test
// changing its maps changes nobody else's.
func cloneResult(r *demo.Result) *demo.Result {
	c := *r
	c.Programmes = maps.Clone(r.Programmes)
	c.People = maps.Clone(r.People)
	c.Accompaniments = maps.Clone(r.Accompaniments)
	c.Tokens = maps.Clone(r.Tokens)
	return &c
}

// Response is a decoded GraphQL response.
type Response struct {
	Status     int
	Data       json.RawMessage `json:"data"`
	Errors     []Error         `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

// Error is one GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns the error's extensions.code.
func (e Error) Code() string {
	code, _ := e.Extensions["code"].(string)
	return code
}

// Codes lists the codes of the response's errors.
func (r *Response) Codes() []string {
	var codes []string
	for _, e := range r.Errors {
		codes = append(codes, e.Code())
	}
	return codes
}

// Decode unmarshals the data into v, failing the test on error.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("apitest: decoding data %s: %v", r.Data, err)
	}
}

// Do posts a GraphQL document with a bearer token ("" for anonymous).
func (a *API) Do(t testing.TB, token, query string, variables map[string]any) *Response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, a.Server.URL+server.GraphQLPath, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return a.Send(t, req)
}

// Send sends a prepared request and decodes the GraphQL response.
func (a *API) Send(t testing.TB, req *http.Request) *Response {
	t.Helper()
	res, err := a.Server.Client().Do(req)
	if err != nil {
		t.Fatalf("apitest: %v", err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &Response{Status: res.StatusCode}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("apitest: response is not JSON (status %d): %s", res.StatusCode, raw)
	}
	return out
}

// MustSucceed posts a document and fails the test on any GraphQL error.
func (a *API) MustSucceed(t testing.TB, token, query string, variables map[string]any, into any) {
	t.Helper()
	res := a.Do(t, token, query, variables)
	if len(res.Errors) > 0 || res.Status != http.StatusOK {
		t.Fatalf("apitest: status %d, errors %+v", res.Status, res.Errors)
	}
	if into != nil {
		res.Decode(t, into)
	}
}

// Token returns the demo token of an account (demo.Coordinator, ...), ""
// for Anonymous.
func (a *API) Token(t testing.TB, account string) string {
	t.Helper()
	if account == Anonymous {
		return ""
	}
	token, ok := a.Demo.Tokens[account]
	if !ok {
		t.Fatalf("apitest: no demo account %q", account)
	}
	return token
}

// Another starts a second portal process on the same database, as a
// second replica would: its own connection pool and HTTP server, the same
// demo data and tokens.
func (a *API) Another(t testing.TB) *API {
	t.Helper()
	db, err := app.OpenDatabase(a.DB.URL, a.Clock)
	if err != nil {
		t.Fatalf("apitest: opening a second pool: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	cfg, err := config.FromLookup(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Files.Dir = a.FilesDir // the replicas share the files
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	portal := app.New(cfg, db, logger)
	t.Cleanup(portal.Close)
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = portal.HTTPServer()
	srv.Start()
	t.Cleanup(srv.Close)
	return &API{DB: &dbtest.DB{DB: db, URL: a.DB.URL, Clock: a.Clock}, Server: srv, Demo: a.Demo, Clock: a.Clock, Services: portal.Services, FilesDir: a.FilesDir}
}

// Viewer returns a context acting as a demo account, for tests that call
// domain packages or the ent client directly.
func (a *API) Viewer(t testing.TB, account string) context.Context {
	t.Helper()
	v, err := a.Services.Auth.Authenticate(context.Background(), a.Token(t, account))
	if err != nil {
		t.Fatalf("apitest: authenticating %s: %v", account, err)
	}
	return viewer.NewContext(context.Background(), v)
}
