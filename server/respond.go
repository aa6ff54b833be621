package server

import (
	"encoding/json"
	"net/http"

	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// writeGraphQLError answers with a GraphQL response carrying one error,
// for failures that happen before the GraphQL engine runs.
func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, e *apierror.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{
			"message":    e.Message(r.Context()),
			"extensions": map[string]any{"code": string(e.Code)},
		}},
	})
}
