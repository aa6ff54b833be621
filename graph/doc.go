// Package graph holds the gqlgen resolvers of the portal's GraphQL API and
// the generated executable schema. Resolvers are thin: they hand over to ent
// (whose privacy policies filter every read) and to the domain packages.
package graph
