//go:build ignore

// gqlgen generates the GraphQL executor (graph/generated.go) and models
// from gqlgen.yml. Run from the module root by `go generate` (see
// generate.go), after entc.
package main

import (
	"bytes"
	"fmt"
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
	if err := rewriteExecutor(cfg.Exec.Filename); err != nil {
		log.Fatalf("rewriting the executor: %v", err)
	}
}

// executorRewrites are what the portal changes in the executor gqlgen
// writes, whatever its configuration, where its templates do work a page
// does not need. Each must match, or gqlgen has changed: see them again.
var executorRewrites = []struct{ old, new, why string }{
	{
		// A goroutine per element of every list of objects, even when
		// worker_limit lets one run at a time. marshalInTurn
		// (graph/marshal_in_turn.go) has the same signature.
		old: "graphql.MarshalSliceConcurrently(",
		new: "marshalInTurn(",
		why: "lists marshalled in turn",
	},
	{
		// Every object builds a group for its @defer fields (its path, a
		// field set, a map). Only fields resolved concurrently are ever
		// deferred, and sequentialFields leaves none: the zero group,
		// always empty, does.
		old: "deferred := graphql.NewDeferredGroup(ctx)",
		new: "var deferred graphql.DeferredGroup",
		why: "no @defer group per object",
	},
}

// rewriteExecutor applies executorRewrites to the executor.
func rewriteExecutor(filename string) error {
	src, err := os.ReadFile(filename)
	if err != nil {
		return err
	}
	if bytes.Contains(src, []byte("&deferred")) {
		return fmt.Errorf("%s: a field is resolved concurrently, and may be deferred: see sequentialFields", filename)
	}
	for _, r := range executorRewrites {
		if !bytes.Contains(src, []byte(r.old)) {
			return fmt.Errorf("%s: no %q any more (%s): see graph/gqlgen.go", filename, r.old, r.why)
		}
		src = bytes.ReplaceAll(src, []byte(r.old), []byte(r.new))
	}
	return os.WriteFile(filename, src, 0o644)
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
