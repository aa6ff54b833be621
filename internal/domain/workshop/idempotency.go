package workshop

import (
	"context"

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
	strs := make([]string, len(ids))
	for i, id := range ids {
		strs[i] = string(id)
	}
	return c.IdempotencyKey.Create().SetPersonID(viewer.FromContext(ctx).PersonID).
		SetKey(key).SetOperation(op).SetTargetID(target).SetResultIds(strs).Exec(ctx)
}
