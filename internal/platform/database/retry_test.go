package database_test

import (
	"context"
	"errors"
	"testing"

	"github.com/lib/pq"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
)

func TestInTxRunsATransactionAgainAfterASerializationFailure(t *testing.T) {
	db := dbtest.Open(t)
	ctx := viewer.SystemContext(context.Background())
	create := func(tx *ent.Tx, slug string) error {
		return tx.Provider.Create().SetName("P " + slug).SetSlug(slug).SetTerritory("Paris").Exec(ctx)
	}

	t.Run("aborted runs leave nothing, the last one commits", func(t *testing.T) {
		runs := 0
		err := database.InTx(ctx, db.Client, func(tx *ent.Tx) error {
			runs++
			if err := create(tx, "retried"); err != nil {
				return err
			}
			if runs < 3 {
				return &pq.Error{Code: "40001", Message: "could not serialize access"}
			}
			return nil
		})
		n := db.Client.Provider.Query().CountX(ctx)
		if err != nil || runs != 3 || n != 1 {
			t.Fatalf("err %v, %d runs, %d providers", err, runs, n)
		}
	})
	t.Run("it gives up after MaxAttempts", func(t *testing.T) {
		runs := 0
		err := database.InTx(ctx, db.Client, func(tx *ent.Tx) error {
			runs++
			return &pq.Error{Code: "40P01"}
		})
		if !database.IsSerializationFailure(err) || runs != database.MaxAttempts {
			t.Fatalf("err %v, %d runs", err, runs)
		}
	})
	t.Run("other errors are not retried", func(t *testing.T) {
		runs := 0
		boom := errors.New("boom")
		err := database.InTx(ctx, db.Client, func(tx *ent.Tx) error { runs++; return boom })
		if !errors.Is(err, boom) || runs != 1 {
			t.Fatalf("err %v, %d runs", err, runs)
		}
	})
}
