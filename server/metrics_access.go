package server

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// metricsAccess serves the metrics to the bearer of token only: request
// counts and pool figures say how the portal is used, which is nobody
// else's business. Without a token the endpoint is off.
func metricsAccess(token string, metrics http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token == "" {
			http.Error(w, i18n.T("metrics.off").In(i18n.FromContext(r.Context())), http.StatusNotFound)
			return
		}
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(given), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, i18n.T("metrics.token_required").In(i18n.FromContext(r.Context())), http.StatusUnauthorized)
			return
		}
		metrics.ServeHTTP(w, r)
	})
}
