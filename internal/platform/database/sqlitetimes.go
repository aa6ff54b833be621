package database

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"entgo.io/ent/dialect"
)

// sqliteTimes normalises the times a query binds before they reach
// SQLite. SQLite has no time type: modernc writes a time as text in the
// time's own offset (see sqliteDSN), and SQLite compares and sorts that
// text as text. Only instants written in one offset and to one precision
// compare as they should, so every time goes in UTC, to the microsecond
// PostgreSQL keeps: a filter on a value read back then finds its row, and
// cursors sort as the rows do. It wraps the ent driver in NewDB, which
// every client goes through (dbtest's counting driver included).
type sqliteTimes struct{ dialect.Driver }

// sqliteTimesTx is a transaction of sqliteTimes.
type sqliteTimesTx struct{ dialect.Tx }

// utcArgs returns args with their times in UTC to the microsecond; args
// itself is left as it is, as the caller may still log it.
func utcArgs(args any) any {
	list, ok := args.([]any)
	if !ok {
		return args
	}
	var out []any
	for i, a := range list {
		var t time.Time
		switch v := a.(type) {
		case time.Time:
			t = v
		case *time.Time:
			if v == nil {
				continue
			}
			t = *v
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), list...)
		}
		out[i] = t.UTC().Truncate(time.Microsecond)
	}
	if out == nil {
		return args
	}
	return out
}

func (d sqliteTimes) Exec(ctx context.Context, query string, args, v any) error {
	return d.Driver.Exec(ctx, query, utcArgs(args), v)
}

func (d sqliteTimes) Query(ctx context.Context, query string, args, v any) error {
	return d.Driver.Query(ctx, query, utcArgs(args), v)
}

func (d sqliteTimes) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return sqliteTimesTx{tx}, nil
}

// BeginTx serves the ent client's BeginTx, as the wrapped driver does.
func (d sqliteTimes) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	drv, ok := d.Driver.(interface {
		BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
	})
	if !ok {
		return nil, errors.New("database: the driver has no BeginTx")
	}
	tx, err := drv.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return sqliteTimesTx{tx}, nil
}

// ExecContext serves the ent client's ExecContext, as the wrapped driver does.
func (d sqliteTimes) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	drv, ok := d.Driver.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	})
	if !ok {
		return nil, errors.New("database: the driver has no ExecContext")
	}
	return drv.ExecContext(ctx, query, utcArgs(args).([]any)...)
}

// QueryContext serves the ent client's QueryContext, as the wrapped driver does.
func (d sqliteTimes) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	drv, ok := d.Driver.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	})
	if !ok {
		return nil, errors.New("database: the driver has no QueryContext")
	}
	return drv.QueryContext(ctx, query, utcArgs(args).([]any)...)
}

func (tx sqliteTimesTx) Exec(ctx context.Context, query string, args, v any) error {
	return tx.Tx.Exec(ctx, query, utcArgs(args), v)
}

func (tx sqliteTimesTx) Query(ctx context.Context, query string, args, v any) error {
	return tx.Tx.Query(ctx, query, utcArgs(args), v)
}
