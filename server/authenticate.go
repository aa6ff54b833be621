package server

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/auth"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// authenticator turns the bearer token of a request (HTTP header or
// WebSocket init payload) into a viewer.
type authenticator struct {
	auth *auth.Service
}

// viewerFor resolves an Authorization value. No value is the anonymous
// visitor; a bad one is UNAUTHENTICATED, never anonymous, so that a client
// with an expired token notices.
func (a authenticator) viewerFor(ctx context.Context, authorization string) (context.Context, error) {
	if authorization == "" {
		return ctx, nil
	}
	secret, ok := bearerToken(authorization)
	if !ok {
		return ctx, apierror.New(apierror.Unauthenticated, "auth.header_format")
	}
	v, err := a.auth.Authenticate(ctx, strings.TrimSpace(secret))
	switch {
	case errors.Is(err, auth.ErrUnauthenticated):
		return ctx, apierror.New(apierror.Unauthenticated, "auth.token_invalid")
	case err != nil:
		return ctx, apierror.New(apierror.Unavailable, "auth.unavailable")
	}
	return viewer.NewContext(ctx, v), nil
}

// bearerToken reads credentials of the Bearer scheme (RFC 6750 §2.1,
// RFC 7235 §2.1): the scheme is case-insensitive and separated from the
// token by one or more spaces (tabs tolerated); the token is one word.
func bearerToken(authorization string) (string, bool) {
	fields := strings.FieldsFunc(authorization, func(r rune) bool { return r == ' ' || r == '\t' })
	if len(fields) != 2 || !strings.EqualFold(fields[0], "Bearer") {
		return "", false
	}
	return fields[1], true
}

// middleware authenticates HTTP requests.
func (a authenticator) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isWebSocketUpgrade(r) {
			next.ServeHTTP(w, r) // authenticated in the connection init message
			return
		}
		ctx, err := a.viewerFor(r.Context(), r.Header.Get("Authorization"))
		if err != nil {
			e, _ := apierror.As(err)
			status := http.StatusUnauthorized
			if e.Code == apierror.Unavailable {
				status = http.StatusServiceUnavailable
			} else {
				w.Header().Set("WWW-Authenticate", `Bearer realm="portal"`)
			}
			writeGraphQLError(w, r, status, e)
			return
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func isWebSocketUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}
