package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// socketRecheck checks a socket's token before each operation sent over
// it (gqlgen's websocket has no hook of its own per message): a token
// revoked since the last check runs nothing, the client is told why, then
// the socket closes.
type socketRecheck struct {
	present graphql.ErrorPresenterFunc
}

var (
	_ graphql.HandlerExtension     = socketRecheck{}
	_ graphql.OperationInterceptor = socketRecheck{}
)

// ExtensionName implements graphql.HandlerExtension.
func (socketRecheck) ExtensionName() string { return "PortalSocketRecheck" }

// Validate implements graphql.HandlerExtension.
func (socketRecheck) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation implements graphql.OperationInterceptor.
func (s socketRecheck) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	g := guardFrom(ctx)
	if g == nil {
		return next(ctx)
	}
	e := g.check(ctx)
	if e == nil {
		return next(ctx)
	}
	sent := false
	return func(ctx context.Context) *graphql.Response {
		if !sent {
			sent = true
			return &graphql.Response{Errors: gqlerror.List{s.present(ctx, e)}}
		}
		// The refusal is written: now the socket may close.
		if e.Code != apierror.Unavailable {
			g.close(ctx, e)
		}
		return nil
	}
}
