package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/reseau-liens/portal/internal/audit"
)

// clientAddress puts the client's address in the request context for the
// audit trail: the TCP peer, or, when that peer is a trusted proxy
// (PORTAL_TRUSTED_PROXIES), the nearest untrusted address of
// X-Forwarded-For. Addresses further left are the client's own claim and
// are not believed.
func clientAddress(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := peerAddress(r.RemoteAddr)
		if isTrusted(trusted, addr) {
			hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
			for i := len(hops) - 1; i >= 0; i-- {
				hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
				if err != nil {
					break
				}
				addr = hop.Unmap().String()
				if !isTrusted(trusted, addr) {
					break
				}
			}
		}
		next.ServeHTTP(w, r.WithContext(audit.WithClientAddress(r.Context(), addr)))
	})
}

func peerAddress(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return remote
	}
	return host
}

func isTrusted(trusted []netip.Prefix, addr string) bool {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	for _, p := range trusted {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}
