package webhook

import (
	"net"
	"net/http"
	"net/netip"
	"time"

	"code.dny.dev/ssrf"
)

// SafeTransport is the HTTP transport of deliveries: it connects to public
// addresses only, plus the allowed private networks. The address is
// checked when the connection is made, after DNS resolution, so a name
// that resolves to the portal's own network (or comes to, by DNS
// rebinding) is refused too.
func SafeTransport(allowed []netip.Prefix) *http.Transport {
	var v4, v6 []netip.Prefix
	for _, p := range allowed {
		if p.Addr().Is4() {
			v4 = append(v4, p)
		} else {
			v6 = append(v6, p)
		}
	}
	guardian := ssrf.New(
		// Receivers may listen on any port (8443 is common); the
		// destination address is what protects the portal's network.
		ssrf.WithAnyPort(),
		ssrf.WithAllowedV4Prefixes(v4...),
		ssrf.WithAllowedV6Prefixes(v6...),
	)
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: guardian.Safe}
	return &http.Transport{
		// No proxy from the environment: it would bypass the check.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          20,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
	}
}
