// Package server wires the portal's HTTP surface: the GraphQL endpoint
// (with its transports, extensions and authentication), GraphiQL, health
// and readiness probes, and the published SDL.
package server
