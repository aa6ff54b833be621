package main

import (
	"context"
	"database/sql"
	"sync"
)

// floorSQL runs the floor's statements as a careful hand would write
// them: each prepared once and reused, so that the floor pays one round
// trip per statement and no planning, as the portal's statement cache
// does (see database.DefaultStatementCache).
type floorSQL struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newFloorSQL(db *sql.DB) *floorSQL { return &floorSQL{db: db, stmts: map[string]*sql.Stmt{}} }

func (f *floorSQL) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s, ok := f.stmts[query]; ok {
		return s, nil
	}
	s, err := f.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	f.stmts[query] = s
	return s, nil
}

func (f *floorSQL) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := f.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// scan runs a query of one row and scans it.
func (f *floorSQL) scan(ctx context.Context, query string, args []any, dest ...any) error {
	s, err := f.stmt(ctx, query)
	if err != nil {
		return err
	}
	return s.QueryRowContext(ctx, args...).Scan(dest...)
}

// floorTx is a transaction of the floor, with the same statements.
type floorTx struct {
	*sql.Tx
	f *floorSQL
}

func (f *floorSQL) begin(ctx context.Context) (*floorTx, error) {
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &floorTx{Tx: tx, f: f}, nil
}

func (t *floorTx) scan(ctx context.Context, query string, args []any, dest ...any) error {
	s, err := t.f.stmt(ctx, query)
	if err != nil {
		return err
	}
	return t.StmtContext(ctx, s).QueryRowContext(ctx, args...).Scan(dest...)
}

func (t *floorTx) exec(ctx context.Context, query string, args ...any) error {
	s, err := t.f.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = t.StmtContext(ctx, s).ExecContext(ctx, args...)
	return err
}
