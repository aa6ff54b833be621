package graph

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/database"
)

// Transactioner runs each mutation in one transaction, like
// entgql.Transactioner, with two differences: a failure to open or commit
// the transaction goes through the error presenter (entgql's puts the
// driver's message in the response), and a mutation aborted by a
// serialization failure or a deadlock is run again, whole, up to
// database.MaxAttempts times.
type Transactioner struct {
	TxOpener entgql.TxOpener
}

var (
	_ graphql.HandlerExtension        = Transactioner{}
	_ graphql.OperationContextMutator = Transactioner{}
	_ graphql.OperationInterceptor    = Transactioner{}
	_ graphql.ResponseInterceptor     = Transactioner{}
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

// MutateOperationContext runs the resolvers of a mutation one at a time:
// they share one transaction, which is not safe for concurrent use.
func (Transactioner) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
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
// response has no error.
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
	rsp := next(txCtx)
	if rsp == nil || len(rsp.Errors) > 0 {
		_ = tx.Rollback()
		return rsp
	}
	if err := tx.Commit(); err != nil {
		return failed(ctx, fmt.Errorf("committing the transaction of a mutation: %w", err))
	}
	return rsp
}

// failed answers with err through the error presenter (logged, shown as
// UNAVAILABLE or INTERNAL with the request ID).
func failed(ctx context.Context, err error) *graphql.Response {
	graphql.AddError(ctx, err)
	return &graphql.Response{Errors: graphql.GetErrors(ctx)}
}
