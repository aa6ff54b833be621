package limits

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Extension measures every operation after validation and before
// execution, refuses those over the limits, charges the cost to the
// client's rate limiter, and reports the cost in the response's
// `extensions.cost`.
type Extension struct {
	MaxDepth, MaxAliases int
	MaxCost              int64
	// DefaultPageSize is what a connection asked without first/last returns.
	DefaultPageSize int
	// Limiter charges costs per client; nil disables rate limiting.
	Limiter *Limiter
	// Inputs bounds the operation's arguments.
	Inputs Inputs
}

var (
	_ graphql.HandlerExtension        = Extension{}
	_ graphql.OperationContextMutator = Extension{}
	_ graphql.ResponseInterceptor     = Extension{}
	_ graphql.OperationInterceptor    = Extension{}
)

// statsKey is where the measure is kept on the operation's stats.
const statsKey = "portal.limits"

// ExtensionName implements graphql.HandlerExtension.
func (Extension) ExtensionName() string { return "PortalLimits" }

// Validate implements graphql.HandlerExtension.
func (Extension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (e Extension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if err := e.Inputs.check(ctx, oc.Doc, oc.Variables); err != nil {
		return err
	}
	m := MeasureOperation(oc.Doc, oc.Operation, oc.Variables, e.DefaultPageSize)
	oc.Stats.SetExtension(statsKey, m)
	switch {
	case m.Depth > e.MaxDepth:
		return refusal(ctx, QueryTooDeep, i18n.T("limits.too_deep", m.Depth, e.MaxDepth),
			"depth", int64(m.Depth), int64(e.MaxDepth))
	case m.Aliases > e.MaxAliases:
		return refusal(ctx, TooManyAliases, i18n.T("limits.too_many_aliases", m.Aliases, e.MaxAliases),
			"aliases", int64(m.Aliases), int64(e.MaxAliases))
	case m.Cost > e.MaxCost:
		return refusal(ctx, QueryTooCostly, i18n.T("limits.too_costly", m.Cost, e.MaxCost),
			"cost", m.Cost, e.MaxCost)
	}
	// The document itself was charged before parsing (see Documents).
	if m.Cost == 0 {
		return nil
	}
	if wait, ok := e.Limiter.Charge(ctx, m.Cost); !ok {
		return rateLimited(ctx, wait, m.Cost, e.MaxCost)
	}
	return nil
}

// rateLimited is the RATE_LIMITED refusal, with when to retry.
func rateLimited(ctx context.Context, wait time.Duration, requested, limit int64) *gqlerror.Error {
	seconds := retryAfterSeconds(wait)
	err := refusal(ctx, RateLimited, i18n.T("limits.rate_limited", seconds), "cost", requested, limit)
	err.Extensions["retryAfter"] = seconds
	return err
}

// InterceptResponse implements graphql.ResponseInterceptor: every
// response tells the client what its operation cost.
func (e Extension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if graphql.HasOperationContext(ctx) {
		if m, ok := graphql.GetOperationContext(ctx).Stats.GetExtension(statsKey).(Measure); ok {
			graphql.RegisterExtension(ctx, "cost", costReport(m.Cost, e.MaxCost))
		}
	}
	return next(ctx)
}

// InterceptOperation implements graphql.OperationInterceptor. gqlgen
// answers an operation whose context has ended with no response at all
// (the JSON `null` over HTTP); a query or mutation that ran out of time
// gets a clear UNAVAILABLE error instead. Subscriptions keep gqlgen's
// behaviour: there, no response means the end of the stream.
func (Extension) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	handler := next(ctx)
	if oc := graphql.GetOperationContext(ctx); oc.Operation == nil || oc.Operation.Operation == ast.Subscription {
		return handler
	}
	return func(ctx context.Context) *graphql.Response {
		if resp := handler(ctx); resp != nil || ctx.Err() == nil {
			return resp
		}
		return &graphql.Response{Errors: gqlerror.List{tooLong(ctx)}}
	}
}

func costReport(requested, limit int64) map[string]any {
	return map[string]any{"requested": requested, "limit": limit}
}

// tooLong is the UNAVAILABLE error of an operation out of time.
func tooLong(ctx context.Context) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    i18n.T("error.too_long").In(i18n.FromContext(ctx)),
		Extensions: map[string]any{"code": string(apierror.Unavailable)},
	}
}

// refusal is a GraphQL error with its code, its message in the request's
// language and the measure that failed, e.g.
// {"code": "QUERY_TOO_COSTLY", "cost": {"requested": 1010100, "limit": 20000}}.
// The message is worded here: gqlgen shows these errors as they are.
func refusal(ctx context.Context, code apierror.Code, message i18n.Message, measure string, requested, limit int64) *gqlerror.Error {
	return &gqlerror.Error{
		Message: message.In(i18n.FromContext(ctx)),
		Extensions: map[string]any{
			"code":  string(code),
			measure: costReport(requested, limit),
		},
	}
}
