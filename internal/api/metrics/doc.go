// Package metrics exposes the portal's Prometheus metrics: HTTP requests,
// GraphQL operations (count and latency per operation name), errors by
// code, and the database connection pool.
package metrics
