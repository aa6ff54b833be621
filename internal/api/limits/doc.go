// Package limits protects the portal from heavy or hostile requests. It
// owns the gqlgen extension that measures every operation before it runs
// (field depth, aliases, and a cost computed from the requested page
// sizes, as the large public GraphQL APIs do) and charges that cost to a
// per-client token bucket; and the HTTP middleware that bounds request
// bodies and durations and refuses the content types a browser form can
// send without a CORS preflight. Every refusal happens before the
// database is touched and carries a stable code.
package limits
