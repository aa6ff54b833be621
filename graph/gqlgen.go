//go:build ignore

// gqlgen generates the GraphQL executor (graph/generated.go) and models
// from gqlgen.yml. Run from the module root by `go generate` (see
// generate.go), after entc.
package main

import (
	"bytes"
	"log"
	"os"

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
	if err := marshalListsInTurn(cfg.Exec.Filename); err != nil {
		log.Fatalf("marshalling lists in turn: %v", err)
	}
}

// marshalListsInTurn makes the executor marshal lists with the portal's
// marshalInTurn (graph/marshal_in_turn.go), of the same signature as
// gqlgen's MarshalSliceConcurrently, which gqlgen's templates call for
// every list of objects whatever the configuration.
func marshalListsInTurn(filename string) error {
	src, err := os.ReadFile(filename)
	if err != nil {
		return err
	}
	call := []byte("graphql.MarshalSliceConcurrently(")
	if !bytes.Contains(src, call) {
		log.Fatalf("%s: gqlgen no longer calls %s: see graph/marshal_in_turn.go", filename, call)
	}
	return os.WriteFile(filename, bytes.ReplaceAll(src, call, []byte("marshalInTurn(")), 0o644)
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
