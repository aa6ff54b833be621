package audit

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// Trail is the gqlgen extension that writes the audit events of a GraphQL
// operation in one INSERT at its end: a query's read log (one event per
// provider whose files it read) and the accesses refused. Added before
// the Transactioner, it writes a mutation's refusals after the
// transaction, which a refusal rolls back; the mutation's own reads and
// writes are TransactionTrail's. If the events cannot be written, the
// response is an error (the data is not shown).
type Trail struct {
	// Client writes the events.
	Client *ent.Client
	// Logger receives the errors that made a response fail.
	Logger *slog.Logger
}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
	graphql.FieldInterceptor
} = Trail{}

// ExtensionName implements graphql.HandlerExtension.
func (Trail) ExtensionName() string { return "AuditTrail" }

// Validate implements graphql.HandlerExtension.
func (Trail) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse implements graphql.ResponseInterceptor.
func (t Trail) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	b, r := &buffer{}, &refusals{}
	ctx = context.WithValue(context.WithValue(ctx, bufferKey{}, b), refusalsKey{}, r)
	rsp := next(ctx)
	entries := b.take()
	refused, err := r.entries(ctx, t.Client)
	if err == nil {
		err = write(ctx, t.Client, append(entries, refused...), b.known())
	}
	if err != nil {
		return failed(ctx, t.Logger, err)
	}
	return rsp
}

// InterceptField notes a mutation refused in its payload (a FORBIDDEN or
// NOT_FOUND user error), which no error presenter sees.
func (Trail) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Object == "Mutation" && refusedUserErrors(res) {
		NoteRefused(ctx)
	}
	return res, err
}

// TransactionTrail writes a mutation's events (its writes, and what it
// read) in its transaction, in one INSERT at its end: added after the
// Transactioner, the change and its trace commit together, and if the
// trace cannot be written the response is an error and the change is
// rolled back.
type TransactionTrail struct {
	// Client is the client the transaction was opened from.
	Client *ent.Client
	// Logger receives the errors that made a response fail.
	Logger *slog.Logger
}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = TransactionTrail{}

// ExtensionName implements graphql.HandlerExtension.
func (TransactionTrail) ExtensionName() string { return "AuditTransactionTrail" }

// Validate implements graphql.HandlerExtension.
func (TransactionTrail) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse implements graphql.ResponseInterceptor.
func (t TransactionTrail) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) || graphql.GetOperationContext(ctx).Operation == nil ||
		graphql.GetOperationContext(ctx).Operation.Operation != ast.Mutation {
		return next(ctx)
	}
	b := &buffer{}
	ctx = context.WithValue(ctx, bufferKey{}, b)
	rsp := next(ctx)
	if err := write(ctx, database.ClientFor(ctx, t.Client), b.take(), b.known()); err != nil {
		return failed(ctx, t.Logger, err)
	}
	return rsp
}

func failed(ctx context.Context, logger *slog.Logger, err error) *graphql.Response {
	logger.ErrorContext(ctx, "audit trail not written", "request_id", requestid.FromContext(ctx), "error", err)
	return &graphql.Response{Errors: gqlerror.List{{
		Message:    i18n.T("error.audit_unwritten").In(i18n.FromContext(ctx)),
		Extensions: map[string]any{"code": "UNAVAILABLE"},
	}}}
}
