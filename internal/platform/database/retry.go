package database

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/reseau-liens/portal/ent"
)

// MaxAttempts is how many times a transaction is tried when PostgreSQL
// aborts it as a serialization failure or a deadlock.
const MaxAttempts = 4

// InTx runs fn in a transaction of client, committed when fn returns nil
// and rolled back otherwise. A transaction aborted by a serialization
// failure or a deadlock is run again from the start (fn must therefore
// only act through tx), up to MaxAttempts times, after a short random
// pause so that the competitors do not collide again.
func InTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := inTx(ctx, client, fn)
		if err == nil || !IsSerializationFailure(err) || attempt == MaxAttempts {
			return err
		}
		if err := Backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

// Backoff waits before attempt+1: a random pause growing with attempt.
func Backoff(ctx context.Context, attempt int) error {
	pause := time.Duration(rand.Int64N(int64(10*time.Millisecond)<<attempt)) + time.Millisecond
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(pause):
		return nil
	}
}

func inTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) (err error) {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("database: opening a transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
