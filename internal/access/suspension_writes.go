package access

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/extension"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/suspension"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// extendingFields are what the financer's prescriber changes on an
// accompaniment when approving its extension: the end date.
var extendingFields = []string{
	accompaniment.FieldEndsAt, accompaniment.FieldExtendedMonths, accompaniment.FieldUpdatedAt,
}

// extensionDecisionFields are what deciding an extension changes.
var extensionDecisionFields = []string{
	extension.FieldStatus, extension.FieldDecidedAt, extension.FieldDecidedByID, extension.FieldDecisionNote,
	extension.FieldPreviousEndsAt, extension.FieldEndsAt,
}

// ReadSuspensions: the suspensions of a file (their reason may be a
// hospitalisation) are read by those who read its contacts.
func ReadSuspensions() privacy.QueryRule {
	return privacy.SuspensionQueryRuleFunc(func(ctx context.Context, q *ent.SuspensionQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeSuspension)
	})
}

func suspensionScope(v *viewer.Viewer) []predicate.Suspension {
	if staff := staffAccompaniments(v); len(staff) > 0 {
		return []predicate.Suspension{suspension.HasAccompanimentWith(accompaniment.Or(staff...))}
	}
	return nil
}

// WriteSuspensions lets the coordinators of the accompaniment's provider
// suspend it and resume it, in their own name.
func WriteSuspensions() privacy.MutationRule {
	return privacy.SuspensionMutationRuleFunc(func(ctx context.Context, m *ent.SuspensionMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		var accID pulid.ID
		switch {
		case m.Op().Is(ent.OpCreate):
			by, _ := m.SuspendedByID()
			if by != v.PersonID {
				return privacy.Skip
			}
			accID, _ = m.AccompanimentID()
		case m.Op().Is(ent.OpUpdateOne):
			id, _ := m.ID()
			by, _ := m.ResumedByID()
			s, err := m.Client().Suspension.Get(viewer.SystemContext(ctx), id)
			if err != nil || by != v.PersonID {
				return privacy.Skip
			}
			accID = s.AccompanimentID
		default:
			return privacy.Skip
		}
		a, err := m.Client().Accompaniment.Get(viewer.SystemContext(ctx), accID)
		if err == nil && v.IsCoordinatorOf(a.ProviderID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// ReadExtensions: a file's extensions are read by its staff and by the
// members of the organisation that finances it, who decide them.
func ReadExtensions() privacy.QueryRule {
	return privacy.ExtensionQueryRuleFunc(func(ctx context.Context, q *ent.ExtensionQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeExtension)
	})
}

func extensionScope(v *viewer.Viewer) []predicate.Extension {
	or := append(staffAccompaniments(v), financedAccompaniments(v)...)
	if len(or) > 0 {
		return []predicate.Extension{extension.HasAccompanimentWith(accompaniment.Or(or...))}
	}
	return nil
}

// WriteExtensions lets the provider's coordinators request an extension
// in their own name, and the financer's prescribers decide it.
func WriteExtensions() privacy.MutationRule {
	return privacy.ExtensionMutationRuleFunc(func(ctx context.Context, m *ent.ExtensionMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			by, _ := m.RequestedByID()
			accID, _ := m.AccompanimentID()
			a, err := m.Client().Accompaniment.Get(viewer.SystemContext(ctx), accID)
			if err == nil && by == v.PersonID && v.IsCoordinatorOf(a.ProviderID) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			id, _ := m.ID()
			by, _ := m.DecidedByID()
			e, err := m.Client().Extension.Get(viewer.SystemContext(ctx), id)
			if err == nil && by == v.PersonID && onlyExtensionFields(m) &&
				decidesExtensionOf(ctx, m.Client(), v, e.AccompanimentID) {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

func onlyExtensionFields(m *ent.ExtensionMutation) bool {
	return fieldsWithin(m.Fields(), extensionDecisionFields...) && len(m.ClearedFields()) == 0
}
