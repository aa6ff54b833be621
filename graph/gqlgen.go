//go:build ignore

// gqlgen generates the GraphQL executor (graph/generated.go) and models
// from gqlgen.yml. Run from the module root by `go generate` (see
// generate.go), after entc.
package main

import (
	"log"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	cfg, err := config.LoadConfig("gqlgen.yml")
	if err != nil {
		log.Fatalf("loading gqlgen.yml: %v", err)
	}
	if err := api.Generate(cfg, api.AddPlugin(sequentialFields{})); err != nil {
		log.Fatalf("running gqlgen: %v", err)
	}
}

// sequentialFields resolves the fields of an object one after the other.
//
// By default gqlgen starts a goroutine for every field whose resolver
// takes a context, for every object of a page: a families page of 100
// starts hundreds. The portal's resolvers never wait on each other: ent
// loads the edges with the page (eager loading) and the per-page figures
// come from batch loaders that do not depend on concurrency (package
// batchload). The goroutines only add scheduling and stack growth.
type sequentialFields struct{}

func (sequentialFields) Name() string { return "sequentialfields" }

func (sequentialFields) GenerateCode(data *codegen.Data) error {
	for _, object := range data.Objects {
		object.DisableConcurrency = true
	}
	return nil
}
