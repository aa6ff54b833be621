package limits

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// HTTP bounds GraphQL requests before the GraphQL engine reads them.
type HTTP struct {
	// MaxBodyBytes is the largest body accepted.
	MaxBodyBytes int64
	// Timeout bounds each request (WebSocket connections excepted: they
	// live long, and each of their operations is bounded by the engine).
	Timeout time.Duration
	// MaxUploadBytes is how much larger than MaxBodyBytes a multipart
	// request (a file upload) may be; 0 refuses multipart requests.
	MaxUploadBytes int64
}

// Middleware refuses bodies over the limit (413 REQUEST_TOO_LARGE) and
// POST requests that are not application/json (415
// UNSUPPORTED_MEDIA_TYPE): a browser sends form encodings and text/plain
// cross-origin without a CORS preflight, so refusing them closes CSRF.
// It bounds the request's duration and identifies the client for the
// rate limiter.
func (h HTTP) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &status{}
		ctx := context.WithValue(WithClient(r.Context(), r), statusKey{}, st)
		if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if r.Method == http.MethodPost {
			mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err == nil && mediaType == "multipart/form-data" && h.MaxUploadBytes > 0 {
				h.multipart(w, r.WithContext(ctx), st, next)
				return
			}
			if err != nil || mediaType != "application/json" {
				WriteError(w, r, http.StatusUnsupportedMediaType, apierror.New(UnsupportedMediaType,
					"request.json_only"))
				return
			}
		}
		if r.Body != nil && r.Body != http.NoBody {
			if r.ContentLength > h.MaxBodyBytes {
				h.tooLarge(w, r)
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, h.MaxBodyBytes+1))
			if int64(len(body)) > h.MaxBodyBytes {
				h.tooLarge(w, r)
				return
			}
			if err != nil {
				WriteError(w, r, http.StatusBadRequest, apierror.New(apierror.BadUserInput, "request.body_unreadable"))
				return
			}
			if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
				WriteError(w, r, http.StatusBadRequest, apierror.New(BatchNotSupported,
					"request.no_batch"))
				return
			}
			if r.Method == http.MethodPost && !wellFormed(body) {
				WriteError(w, r, http.StatusBadRequest, apierror.New(MalformedRequest, "request.malformed"))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ctx, cancel := context.WithTimeout(ctx, h.Timeout)
		defer cancel()
		next.ServeHTTP(&statusWriter{ResponseWriter: w, st: st}, r.WithContext(ctx))
	})
}

func (h HTTP) tooLarge(w http.ResponseWriter, r *http.Request) {
	WriteError(w, r, http.StatusRequestEntityTooLarge, apierror.New(RequestTooLarge,
		"request.too_large", h.MaxBodyBytes))
}

// multipart passes on a GraphQL multipart request (a file upload), bounded
// to MaxBodyBytes+MaxUploadBytes and streamed, not read into memory: the
// transport parses it. A form is a body a browser sends cross-origin
// without a preflight, so one is taken only with a bearer token, which no
// browser adds by itself: the Authorization header forces the preflight.
func (h HTTP) multipart(w http.ResponseWriter, r *http.Request, st *status, next http.Handler) {
	if r.Header.Get("Authorization") == "" {
		WriteError(w, r, http.StatusUnsupportedMediaType, apierror.New(UnsupportedMediaType, "request.multipart_needs_token"))
		return
	}
	limit := h.MaxBodyBytes + h.MaxUploadBytes
	if r.ContentLength > limit {
		WriteError(w, r, http.StatusRequestEntityTooLarge, apierror.New(RequestTooLarge, "request.too_large", limit))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	ctx, cancel := context.WithTimeout(r.Context(), h.Timeout)
	defer cancel()
	next.ServeHTTP(&statusWriter{ResponseWriter: w, st: st}, r.WithContext(ctx))
}

// status lets the GraphQL engine's extensions choose the HTTP status of
// the response (429 with Retry-After), which gqlgen's transports don't.
type status struct {
	mu         sync.Mutex
	code       int
	retryAfter int
}

type statusKey struct{}

func statusFrom(ctx context.Context) *status {
	st, _ := ctx.Value(statusKey{}).(*status)
	return st
}

func (s *status) set(code, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.code, s.retryAfter = code, retryAfter
}

// statusWriter applies the chosen status when the transport writes its own.
type statusWriter struct {
	http.ResponseWriter
	st    *status
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	w.st.mu.Lock()
	override, retryAfter := w.st.code, w.st.retryAfter
	w.st.mu.Unlock()
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(w.Header().Get("Content-Type"), LegacyJSON) {
		// gqlgen answers a document that fails to parse or validate 422;
		// GraphQL over HTTP asks 200 of application/json answers (their
		// clients read errors from the body), 400 of the newer type.
		code = http.StatusOK
	}
	if override != 0 {
		code = override
		if retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wellFormed reports whether body is the JSON object of a GraphQL request
// over HTTP, in valid UTF-8 (which the JSON decoder would silently replace).
func wellFormed(body []byte) bool {
	if !utf8.Valid(body) {
		return false
	}
	var params struct {
		Query         string         `json:"query"`
		OperationName string         `json:"operationName"`
		Variables     map[string]any `json:"variables"`
		Extensions    map[string]any `json:"extensions"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		return false
	}
	_, err := dec.Token()
	return err == io.EOF // nothing after the object
}
