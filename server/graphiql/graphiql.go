package graphiql

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// AssetPrefix is the path under which Handler serves the embedded GraphiQL
// scripts and style sheets, e.g. /graphiql/graphiql.min.js.
const AssetPrefix = "/graphiql/"

// contentSecurityPolicy is the Content-Security-Policy header sent with the
// GraphiQL page. Scripts come only from this origin and no inline script is
// used; inline styles are allowed because GraphiQL's editors set style
// attributes; fonts and images may be data: URLs because the GraphiQL style
// sheet inlines its fonts. connect-src 'self' admits requests to the endpoint
// and, in browsers implementing CSP Level 3, ws:/wss: to the same host.
const contentSecurityPolicy = "default-src 'none'; " +
	"script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; " +
	"font-src 'self' data:; " +
	"connect-src 'self'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// assetCacheControl lets browsers keep assets for a day; the page refers to
// them with a ?v=<content hash> query, so a new version is fetched at once.
const assetCacheControl = "public, max-age=86400"

//go:embed assets/*.js assets/*.css assets/*.LICENSE static/init.js static/page.css
var embedded embed.FS

//go:embed static/page.html
var pageSource string

// asset is one embedded file ready to serve.
type asset struct {
	body        []byte
	contentType string
	etag        string // quoted
	version     string // short content hash, used as ?v= in the page
}

// contentTypes maps the extensions of embedded files to their media types.
var contentTypes = map[string]string{
	".js":      "text/javascript; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".LICENSE": "text/plain; charset=utf-8",
}

// assets holds every embedded file by the name it is served under, below
// AssetPrefix.
var assets = loadAssets()

func loadAssets() map[string]*asset {
	m := make(map[string]*asset)
	err := fs.WalkDir(embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		ctype, ok := contentTypes[path.Ext(name)]
		if !ok {
			return fmt.Errorf("no content type for %s", p)
		}
		if _, dup := m[name]; dup {
			return fmt.Errorf("two embedded files named %s", name)
		}
		sum := sha256.Sum256(body)
		version := hex.EncodeToString(sum[:8])
		m[name] = &asset{
			body:        body,
			contentType: ctype,
			etag:        `"` + hex.EncodeToString(sum[:16]) + `"`,
			version:     version,
		}
		return nil
	})
	if err != nil {
		panic("graphiql: loading embedded assets: " + err.Error())
	}
	return m
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	// asset gives the page-relative URL of an embedded file, so the page
	// works wherever the handler is mounted as long as it ends in "/".
	"asset": func(name string) (string, error) {
		a, ok := assets[name]
		if !ok {
			return "", fmt.Errorf("no embedded asset %q", name)
		}
		return "." + AssetPrefix + name + "?v=" + a.version, nil
	},
}).Parse(pageSource))

// Handler returns an http.Handler serving the GraphiQL IDE, with every
// script and style sheet embedded in the binary: the page makes no request
// to any other origin.
//
// It answers GET and HEAD only (other methods get 405) on two kinds of path:
// exactly "/", the HTML page titled title (or "GraphiQL" if empty), sent
// with a strict Content-Security-Policy (scripts from this origin only, no
// inline script, connections to this origin only); and AssetPrefix + name,
// the embedded files the page loads. Every other path is 404. Mount it on
// both paths:
//
//	h := graphiql.Handler("Portal API", "/graphql")
//	mux.Handle("/", h)
//	mux.Handle(graphiql.AssetPrefix, h)
//
// The page refers to its files relative to itself, so the handler may also
// be mounted below a prefix with http.StripPrefix, provided the page URL
// ends in "/".
//
// endpoint is the same-origin path of the GraphQL endpoint, e.g.
// "/graphql"; Handler panics if it is not an absolute path, since the CSP
// would block any other origin anyway. Queries and mutations are POSTed to
// it; subscriptions use the graphql-ws protocol (graphql-transport-ws) on
// the same path with ws: or wss: following the page's scheme. The headers
// editor is enabled and persisted in the browser's localStorage, so a user
// can add {"Authorization": "Bearer <token>"} once; those headers are sent
// with every HTTP request and as connection parameters of the WebSocket.
func Handler(title, endpoint string) http.Handler {
	if err := checkEndpoint(endpoint); err != nil {
		panic("graphiql: " + err.Error())
	}
	if title == "" {
		title = "GraphiQL"
	}
	var buf bytes.Buffer
	err := pageTemplate.Execute(&buf, struct{ Title, Endpoint string }{title, endpoint})
	if err != nil {
		panic("graphiql: rendering page: " + err.Error())
	}
	sum := sha256.Sum256(buf.Bytes())
	return &handler{
		page:     buf.Bytes(),
		pageETag: `"` + hex.EncodeToString(sum[:16]) + `"`,
	}
}

// checkEndpoint accepts only an absolute path on the page's own origin.
func checkEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	switch {
	case err != nil:
		return fmt.Errorf("endpoint %q: %v", endpoint, err)
	case u.Scheme != "" || u.Host != "" || !strings.HasPrefix(endpoint, "/") ||
		strings.HasPrefix(endpoint, "//"):
		return fmt.Errorf("endpoint %q is not a same-origin absolute path", endpoint)
	case strings.ContainsFunc(endpoint, func(r rune) bool {
		// Browsers read "\" as "/" and drop tabs and newlines from URLs,
		// which could turn the path into "//host".
		return r <= ' ' || r == 0x7f || r == '\\'
	}):
		return fmt.Errorf("endpoint %q contains a space, control character or backslash", endpoint)
	}
	return nil
}

type handler struct {
	page     []byte
	pageETag string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var (
		body   []byte
		ctype  string
		etag   string
		cache  string
		isPage bool
	)
	switch p := r.URL.Path; {
	case p == "/":
		body, ctype, etag, cache = h.page, "text/html; charset=utf-8", h.pageETag, "no-cache"
		isPage = true
	case strings.HasPrefix(p, AssetPrefix):
		a, ok := assets[strings.TrimPrefix(p, AssetPrefix)]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body, ctype, etag, cache = a.body, a.contentType, a.etag, assetCacheControl
	default:
		http.NotFound(w, r)
		return
	}

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, i18n.T("request.get_or_head_only").In(i18n.FromContext(r.Context())), http.StatusMethodNotAllowed)
		return
	}

	hdr := w.Header()
	hdr.Set("Content-Type", ctype)
	hdr.Set("Cache-Control", cache)
	hdr.Set("ETag", etag)
	hdr.Set("X-Content-Type-Options", "nosniff")
	if isPage {
		hdr.Set("Content-Security-Policy", contentSecurityPolicy)
		hdr.Set("Referrer-Policy", "no-referrer")
		hdr.Set("X-Frame-Options", "DENY")
	}
	// ServeContent handles HEAD, Range and If-None-Match against the ETag.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
