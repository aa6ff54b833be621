package access

import (
	"context"
	"slices"

	"entgo.io/ent"

	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// Policy builds a deny-by-default policy: the portal itself passes, then
// the given query rule filters reads and the mutation rules may allow a
// write; anything no rule allowed is denied.
func Policy(query privacy.QueryRule, mutations ...privacy.MutationRule) ent.Policy {
	q := privacy.QueryPolicy{allowSystem(), query, privacy.AlwaysDenyRule()}
	m := privacy.MutationPolicy{allowSystem()}
	m = append(m, mutations...)
	m = append(m, privacy.AlwaysDenyRule())
	return privacy.Policy{Query: q, Mutation: m}
}

// allowSystem lets the portal's own work (demo data, scheduled jobs,
// authentication look-ups) through.
func allowSystem() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).IsSystem() {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// Public lets everyone read, anonymous visitors included.
func Public() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(context.Context, ent.Query) error { return privacy.Allow })
}

// AuditPolicy makes audit events append-only for everyone, the portal
// included, and readable by the coordinators of their provider.
func AuditPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowSystem(), ReadAuditEvents(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{AppendOnly(), allowSystem(), privacy.AlwaysDenyRule()},
	}
}

// CanReadSensitive reports whether the viewer may read the sensitive
// fields (protective measures, socio-economic situation, request notes) of
// a record of providerID that they can already see: its coordinators may,
// and so may its educators and practitioners, who only see the families
// assigned to them.
func CanReadSensitive(v *viewer.Viewer, providerID pulid.ID) bool {
	return CanReadSensitiveOf(v, providerID, nil)
}

// CanReadSensitiveOf is CanReadSensitive for a record written in the name
// of author: the prescriber of a request reads back his own note.
func CanReadSensitiveOf(v *viewer.Viewer, providerID pulid.ID, author *pulid.ID) bool {
	if author != nil && *author == v.PersonID && !v.IsAnonymous() && v.HasRole(prescriber) {
		return true
	}
	if v.IsSystem() {
		return true
	}
	return slices.Contains(v.ProviderIDs(coordinator, educator, practitioner), providerID)
}
