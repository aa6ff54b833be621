package migrations

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"  // PostgreSQL driver
	_ "modernc.org/sqlite" // SQLite driver
)

// DevDatabase opens an empty database of the dialect to plan migrations
// on: a temporary SQLite file, or a temporary database on the PostgreSQL
// server at serverURL (a database, not a schema: Atlas wants a clean
// server-side realm). The returned function drops it.
func DevDatabase(dialectName, serverURL string) (dialect.Driver, func(), error) {
	if dialectName == dialect.SQLite {
		tmp, err := os.MkdirTemp("", "portal-migrations-")
		if err != nil {
			return nil, nil, err
		}
		db, err := sql.Open("sqlite", "file:"+filepath.Join(tmp, "dev.db")+"?_pragma=foreign_keys(1)")
		if err != nil {
			return nil, nil, err
		}
		return entsql.OpenDB(dialect.SQLite, db), func() { db.Close(); os.RemoveAll(tmp) }, nil
	}
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		return nil, nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "portal_migrations_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("creating a development database: %w", err)
	}
	drop := func() { _, _ = admin.Exec("DROP DATABASE " + name + " WITH (FORCE)"); admin.Close() }
	u, err := url.Parse(serverURL)
	if err != nil {
		drop()
		return nil, nil, err
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		drop()
		return nil, nil, err
	}
	return entsql.OpenDB(dialect.Postgres, db), func() { db.Close(); drop() }, nil
}
