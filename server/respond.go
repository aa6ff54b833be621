package server

import (
	"net/http"

	"github.com/reseau-liens/portal/internal/api/limits"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// writeGraphQLError answers with a GraphQL response carrying one error,
// for failures that happen before the GraphQL engine runs.
func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, e *apierror.Error) {
	limits.WriteError(w, r, status, e)
}

// notFound answers an unknown path in GraphQL JSON, the language of every
// other answer of the API.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeGraphQLError(w, r, http.StatusNotFound, apierror.New(apierror.NotFound,
		"request.unknown_path", GraphQLPath))
}
