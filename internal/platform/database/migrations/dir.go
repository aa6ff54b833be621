package migrations

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
)

//go:embed all:sqlite all:postgres
var files embed.FS

// Path is where the migration files of a dialect live, relative to the
// module root (for the generator, which writes them).
func Path(dialectName string) string {
	return "internal/platform/database/migrations/" + folder(dialectName)
}

func folder(dialectName string) string {
	if dialectName == dialect.Postgres {
		return "postgres"
	}
	return "sqlite"
}

// Dir returns the migrations of a dialect built into the binary,
// checked against their atlas.sum.
func Dir(dialectName string) (migrate.Dir, error) {
	sub, err := fs.Sub(files, folder(dialectName))
	if err != nil {
		return nil, err
	}
	dir := &migrate.MemDir{}
	entries, err := fs.ReadDir(sub, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // .keep, so that an empty folder still embeds
		}
		data, err := fs.ReadFile(sub, e.Name())
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(e.Name(), data); err != nil {
			return nil, err
		}
	}
	if err := migrate.Validate(dir); err != nil {
		return nil, fmt.Errorf("migrations: the %s migration files do not match their atlas.sum: %w", dialectName, err)
	}
	return dir, nil
}
