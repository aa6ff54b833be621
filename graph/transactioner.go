package graph

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Transactioner runs each mutation in one transaction and commits it when,
// and only when, the mutation's own answer says it was done.
//
// An operation carries one mutation field (see MutateOperationContext):
// its transaction is the mutation's. The payload is resolved inside that
// transaction, before the commit, so its fields read what the mutation
// wrote, through the same privacy rules as any read. Then:
//
//   - the mutation field's resolver returned an error, no payload, or a
//     payload whose errors list is not empty: roll back;
//   - an INTERNAL or UNAVAILABLE error anywhere in the response (a field
//     of the payload that failed, the audit trail that could not be
//     written), or a serialization failure: roll back;
//   - otherwise commit, even when a field of the payload is refused to
//     the viewer: that field is null with FORBIDDEN (or NOT_FOUND) at its
//     path, the write is done and the payload says so.
//
// A failure to open or commit the transaction goes through the error
// presenter (unlike entgql's, which puts the driver's message in the
// response), and a mutation aborted by a serialization failure or a
// deadlock is run again, whole, up to database.MaxAttempts times.
type Transactioner struct {
	TxOpener entgql.TxOpener
}

var (
	_ graphql.HandlerExtension        = Transactioner{}
	_ graphql.OperationContextMutator = Transactioner{}
	_ graphql.OperationInterceptor    = Transactioner{}
	_ graphql.ResponseInterceptor     = Transactioner{}
	_ graphql.FieldInterceptor        = Transactioner{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Transactioner) ExtensionName() string { return "PortalTransactioner" }

// Validate implements graphql.HandlerExtension.
func (t Transactioner) Validate(graphql.ExecutableSchema) error {
	if t.TxOpener == nil {
		return fmt.Errorf("graph: transactioner without a TxOpener")
	}
	return nil
}

func isMutation(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	return op != nil && op.Operation == ast.Mutation
}

// MutateOperationContext refuses a mutation operation that selects more
// than one mutation field: in one transaction, a second one failing would
// undo the first while its answer says done. It runs the resolvers of a
// mutation one at a time: they share one transaction, which is not safe
// for concurrent use.
func (Transactioner) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
	}
	if len(mutationFields(oc)) > 1 {
		return &gqlerror.Error{
			Message:    i18n.T("error.one_mutation").In(i18n.FromContext(ctx)),
			Extensions: map[string]any{"code": string(apierror.BadUserInput)},
		}
	}
	previous := oc.ResolverMiddleware
	var mu sync.Mutex
	oc.ResolverMiddleware = func(ctx context.Context, next graphql.Resolver) (any, error) {
		mu.Lock()
		defer mu.Unlock()
		return previous(ctx, next)
	}
	return nil
}

// mutationFields lists the root fields of a mutation operation, once
// @skip and @include are applied, __typename aside.
func mutationFields(oc *graphql.OperationContext) []graphql.CollectedField {
	var out []graphql.CollectedField
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{"Mutation"}) {
		if f.Name != "__typename" {
			out = append(out, f)
		}
	}
	return out
}

// done records that the mutation field of a run reported success.
type done struct{ ok atomic.Bool }

type doneKey struct{}

// InterceptField notes whether the mutation field's resolver succeeded:
// no error and a payload without user errors. The payload's own fields
// are resolved after it returns and do not count.
// The field context, the context's latest value, is checked first: this
// runs for every field of every query, and looking for doneKey, absent
// from a query, walks the context's whole chain.
func (Transactioner) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	if fc := graphql.GetFieldContext(ctx); fc == nil || fc.Object != "Mutation" {
		return next(ctx)
	}
	res, err := next(ctx)
	if d, ok := ctx.Value(doneKey{}).(*done); ok {
		d.ok.Store(err == nil && isPayload(res) && !hasUserErrors(res))
	}
	return res, err
}

var userErrorsType = reflect.TypeFor[[]*apierror.Error]()

// isPayload reports whether res is a payload, a non-nil pointer to a
// struct.
func isPayload(res any) bool {
	v := reflect.ValueOf(res)
	return v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct
}

// hasUserErrors reports whether a payload's Errors (the UserError list
// every payload of the schema carries) is not empty.
func hasUserErrors(payload any) bool {
	f := reflect.ValueOf(payload).Elem().FieldByName("Errors")
	return f.IsValid() && f.Type() == userErrorsType && f.Len() > 0
}

// attempt records whether the transaction of one run of a mutation was
// aborted in a way that running it again can cure.
type attempt struct{ retry atomic.Bool }

type attemptKey struct{}

// noteRetryable marks the current attempt for a rerun when err is a
// serialization failure or a deadlock; the error presenter calls it, as
// it sees every resolver error.
func noteRetryable(ctx context.Context, err error) {
	if a, ok := ctx.Value(attemptKey{}).(*attempt); ok && database.IsSerializationFailure(err) {
		a.retry.Store(true)
	}
}

// InterceptOperation runs a mutation again when its transaction was
// aborted by a concurrent one. Each run starts from scratch: nothing of
// the aborted one was committed.
func (Transactioner) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if !isMutation(ctx) {
		return next(ctx)
	}
	done := false
	return func(ctx context.Context) *graphql.Response {
		if done {
			return nil
		}
		done = true
		for n := 1; ; n++ {
			a := &attempt{}
			actx := context.WithValue(ctx, attemptKey{}, a)
			resp := next(actx)(actx)
			if !a.retry.Load() || n == database.MaxAttempts {
				return resp
			}
			if database.Backoff(ctx, n) != nil {
				return resp
			}
		}
	}
}

// InterceptResponse runs a mutation in a transaction, committed when the
// mutation reported success and the response has no INTERNAL or
// UNAVAILABLE error (see Transactioner).
func (t Transactioner) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !isMutation(ctx) {
		return next(ctx)
	}
	txCtx, tx, err := t.TxOpener.OpenTx(ctx)
	if err != nil {
		return failed(ctx, fmt.Errorf("opening the transaction of a mutation: %w", err))
	}
	defer func() {
		if r := recover(); r != nil {
			_ = tx.Rollback()
			panic(r)
		}
	}()
	d := &done{}
	rsp := next(context.WithValue(txCtx, doneKey{}, d))
	if rsp == nil || !d.ok.Load() || retrying(ctx) || hasFailure(rsp.Errors) {
		_ = tx.Rollback()
		return rsp
	}
	if err := tx.Commit(); err != nil {
		return failed(ctx, fmt.Errorf("committing the transaction of a mutation: %w", err))
	}
	return rsp
}

// retrying reports whether the current run of a mutation is marked for a
// rerun (see noteRetryable).
func retrying(ctx context.Context) bool {
	a, ok := ctx.Value(attemptKey{}).(*attempt)
	return ok && a.retry.Load()
}

// hasFailure reports whether errs holds an error of the portal rather
// than of the request: INTERNAL or UNAVAILABLE.
func hasFailure(errs gqlerror.List) bool {
	for _, e := range errs {
		switch e.Extensions["code"] {
		case string(apierror.Internal), string(apierror.Unavailable):
			return true
		}
	}
	return false
}

// failed answers with err through the error presenter (logged, shown as
// UNAVAILABLE or INTERNAL with the request ID).
func failed(ctx context.Context, err error) *graphql.Response {
	graphql.AddError(ctx, err)
	return &graphql.Response{Errors: graphql.GetErrors(ctx)}
}
