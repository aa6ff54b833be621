package access

import (
	"context"

	"entgo.io/ent"
)

// KeepProviderColumn makes every read of a record with sensitive fields
// load its provider_id column, even when the GraphQL field collection
// selects only the requested columns: CanReadSensitive decides on it, and
// without it a coordinator would be refused their own provider's fields.
// Extra columns are kept too (an accompaniment's prescriber_id, who reads
// back his own request note).
func KeepProviderColumn(extra ...string) ent.Interceptor {
	return ent.TraverseFunc(func(_ context.Context, q ent.Query) error {
		if k, ok := q.(interface{ KeepColumns(...string) }); ok {
			k.KeepColumns(append([]string{"provider_id"}, extra...)...)
		}
		return nil
	})
}
