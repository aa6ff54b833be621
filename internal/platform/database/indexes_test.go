package database_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc/gen"

	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
)

// column is one column of one table.
type column struct{ table, name string }

// TestEveryForeignKeyAndOrderedColumnLeadsAnIndex lists the foreign keys
// of the migrated schema and the columns of every GraphQL orderBy field,
// and fails on one that no index starts with: an unindexed foreign key
// makes every nested load and every cascade a scan, which grows with the
// network, not with the page.
func TestEveryForeignKeyAndOrderedColumnLeadsAnIndex(t *testing.T) {
	db := dbtest.Open(t)
	ctx := context.Background()
	var needed []column
	var fks, leading func(string) ([]string, error)
	tables, err := strings(ctx, db.SQL, map[bool]string{
		false: `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
		true:  `SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = current_schema()::regnamespace ORDER BY relname`,
	}[db.IsPostgres()])
	if err != nil {
		t.Fatal(err)
	}
	if db.IsPostgres() {
		fks = func(table string) ([]string, error) {
			return strings(ctx, db.SQL, `SELECT a.attname FROM pg_constraint c
				JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
				WHERE c.contype = 'f' AND c.conrelid = $1::regclass`, table)
		}
		leading = func(table string) ([]string, error) {
			return strings(ctx, db.SQL, `SELECT a.attname FROM pg_index i
				JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
				WHERE i.indrelid = $1::regclass`, table)
		}
	} else {
		fks = func(table string) ([]string, error) {
			return strings(ctx, db.SQL, `SELECT "from" FROM pragma_foreign_key_list(?) WHERE seq = 0`, table)
		}
		leading = func(table string) ([]string, error) {
			return strings(ctx, db.SQL, `SELECT ii.name FROM pragma_index_list(?1) il, pragma_index_info(il.name) ii WHERE ii.seqno = 0`, table)
		}
	}
	indexed := map[column]bool{}
	for _, table := range tables {
		cols, err := fks(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			needed = append(needed, column{table, c})
		}
		lead, err := leading(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range lead {
			indexed[column{table, c}] = true
		}
	}
	if len(needed) < 20 {
		t.Fatalf("only %d foreign keys found: the listing is broken", len(needed))
	}
	ordered := orderedColumns(t)
	if len(ordered) < 20 {
		t.Fatalf("only %d ordered columns found: the listing is broken", len(ordered))
	}
	for _, c := range append(needed, ordered...) {
		if !indexed[c] && !slices.Contains(tables, c.table) {
			t.Errorf("%s: not a table of the migrated schema", c.table)
		} else if !indexed[c] {
			t.Errorf("%s.%s: no index starts with it (add index.Fields(%q) to the ent schema's Indexes)", c.table, c.name, c.name)
		}
	}
}

// orderedColumns reads the columns of every orderBy field from ent's graph,
// loaded from the schema snapshot that entc writes (ent/internal/schema.go),
// so that the test needs neither the generator nor the Go toolchain.
func orderedColumns(t *testing.T) []column {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../../../ent/internal/schema.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var snapshot gen.Snapshot
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				err = json.Unmarshal([]byte(s), &snapshot)
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		return true
	})
	g, err := gen.NewGraph(&gen.Config{Package: snapshot.Package, Storage: &gen.Storage{Name: "sql"}}, snapshot.Schemas...)
	if err != nil {
		t.Fatal(err)
	}
	var out []column
	for _, n := range g.Nodes {
		for _, f := range append([]*gen.Field{n.ID}, n.Fields...) {
			var ann entgql.Annotation
			if err := ann.Decode(f.Annotations[ann.Name()]); err == nil && ann.OrderField != "" {
				out = append(out, column{n.Table(), f.StorageKey()})
			}
		}
	}
	return out
}

func strings(ctx context.Context, db *sql.DB, query string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
