package workshop

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/idempotencykey"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The operations an idempotency key can be used for.
const (
	opBook   = "bookChildren"
	opCancel = "cancelBooking"
)

func checkKey(key string) error {
	if key == "" || len(key) > 100 {
		return apierror.New(apierror.BadUserInput, "ws.idempotency_key_length").OnField("input", "idempotencyKey")
	}
	return nil
}

// claim stores under the viewer's key the result a request is about to
// give (the IDs it will write), before it writes anything else, and
// returns nil; or, when the key is taken, the first result (replay) and
// writes nothing. The insert costs the statement a look-up would, and a
// request with a new key (nearly all) needs no look-up. A retry racing
// its first attempt waits for it: on PostgreSQL the insert waits for the
// transaction that holds the key to end, then does nothing if it
// committed (the look-up then sees its key) and inserts if it rolled
// back; SQLite writes one transaction at a time. A request that fails
// after its claim rolls the key back with everything else, so that its
// retry is served afresh.
func claim(ctx context.Context, c *ent.Client, key, op string, target pulid.ID, ids []pulid.ID) ([]pulid.ID, error) {
	err := c.IdempotencyKey.Create().SetPersonID(viewer.FromContext(ctx).PersonID).
		SetKey(key).SetOperation(op).SetTargetID(target).SetResultIds(idStrings(ids)).
		OnConflictColumns(idempotencykey.FieldPersonID, idempotencykey.FieldKey).DoNothing().
		Exec(ctx)
	if !errors.Is(err, sql.ErrNoRows) { // ON CONFLICT DO NOTHING returned no row: the key is taken
		return nil, err
	}
	first, err := replay(ctx, c, key, op, target)
	if err == nil && first == nil {
		err = fmt.Errorf("idempotency key %q: taken, but not found", key)
	}
	return first, err
}

// replay returns the result of the first request made with the viewer's
// key, or nil when the key is new. It runs under the series lock, so a
// retry racing its first attempt waits for it and then sees its key.
func replay(ctx context.Context, c *ent.Client, key, op string, target pulid.ID) ([]pulid.ID, error) {
	k, err := c.IdempotencyKey.Query().Where(
		idempotencykey.PersonID(viewer.FromContext(ctx).PersonID),
		idempotencykey.Key(key),
	).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if k.Operation != op || k.TargetID != target {
		return nil, apierror.New(IdempotencyKeyReused, "ws.idempotency_key_reused").OnField("input", "idempotencyKey")
	}
	ids := make([]pulid.ID, len(k.ResultIds))
	for i, id := range k.ResultIds {
		ids[i] = pulid.ID(id)
	}
	return ids, nil
}

// remember stores the result of a request under its key; the unique
// (person, key) index refuses a second first result.
func remember(ctx context.Context, c *ent.Client, key, op string, target pulid.ID, ids []pulid.ID) error {
	return c.IdempotencyKey.Create().SetPersonID(viewer.FromContext(ctx).PersonID).
		SetKey(key).SetOperation(op).SetTargetID(target).SetResultIds(idStrings(ids)).Exec(ctx)
}

func idStrings(ids []pulid.ID) []string {
	strs := make([]string, len(ids))
	for i, id := range ids {
		strs[i] = string(id)
	}
	return strs
}
