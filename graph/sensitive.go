package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// sensitiveDirective implements @sensitive: the field resolves only for the
// viewers access.CanReadSensitive allows; others get null and FORBIDDEN.
func sensitiveDirective(ctx context.Context, obj any, next graphql.Resolver) (any, error) {
	providerID, author, ok := providerOf(obj)
	if !ok || !access.CanReadSensitiveOf(viewer.FromContext(ctx), providerID, author) {
		return nil, apierror.New(apierror.Forbidden, "error.restricted_field")
	}
	return next(ctx)
}

// providerOf returns the provider owning a record that carries sensitive
// fields, and who wrote them when that person may read them back (the
// prescriber of a request, its note). A type not listed here is refused,
// so forgetting one fails closed.
func providerOf(obj any) (pulid.ID, *pulid.ID, bool) {
	switch o := obj.(type) {
	case *ent.Family:
		return o.ProviderID, nil, true
	case *ent.Accompaniment:
		return o.ProviderID, o.PrescriberID, true
	case *ent.Orientation:
		// The receiving organisation reads the orientation, not the
		// staff's note.
		return o.ProviderID, nil, true
	default:
		return "", nil, false
	}
}
