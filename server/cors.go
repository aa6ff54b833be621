package server

import (
	"net/http"

	"github.com/rs/cors"

	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// allowOrigins lets browser front-ends served from origins (full origins,
// PORTAL_ALLOWED_ORIGINS) call the API: preflights are answered here, and
// answers to those origins carry Access-Control-Allow-Origin. Tokens go
// in the Authorization header, never in cookies, so credentials stay
// off. The WebSocket transport admits the same origins. Without origins
// there is no CORS at all (rs/cors would read an empty list as "*").
func allowOrigins(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type", "Accept", "Accept-Language"},
		ExposedHeaders: []string{"Retry-After", requestid.Header, "WWW-Authenticate"},
		MaxAge:         600,
	}).Handler(next)
}
