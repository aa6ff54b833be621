package schema

import "entgo.io/contrib/entgql"

// sensitive marks a field that only the provider's coordinators and the
// family's assigned educators may read; for anyone else it resolves to null
// with a FORBIDDEN error at its path (see the @sensitive directive).
func sensitive() entgql.Annotation {
	return entgql.Directives(entgql.NewDirective("sensitive"))
}
