package audit

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// Trail is the gqlgen extension that writes the events of a GraphQL
// operation in one INSERT at its end. Added after entgql's Transactioner,
// it runs inside a mutation's transaction: the change and its trace
// commit together, and if the trace cannot be written the response is an
// error (the change is rolled back, the data is not shown).
type Trail struct {
	// Client writes the events of queries; mutations use their
	// transaction.
	Client *ent.Client
	// Logger receives the errors that made a response fail.
	Logger *slog.Logger
}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = Trail{}

// ExtensionName implements graphql.HandlerExtension.
func (Trail) ExtensionName() string { return "AuditTrail" }

// Validate implements graphql.HandlerExtension.
func (Trail) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse implements graphql.ResponseInterceptor.
func (t Trail) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	b := &buffer{}
	ctx = context.WithValue(ctx, bufferKey{}, b)
	rsp := next(ctx)
	b.mu.Lock()
	entries := b.entries
	b.entries = nil
	b.mu.Unlock()
	if err := write(ctx, database.ClientFor(ctx, t.Client), entries); err != nil {
		t.Logger.ErrorContext(ctx, "audit trail not written", "request_id", requestid.FromContext(ctx), "error", err)
		return &graphql.Response{Errors: gqlerror.List{{
			Message:    "the audit trail could not be written; nothing was shown or changed",
			Extensions: map[string]any{"code": "UNAVAILABLE"},
		}}}
	}
	return rsp
}
