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
	if err := distinctVersions(dir); err != nil {
		return nil, fmt.Errorf("migrations: %s: %w", dialectName, err)
	}
	return dir, nil
}

// distinctVersions refuses two files of one version: the revisions table
// records a version once, so the second file would be taken as applied
// and never run (two branches generating migrations in the same second).
func distinctVersions(dir migrate.Dir) error {
	files, err := dir.Files()
	if err != nil {
		return err
	}
	seen := map[string]string{}
	for _, f := range files {
		if other, ok := seen[f.Version()]; ok {
			return fmt.Errorf("%s and %s share the version %s: rename the later one", other, f.Name(), f.Version())
		}
		seen[f.Version()] = f.Name()
	}
	return nil
}
