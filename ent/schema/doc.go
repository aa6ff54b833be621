// Package schema is the source of truth of the portal's data model: the ent
// schemas, with the entgql annotations that shape the GraphQL API and the
// privacy policies that decide who may read and write each record.
package schema
