// Package network owns the rules of a provider's partner network: the
// registration of partner organisations (shared between providers), the
// lifecycle of partner links and their dated history, the conventions
// signed on active links and their consumption, and the people a
// coordinator invites into partner organisations.
//
// Every step writes with the viewer's context, so the rules of
// package access apply, and checks its domain rules before its first
// write, so that a refused change writes nothing. Inside a GraphQL
// mutation it uses the request's transaction (database.ClientFor).
package network
