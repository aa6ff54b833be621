// Package portal is the root of the partner-network portal. Its only job is
// to order code generation: ent (with entgql) first, then gqlgen.
package portal

//go:generate go run -mod=mod ./ent/entc.go
//go:generate go run -mod=mod ./graph/gqlgen.go
