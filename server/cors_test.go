package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/config"
)

const frontEnd = "https://app.reseau-liens.example"

func preflight(t *testing.T, api *apitest.API, origin string) *http.Response {
	t.Helper()
	req := request(t, http.MethodOptions, api.Server.URL+"/graphql", "", "")
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	res, _ := rawSend(t, req)
	return res
}

func TestCORSAdmitsTheAllowedOriginsOnly(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.AllowedOrigins = []string{frontEnd} }))
	t.Run("a preflight from an allowed origin", func(t *testing.T) {
		res := preflight(t, api, frontEnd)
		h := res.Header
		if res.StatusCode/100 != 2 || h.Get("Access-Control-Allow-Origin") != frontEnd {
			t.Fatalf("%d %v", res.StatusCode, h)
		}
		allowed := strings.ToLower(h.Get("Access-Control-Allow-Headers"))
		if !strings.Contains(allowed, "authorization") || !strings.Contains(allowed, "content-type") ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") || h.Get("Access-Control-Allow-Credentials") != "" {
			t.Fatalf("allowed headers %q methods %q credentials %q", allowed, h.Get("Access-Control-Allow-Methods"), h.Get("Access-Control-Allow-Credentials"))
		}
	})
	t.Run("a preflight from another origin gets no CORS header", func(t *testing.T) {
		res := preflight(t, api, "https://evil.example")
		for name := range res.Header {
			if strings.HasPrefix(name, "Access-Control-Allow-") {
				t.Fatalf("%s: %q", name, res.Header.Get(name))
			}
		}
	})
	t.Run("the request itself carries the origin", func(t *testing.T) {
		req := request(t, http.MethodPost, api.Server.URL+"/graphql", "application/json", `{"query":"{ __typename }"}`)
		req.Header.Set("Origin", frontEnd)
		res, _ := rawSend(t, req)
		if res.StatusCode != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != frontEnd ||
			!strings.Contains(res.Header.Get("Access-Control-Expose-Headers"), "Retry-After") {
			t.Fatalf("%d %v", res.StatusCode, res.Header)
		}
	})
	t.Run("WebSockets admit the same origins", func(t *testing.T) {
		for origin, ok := range map[string]bool{frontEnd: true, api.Server.URL: true, "https://evil.example": false} {
			res, err := dialWithOrigin(t, api, origin)
			if ok && err != nil {
				t.Errorf("%s refused: %v", origin, err)
			}
			if !ok && (err == nil || res == nil || res.StatusCode != http.StatusForbidden) {
				t.Errorf("%s admitted: %v", origin, err)
			}
		}
	})
}

func TestNoCORSWithoutAllowedOrigins(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	res := preflight(t, api, frontEnd)
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("CORS header without PORTAL_ALLOWED_ORIGINS: %v", res.Header)
	}
	if _, err := dialWithOrigin(t, api, frontEnd); err == nil {
		t.Fatal("a WebSocket from another origin was admitted")
	}
}

// dialWithOrigin opens a graphql-transport-ws connection from origin,
// asking for compressed answers: the upgrade must pass the compression.
func dialWithOrigin(t *testing.T, api *apitest.API, origin string) (*http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	conn, res, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(api.Server.URL, "http")+"/graphql", &websocket.DialOptions{
		Subprotocols: []string{"graphql-transport-ws"},
		HTTPHeader:   http.Header{"Origin": {origin}, "Accept-Encoding": {"gzip, br, zstd"}},
	})
	if conn != nil {
		_ = conn.Close(websocket.StatusNormalClosure, "")
	}
	return res, err
}
