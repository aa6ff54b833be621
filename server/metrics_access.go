package server

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// metricsAccess serves the metrics to the bearer of token only: request
// counts and pool figures say how the portal is used, which is nobody
// else's business. Without a token the endpoint is off.
func metricsAccess(token string, metrics http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token == "" {
			http.Error(w, "metrics are off: set PORTAL_METRICS_TOKEN", http.StatusNotFound)
			return
		}
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(given), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "a bearer token is required", http.StatusUnauthorized)
			return
		}
		metrics.ServeHTTP(w, r)
	})
}
