package server

import (
	"net/http"

	"github.com/CAFxX/httpcompression"
)

// compress encodes responses as the client's Accept-Encoding asks (zstd,
// brotli, gzip or deflate, in the library's order of preference), above
// 200 bytes: GraphQL answers shrink 3 to 7 times, GraphiQL's script from
// 978 KB to about 250. WebSocket upgrades pass untouched (the connection
// is hijacked; messages have their own compression), and so would
// server-sent events, which must reach the client as they are written.
func compress(next http.Handler) http.Handler {
	adapter, err := httpcompression.DefaultAdapter(
		httpcompression.ContentTypes([]string{"text/event-stream"}, true),
	)
	if err != nil {
		panic("server: compression: " + err.Error()) // only for invalid options, fixed above
	}
	compressed := adapter(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isWebSocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		compressed.ServeHTTP(w, r)
	})
}
