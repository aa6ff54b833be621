// Package viewer carries who is making a request through the context: an
// anonymous visitor, an authenticated person with their memberships, or the
// portal itself (demo loading, scheduled jobs, authentication look-ups).
package viewer

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// Membership is one role of the viewer, in a provider or in a partner
// organisation.
type Membership struct {
	Role           membership.Role
	ProviderID     pulid.ID // set for provider roles
	OrganisationID pulid.ID // set for partner roles
}

// Viewer is the identity a request acts as.
type Viewer struct {
	PersonID    pulid.ID
	TokenID     pulid.ID
	Memberships []Membership
	system      bool
}

type contextKey struct{}

// NewContext returns ctx acting as v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, contextKey{}, v)
}

// FromContext returns the viewer of ctx, or nil for an anonymous visitor.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(contextKey{}).(*Viewer)
	return v
}

// SystemContext returns ctx acting as the portal itself, which passes every
// access rule. Use it only for work no person asked for.
func SystemContext(ctx context.Context) context.Context {
	return NewContext(ctx, &Viewer{system: true})
}

// IsSystem reports whether v is the portal itself.
func (v *Viewer) IsSystem() bool { return v != nil && v.system }

// IsAnonymous reports whether v is an unauthenticated visitor.
func (v *Viewer) IsAnonymous() bool { return v == nil || (!v.system && v.PersonID == "") }

// ProviderIDs returns the providers in which the viewer holds one of roles.
func (v *Viewer) ProviderIDs(roles ...membership.Role) []pulid.ID {
	var ids []pulid.ID
	if v == nil {
		return nil
	}
	for _, m := range v.Memberships {
		if m.ProviderID != "" && slices.Contains(roles, m.Role) && !slices.Contains(ids, m.ProviderID) {
			ids = append(ids, m.ProviderID)
		}
	}
	return ids
}

// OrganisationIDs returns the organisations in which the viewer holds one
// of roles.
func (v *Viewer) OrganisationIDs(roles ...membership.Role) []pulid.ID {
	var ids []pulid.ID
	if v == nil {
		return nil
	}
	for _, m := range v.Memberships {
		if m.OrganisationID != "" && slices.Contains(roles, m.Role) && !slices.Contains(ids, m.OrganisationID) {
			ids = append(ids, m.OrganisationID)
		}
	}
	return ids
}

// HasRole reports whether the viewer holds role anywhere.
func (v *Viewer) HasRole(role membership.Role) bool {
	if v == nil {
		return false
	}
	for _, m := range v.Memberships {
		if m.Role == role {
			return true
		}
	}
	return false
}

// IsCoordinatorOf reports whether the viewer coordinates providerID.
func (v *Viewer) IsCoordinatorOf(providerID pulid.ID) bool {
	return slices.Contains(v.ProviderIDs(membership.RoleCoordinator), providerID)
}
