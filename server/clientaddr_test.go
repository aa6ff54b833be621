package server

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/reseau-liens/portal/internal/audit"
)

func TestTheClientAddressIsThePeerUnlessAProxyIsTrusted(t *testing.T) {
	t.Parallel()
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct {
		name, peer, forwarded string
		trusted               []netip.Prefix
		want                  string
	}{
		{"no proxy configured: the peer, whatever the header says", "203.0.113.7:5000", "198.51.100.1", nil, "203.0.113.7"},
		{"an untrusted peer cannot claim another address", "203.0.113.7:5000", "198.51.100.1", proxies, "203.0.113.7"},
		{"a trusted proxy: the address it saw", "10.1.2.3:5000", "198.51.100.1", proxies, "198.51.100.1"},
		{"a chain: the nearest address not ours", "10.1.2.3:5000", "192.0.2.9, 198.51.100.1, 10.9.9.9", proxies, "198.51.100.1"},
		{"a trusted proxy without the header: the proxy", "10.1.2.3:5000", "", proxies, "10.1.2.3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			h := clientAddress(tc.trusted, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				got = audit.ClientAddress(r.Context())
			}))
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.RemoteAddr = tc.peer
			if tc.forwarded != "" {
				req.Header.Set("X-Forwarded-For", tc.forwarded)
			}
			h.ServeHTTP(httptest.NewRecorder(), req)
			if got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}
