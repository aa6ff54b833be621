package limits

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The media types of a GraphQL response over HTTP: the spec's own, and
// the legacy one every client understands.
const (
	GraphQLResponseJSON = "application/graphql-response+json"
	LegacyJSON          = "application/json"
)

// ResponseMediaType is the media type to answer r with: the GraphQL
// over HTTP type when the client lists it, application/json otherwise
// (what clients that predate it expect).
func ResponseMediaType(r *http.Request) string {
	for part := range strings.SplitSeq(r.Header.Get("Accept"), ",") {
		if mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mediaType == GraphQLResponseJSON {
			return GraphQLResponseJSON
		}
	}
	return LegacyJSON
}

// WriteError answers r with a GraphQL response carrying one error, for a
// refusal before the GraphQL engine runs (transport, limits,
// authentication): clients then parse every answer of the endpoint alike.
func WriteError(w http.ResponseWriter, r *http.Request, status int, e *apierror.Error) {
	w.Header().Set("Content-Type", ResponseMediaType(r)+"; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": e.Message(r.Context()), "extensions": map[string]any{"code": string(e.Code)}}},
	})
}
