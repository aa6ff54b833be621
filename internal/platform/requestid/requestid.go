// Package requestid gives every HTTP request an ID, carried in the context,
// echoed in the X-Request-ID header, written in the logs and shown in
// internal errors, so that a user's report can be matched to the log.
package requestid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
)

// Header is the HTTP header carrying the request ID.
const Header = "X-Request-ID"

type contextKey struct{}

// acceptable limits what a client-supplied ID may look like, so that it
// cannot inject anything into logs.
var acceptable = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// Middleware assigns a request ID (the client's, when well formed).
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(Header)
		if !acceptable.MatchString(id) {
			id = newID()
		}
		w.Header().Set(Header, id)
		next.ServeHTTP(w, r.WithContext(NewContext(r.Context(), id)))
	})
}

// NewContext returns ctx carrying id.
func NewContext(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, contextKey{}, id)
}

// FromContext returns the request ID of ctx, or "" outside a request.
func FromContext(ctx context.Context) string {
	id, _ := ctx.Value(contextKey{}).(string)
	return id
}

func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
