package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"regexp"
	"strconv"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Metrics holds the portal's collectors, in a registry of its own (so
// that two servers in one process, as in tests, don't collide).
type Metrics struct {
	registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	operations *prometheus.HistogramVec
	errors     *prometheus.CounterVec

	mu    sync.Mutex
	names map[string]bool
}

// maxOperationNames bounds the label values taken from client-chosen
// operation names; later names are counted as "other".
const maxOperationNames = 200

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// New registers the collectors, including the statistics of pool.
func New(pool *sql.DB) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_http_requests_total",
			Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		operations: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "portal_graphql_operation_duration_seconds",
			Help:    "GraphQL operations by operation name and type, with their latency.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"operation", "type"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_graphql_errors_total",
			Help: "GraphQL errors by code (extensions.code).",
		}, []string{"code"}),
		names: map[string]bool{},
	}
	m.registry.MustRegister(m.requests, m.operations, m.errors,
		collectors.NewDBStatsCollector(pool, "portal"),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Middleware counts requests to route by status code.
func (m *Metrics) Middleware(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		m.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
	})
}

type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// label returns the label value for an operation name.
func (m *Metrics) label(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.names[name] {
		if len(m.names) >= maxOperationNames {
			return "other"
		}
		m.names[name] = true
	}
	return name
}

// Extension is the gqlgen extension recording operations and errors.
func (m *Metrics) Extension() graphql.HandlerExtension { return extension{m} }

type extension struct{ m *Metrics }

var _ graphql.ResponseInterceptor = extension{}

// ExtensionName implements graphql.HandlerExtension.
func (extension) ExtensionName() string { return "PortalMetrics" }

// Validate implements graphql.HandlerExtension.
func (extension) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse implements graphql.ResponseInterceptor.
func (e extension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	elapsed := clock.StartStopwatch()
	resp := next(ctx)
	name, typ := "", "unknown"
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		name = oc.OperationName
		if oc.Operation != nil {
			typ = string(oc.Operation.Operation)
			if name == "" {
				name = oc.Operation.Name
			}
		}
		if !oc.Stats.OperationStart.IsZero() {
			elapsed = clock.StopwatchFrom(oc.Stats.OperationStart)
		}
	}
	e.m.operations.WithLabelValues(e.m.label(name), typ).Observe(elapsed.Elapsed().Seconds())
	if resp != nil {
		for _, err := range resp.Errors {
			code, _ := err.Extensions["code"].(string)
			if code == "" {
				code = "UNKNOWN"
			}
			e.m.errors.WithLabelValues(code).Inc()
		}
	}
	return resp
}
