package server

import (
	"context"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/internal/api/limits"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// graphQLMethods is the Allow header of /graphql: OPTIONS for CORS
// preflights, GET for queries (persisted ones only in production), POST.
const graphQLMethods = "GET, POST, OPTIONS"

// graphQLMethodsOnly answers 405 with Allow to any other method, where
// gqlgen would answer 400 "transport not supported" in plain text.
func graphQLMethodsOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodPost, http.MethodOptions:
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Allow", graphQLMethods)
			writeGraphQLError(w, r, http.StatusMethodNotAllowed, apierror.New(limits.MethodNotAllowed,
				"request.method_not_allowed", r.Method, GraphQLPath))
		}
	})
}

// getTransport is gqlgen's GET transport refusing, as the GraphQL over
// HTTP spec asks, any operation but a query with 405 and Allow: POST (a
// GET must be safe: links and images cannot write). With persistedOnly
// (production), GET serves only persisted queries named by their hash:
// query text over GET is what cross-site requests and caches see.
type getTransport struct {
	transport.GET
	persistedOnly bool
}

var _ graphql.Transport = getTransport{}

// Do implements graphql.Transport.
func (t getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if t.persistedOnly && r.URL.Query().Get("query") != "" {
		w.Header().Set("Allow", "POST")
		writeGraphQLError(w, r, http.StatusMethodNotAllowed, apierror.New(limits.MethodNotAllowed,
			"request.get_persisted_only"))
		return
	}
	mw := &methodWriter{ResponseWriter: w}
	t.GET.Do(mw, r, queriesOnly{GraphExecutor: exec, w: mw})
}

// queriesOnly refuses, once the operation is known (after persisted
// queries resolved it), a mutation or subscription sent by GET.
type queriesOnly struct {
	graphql.GraphExecutor
	w *methodWriter
}

// CreateOperationContext implements graphql.GraphExecutor.
func (q queriesOnly) CreateOperationContext(ctx context.Context, params *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	oc, errs := q.GraphExecutor.CreateOperationContext(ctx, params)
	if errs != nil || oc.Operation == nil || oc.Operation.Operation == ast.Query {
		return oc, errs
	}
	q.w.Header().Set("Allow", "POST")
	q.w.status = http.StatusMethodNotAllowed
	return oc, gqlerror.List{{
		Message:    "une " + operationWord(oc.Operation.Operation) + " ne peut pas être envoyée en GET : utilisez POST",
		Extensions: map[string]any{"code": string(limits.MethodNotAllowed)},
	}}
}

func operationWord(op ast.Operation) string {
	if op == ast.Subscription {
		return "souscription"
	}
	return "mutation"
}

// methodWriter replaces the status the GET transport writes once the
// operation has been refused.
type methodWriter struct {
	http.ResponseWriter
	status int
}

func (w *methodWriter) WriteHeader(code int) {
	if w.status != 0 {
		code = w.status
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *methodWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
