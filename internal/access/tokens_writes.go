package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// WriteAccessTokens lets a coordinator issue and revoke the tokens of the
// people of their provider and of its live partner organisations, and
// anyone revoke their own tokens. Revoking sets revoked_at and nothing
// else; tokens are never deleted (the trail of who could act stays).
func WriteAccessTokens() privacy.MutationRule {
	return privacy.AccessTokenMutationRuleFunc(func(ctx context.Context, m *ent.AccessTokenMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		// The checks read people and tokens the rule is about, whatever the
		// viewer may read, so they run as the portal.
		sys := viewer.SystemContext(ctx)
		switch {
		case m.Op().Is(ent.OpCreate):
			personID, ok := m.PersonID()
			managers := managedPeople(v)
			if !ok || len(managers) == 0 {
				return privacy.Skip
			}
			issuer, _ := m.IssuedByID()
			if issuer != v.PersonID {
				return privacy.Denyf("a token records the coordinator who issued it")
			}
			managed, err := m.Client().Person.Query().
				Where(person.ID(personID), person.Or(managers...)).Exist(sys)
			if err != nil {
				return err
			}
			if managed {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			id, ok := m.ID()
			if !ok || !onlyRevokes(m) {
				return privacy.Skip
			}
			mine := []predicate.AccessToken{accesstoken.PersonID(v.PersonID)}
			if ps := managedPeople(v); len(ps) > 0 {
				mine = append(mine, accesstoken.HasPersonWith(person.Or(ps...)))
			}
			allowed, err := m.Client().AccessToken.Query().
				Where(accesstoken.ID(id), accesstoken.Or(mine...)).Exist(sys)
			if err != nil {
				return err
			}
			if allowed {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// managedPeople are the people whose tokens a coordinator manages: those
// of their provider and of its live partner organisations.
func managedPeople(v *viewer.Viewer) []predicate.Person {
	ids := v.ProviderIDs(coordinator)
	if len(ids) == 0 {
		return nil
	}
	return []predicate.Person{person.HasMembershipsWith(
		membership.EndedAtIsNil(),
		membership.Or(
			membership.ProviderIDIn(ids...),
			membership.HasOrganisationWith(organisationLinkedTo(ids)...),
		),
	)}
}

// onlyRevokes reports whether an update sets revoked_at (and the
// bookkeeping updated_at) and nothing else.
func onlyRevokes(m *ent.AccessTokenMutation) bool {
	if _, ok := m.RevokedAt(); !ok || len(m.ClearedFields()) > 0 {
		return false
	}
	for _, f := range m.Fields() {
		if !slices.Contains([]string{accesstoken.FieldRevokedAt, accesstoken.FieldUpdatedAt}, f) {
			return false
		}
	}
	return true
}
