package server

import (
	"bytes"
	"net/http"
	"strconv"
)

// publicMaxAge is how long a browser may keep an anonymous GraphQL
// answer read by GET: the public catalogue, where a minute's staleness
// (free seats included) is acceptable.
const publicMaxAge = 60

// noStore keeps every answer to an authenticated request out of every
// cache (a shared one would hand a family's file to the next person),
// and every answer of /graphql but anonymous, successful GET reads.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" || (r.URL.Path == GraphQLPath && r.Method != http.MethodGet) {
			w.Header().Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// publicReads lets the browser alone (private) keep, for publicMaxAge,
// an anonymous GET of /graphql answered 200 without errors: the answer
// is buffered (gqlgen writes it whole anyway) to see whether it has
// errors, which are not kept (an UNAVAILABLE must not last a minute).
func publicReads(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.Header.Get("Authorization") != "" || isWebSocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		buf := &bufferedAnswer{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(buf, r)
		cacheable := buf.status == http.StatusOK && !bytes.Contains(buf.body.Bytes(), []byte(`"errors"`))
		if cacheable {
			w.Header().Set("Cache-Control", "private, max-age="+strconv.Itoa(publicMaxAge))
		} else {
			w.Header().Set("Cache-Control", "no-store")
		}
		w.Header().Add("Vary", "Authorization")
		w.Header().Add("Vary", "Accept")
		w.WriteHeader(buf.status)
		_, _ = w.Write(buf.body.Bytes())
	})
}

// bufferedAnswer holds an answer until its handler returns.
type bufferedAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (b *bufferedAnswer) Header() http.Header { return b.header }

func (b *bufferedAnswer) WriteHeader(code int) {
	if !b.wrote {
		b.status, b.wrote = code, true
	}
}

func (b *bufferedAnswer) Write(p []byte) (int, error) {
	b.wrote = true
	return b.body.Write(p)
}
