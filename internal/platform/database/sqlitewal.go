package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// walAttempts bounds how often the switch to WAL is tried while another
// process makes the same switch (Backoff pauses grow, then stay near a
// second: about half a minute in all).
const walAttempts = 40

// enableWAL switches the SQLite file at dsn to write-ahead logging, once,
// before the pool opens: the mode is stored in the file, so the pool's
// connections then find it set. Doing it on every new connection instead
// made two portals starting together on a fresh file fail: the switch
// needs an exclusive lock, and SQLite answers SQLITE_BUSY at once, without
// waiting out the busy timeout, to the connection whose wait would
// deadlock. Here that answer is simply tried again.
func enableWAL(ctx context.Context, dsn string) error {
	pool, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	for attempt := 1; ; attempt++ {
		var mode string
		err := pool.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		switch {
		case err == nil && mode == "wal":
			return nil
		case err == nil:
			return fmt.Errorf("database: SQLite kept the journal mode %q instead of WAL", mode)
		case !isBusy(err) || attempt == walAttempts:
			return fmt.Errorf("database: switching to WAL: %w", err)
		}
		if err := Backoff(ctx, min(attempt, 6)); err != nil {
			return err
		}
	}
}

// isBusy reports whether err is SQLite refusing a lock another
// connection holds (SQLITE_BUSY or one of its extended codes).
func isBusy(err error) bool {
	var sqliteErr *sqlite.Error
	return errors.As(err, &sqliteErr) && sqliteErr.Code()&0xff == sqlite3.SQLITE_BUSY
}
