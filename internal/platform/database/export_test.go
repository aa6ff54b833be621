package database

import (
	"context"

	"ariga.io/atlas/sql/migrate"

	"github.com/reseau-liens/portal/internal/platform/database/migrations"
)

// ApplyUpTo applies the built-in migrations up to version included, as a
// portal of that version would have, for tests of the migrations after it.
func (db *DB) ApplyUpTo(ctx context.Context, version string) ([]string, error) {
	all, err := migrations.Dir(db.Dialect)
	if err != nil {
		return nil, err
	}
	files, err := all.Files()
	if err != nil {
		return nil, err
	}
	dir := &migrate.MemDir{}
	for _, f := range files {
		if f.Version() <= version {
			if err := dir.WriteFile(f.Name(), f.Bytes()); err != nil {
				return nil, err
			}
		}
	}
	sum, err := dir.Checksum()
	if err != nil {
		return nil, err
	}
	if err := migrate.WriteSumFile(dir, sum); err != nil {
		return nil, err
	}
	return db.apply(ctx, dir)
}
