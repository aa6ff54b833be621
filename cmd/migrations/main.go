// Command migrations generates the portal's versioned migrations from the
// ent schema, for SQLite and PostgreSQL, after a schema change:
//
//	go run ./cmd/migrations -name add_foo
//
// It replays the committed migrations of each dialect on an empty
// development database (a temporary SQLite file; a temporary database
// on the PostgreSQL server named by -dev, the local one by default), compares
// the result with the ent schema and writes the difference as a new
// migration file under internal/platform/database/migrations/<dialect>, with atlas.sum
// updated. It writes nothing when the files are up to date. Run it from
// the module root.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/internal/platform/database/migrations"
)

func main() {
	name := flag.String("name", "", "name of the new migration, e.g. add_foo (required)")
	dev := flag.String("dev", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
		"PostgreSQL server on which a temporary development database is created and dropped")
	only := flag.String("dialect", "", "generate for one dialect only: sqlite or postgres")
	rehash := flag.Bool("rehash", false, "rewrite atlas.sum after a migration file was edited by hand, instead of generating")
	flag.Parse()
	if *rehash {
		for _, d := range []string{dialect.SQLite, dialect.Postgres} {
			if *only != "" && *only != d {
				continue
			}
			if err := rehashDir(migrations.Path(d)); err != nil {
				fmt.Fprintf(os.Stderr, "migrations (%s): %v\n", d, err)
				os.Exit(1)
			}
		}
		return
	}
	if *name == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/migrations -name add_foo [-dev postgres://...] [-dialect sqlite|postgres] | -rehash")
		os.Exit(2)
	}
	ctx := context.Background()
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		if *only != "" && *only != d {
			continue
		}
		if err := generate(ctx, d, *name, *dev); err != nil {
			fmt.Fprintf(os.Stderr, "migrations (%s): %v\n", d, err)
			os.Exit(1)
		}
	}
}

func generate(ctx context.Context, dialectName, name, devURL string) error {
	path := migrations.Path(dialectName)
	if err := os.MkdirAll(path, 0o755); err != nil {
		return err
	}
	dir, err := migrate.NewLocalDir(path)
	if err != nil {
		return err
	}
	before, _ := dir.Files()
	drv, cleanup, err := migrations.DevDatabase(dialectName, devURL)
	if err != nil {
		return err
	}
	defer cleanup()
	if err := migrations.Plan(ctx, drv, dir, name); err != nil {
		return err
	}
	after, _ := dir.Files()
	if len(after) == len(before) {
		fmt.Printf("%s: up to date\n", path)
	} else {
		fmt.Printf("%s: wrote %s\n", path, after[len(after)-1].Name())
	}
	return nil
}

// rehashDir rewrites the atlas.sum of the migrations at path: after a
// generated file was edited by hand (an SQLite ALTER in place of a table
// copy, say), atlas refuses the directory until its sum matches.
func rehashDir(path string) error {
	dir, err := migrate.NewLocalDir(path)
	if err != nil {
		return err
	}
	sum, err := dir.Checksum()
	if err != nil {
		return err
	}
	return migrate.WriteSumFile(dir, sum)
}
