package graphiql

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// serve runs one request through h and returns the recorded response.
func serve(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var refAttr = regexp.MustCompile(`\b(?:src|href)="([^"]*)"`)

// pageRefs returns the src and href values of the page, in order.
func pageRefs(page string) []string {
	var refs []string
	for _, m := range refAttr.FindAllStringSubmatch(page, -1) {
		refs = append(refs, m[1])
	}
	return refs
}

func TestPage(t *testing.T) {
	t.Parallel()
	h := Handler("Portal API", "/graphql")
	res := serve(t, h, http.MethodGet, "/", nil)
	body := readBody(t, res)

	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET / status = %d, want 200", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type = %q, want text/html", ct)
	}
	if !strings.Contains(body, `data-endpoint="/graphql"`) {
		t.Errorf("page does not carry the endpoint:\n%s", body)
	}
	if !strings.Contains(body, "<title>Portal API</title>") {
		t.Errorf("page does not carry the title:\n%s", body)
	}
	for _, scheme := range []string{"http://", "https://", "ws://", "wss://"} {
		if strings.Contains(body, scheme) {
			t.Errorf("page contains an absolute %s URL:\n%s", scheme, body)
		}
	}
	if strings.Contains(body, "//") {
		t.Errorf("page contains a scheme-relative URL or //:\n%s", body)
	}
	// No inline script: every <script> element has a src.
	if n, m := strings.Count(body, "<script"), strings.Count(body, "<script src="); n != m {
		t.Errorf("page has %d <script> elements, only %d with src", n, m)
	}

	csp := res.Header.Get("Content-Security-Policy")
	if csp == "" {
		t.Fatal("no Content-Security-Policy header on the page")
	}
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for name, want := range map[string]string{
		"default-src":     "'none'",
		"script-src":      "'self'",
		"connect-src":     "'self'",
		"frame-ancestors": "'none'",
	} {
		if got := directives[name]; got != want {
			t.Errorf("CSP %s = %q, want %q (CSP %q)", name, got, want, csp)
		}
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("page lacks X-Content-Type-Options: nosniff")
	}
}

func TestPageAssets(t *testing.T) {
	t.Parallel()
	h := Handler("", "/graphql")
	pageURL, _ := url.Parse("http://portal.test/")
	page := readBody(t, serve(t, h, http.MethodGet, pageURL.String(), nil))

	refs := pageRefs(page)
	if len(refs) == 0 {
		t.Fatalf("page refers to no assets:\n%s", page)
	}
	var order []string
	for _, ref := range refs {
		u, err := pageURL.Parse(ref)
		if err != nil {
			t.Fatalf("bad reference %q: %v", ref, err)
		}
		if u.Scheme != pageURL.Scheme || u.Host != pageURL.Host {
			t.Errorf("reference %q is not same-origin", ref)
			continue
		}
		if !strings.HasPrefix(u.Path, AssetPrefix) {
			t.Errorf("reference %q resolves to %s, outside %s", ref, u.Path, AssetPrefix)
			continue
		}
		name := strings.TrimPrefix(u.Path, AssetPrefix)
		order = append(order, name)

		res := serve(t, h, http.MethodGet, u.RequestURI(), nil)
		body := readBody(t, res)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s status = %d, want 200", u.RequestURI(), res.StatusCode)
			continue
		}
		ct := res.Header.Get("Content-Type")
		switch {
		case strings.HasSuffix(name, ".js") && strings.HasPrefix(ct, "text/javascript"):
		case strings.HasSuffix(name, ".css") && strings.HasPrefix(ct, "text/css"):
		default:
			t.Errorf("GET %s Content-Type = %q, want JavaScript or CSS", u.RequestURI(), ct)
		}
		if len(body) == 0 || body != string(assets[name].body) {
			t.Errorf("GET %s did not return the embedded file (%d bytes)", u.RequestURI(), len(body))
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=86400") {
			t.Errorf("GET %s Cache-Control = %q", u.RequestURI(), cc)
		}
		if v := u.Query().Get("v"); v == "" || v != assets[name].version {
			t.Errorf("reference %q lacks the content version %q", ref, assets[name].version)
		}
	}

	// React, then ReactDOM, then GraphiQL, then the bootstrap script.
	want := []string{
		"graphiql.min.css", "page.css",
		"react.production.min.js", "react-dom.production.min.js",
		"graphiql.min.js", "init.js",
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("page loads %v, want %v", order, want)
	}
}

func TestInitScript(t *testing.T) {
	t.Parallel()
	script := string(assets["init.js"].body)
	for _, s := range []string{
		"GraphiQL.createFetcher",
		"subscriptionUrl",
		`"wss:"`,
		"headerEditorEnabled: true",
		"shouldPersistHeaders: true",
		`getAttribute("data-endpoint")`,
	} {
		if !strings.Contains(script, s) {
			t.Errorf("init.js lacks %s", s)
		}
	}
}

func TestTitleEscaped(t *testing.T) {
	t.Parallel()
	h := Handler(`</title><script>alert(1)</script>`, "/graphql?a=1&b=2")
	body := readBody(t, serve(t, h, http.MethodGet, "/", nil))
	if strings.Contains(body, "<script>alert") {
		t.Errorf("title not escaped:\n%s", body)
	}
	if !strings.Contains(body, `data-endpoint="/graphql?a=1&amp;b=2"`) {
		t.Errorf("endpoint not escaped as an attribute:\n%s", body)
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	h := Handler("", "/graphql")
	for _, p := range []string{
		"/nope",
		"/index.html",
		"/graphiql",
		"/graphiql/",
		"/graphiql/nope.js",
		"/graphiql/VERSIONS",
		"/graphiql/assets/graphiql.min.js",
		"/graphiql/../graphiql.go",
		"/graphql",
	} {
		res := serve(t, h, http.MethodGet, p, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s status = %d, want 404", p, res.StatusCode)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	t.Parallel()
	h := Handler("", "/graphql")
	for _, tc := range []struct{ method, path string }{
		{http.MethodPost, "/"},
		{http.MethodPut, "/"},
		{http.MethodDelete, "/"},
		{http.MethodPost, AssetPrefix + "init.js"},
	} {
		res := serve(t, h, tc.method, tc.path, nil)
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s status = %d, want 405", tc.method, tc.path, res.StatusCode)
		}
		if allow := res.Header.Get("Allow"); allow != "GET, HEAD" {
			t.Errorf("%s %s Allow = %q", tc.method, tc.path, allow)
		}
	}
}

func TestHead(t *testing.T) {
	t.Parallel()
	h := Handler("", "/graphql")
	for _, p := range []string{"/", AssetPrefix + "graphiql.min.js"} {
		res := serve(t, h, http.MethodHead, p, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("HEAD %s status = %d, want 200", p, res.StatusCode)
		}
		if b := readBody(t, res); b != "" {
			t.Errorf("HEAD %s returned a %d-byte body", p, len(b))
		}
	}
}

func TestConditionalGet(t *testing.T) {
	t.Parallel()
	h := Handler("", "/graphql")
	for _, p := range []string{"/", AssetPrefix + "react.production.min.js"} {
		first := serve(t, h, http.MethodGet, p, nil)
		etag := first.Header.Get("ETag")
		if etag == "" {
			t.Errorf("GET %s has no ETag", p)
			continue
		}
		again := serve(t, h, http.MethodGet, p, http.Header{"If-None-Match": {etag}})
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match status = %d, want 304", p, again.StatusCode)
		}
	}
}

func TestEmbeddedAssets(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"graphiql.min.js", "graphiql.min.css",
		"react.production.min.js", "react-dom.production.min.js",
		"graphiql.LICENSE", "react.LICENSE", "react-dom.LICENSE",
	} {
		a, ok := assets[name]
		if !ok || len(a.body) == 0 {
			t.Errorf("asset %s is not embedded", name)
		}
	}
	if _, ok := assets["VERSIONS"]; ok {
		t.Error("VERSIONS should not be served")
	}
	res := serve(t, Handler("", "/graphql"), http.MethodGet, AssetPrefix+"graphiql.LICENSE", nil)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("LICENSE Content-Type = %q, want text/plain", ct)
	}
	// The GraphiQL bundle must carry the fetcher with graphql-ws, which
	// init.js relies on for subscriptions.
	js := string(assets["graphiql.min.js"].body)
	for _, s := range []string{"createFetcher", "graphql-transport-ws"} {
		if !strings.Contains(js, s) {
			t.Errorf("graphiql.min.js lacks %q", s)
		}
	}
}

func TestBadEndpointPanics(t *testing.T) {
	t.Parallel()
	for _, endpoint := range []string{
		"",
		"graphql",
		"//evil.test/graphql",
		"/\\evil.test/graphql",
		"/\t/evil.test/graphql",
		"http://evil.test/graphql",
		"https://portal.test/graphql",
		"javascript:alert(1)",
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Handler(%q) did not panic", endpoint)
				}
			}()
			Handler("", endpoint)
		}()
	}
}

func TestMountedOnServeMux(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	h := Handler("", "/graphql")
	mux.Handle("/", h)
	mux.Handle(AssetPrefix, h)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for p, want := range map[string]int{
		"/":                         http.StatusOK,
		AssetPrefix + "init.js":     http.StatusOK,
		AssetPrefix + "../go.mod":   http.StatusNotFound,
		"/nope":                     http.StatusNotFound,
		AssetPrefix + "graphiql.go": http.StatusNotFound,
	} {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s status = %d, want %d", p, res.StatusCode, want)
		}
	}
}

func TestMountedBelowPrefix(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/debug/", http.StripPrefix("/debug", Handler("", "/graphql")))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	pageURL, _ := url.Parse(srv.URL + "/debug/")
	res, err := http.Get(pageURL.String())
	if err != nil {
		t.Fatal(err)
	}
	page := readBody(t, res)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /debug/ status = %d, want 200", res.StatusCode)
	}
	refs := pageRefs(page)
	if len(refs) == 0 {
		t.Fatal("page refers to no assets")
	}
	for _, ref := range refs {
		u, _ := pageURL.Parse(ref)
		if !strings.HasPrefix(u.Path, "/debug"+AssetPrefix) {
			t.Errorf("reference %q resolves to %s, outside /debug%s", ref, u.Path, AssetPrefix)
		}
		res, err := http.Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s status = %d, want 200", u.Path, res.StatusCode)
		}
	}
}
