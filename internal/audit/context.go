package audit

import "context"

type clientAddressKey struct{}

// WithClientAddress returns ctx carrying the address of the client that
// made the request, as the server established it.
func WithClientAddress(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddressKey{}, addr)
}

// ClientAddress returns the client address of ctx, or "".
func ClientAddress(ctx context.Context) string {
	addr, _ := ctx.Value(clientAddressKey{}).(string)
	return addr
}
