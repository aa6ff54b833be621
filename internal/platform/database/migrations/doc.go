// Package migrations holds the portal's versioned schema migrations, one
// directory per dialect (sqlite/, postgres/) in Atlas's format with its
// atlas.sum, generated from the ent schema by `go run ./cmd/migrations`;
// and the planner that generates them, also used by the test that fails
// when the files lag behind the schema.
package migrations
