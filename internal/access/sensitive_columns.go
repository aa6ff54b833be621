package access

import (
	"context"

	"entgo.io/ent"
)

// KeepProviderColumn makes every read of a record with sensitive fields
// load its provider_id column, even when the GraphQL field collection
// selects only the requested columns: CanReadSensitive decides on it, and
// without it a coordinator would be refused their own provider's fields.
func KeepProviderColumn() ent.Interceptor {
	return ent.TraverseFunc(func(_ context.Context, q ent.Query) error {
		if k, ok := q.(interface{ KeepColumns(...string) }); ok {
			k.KeepColumns("provider_id")
		}
		return nil
	})
}
