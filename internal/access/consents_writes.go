package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// WriteConsents lets the coordinators of a family's provider and the
// educators assigned to it record the family's consents, in their own
// name, and record their withdrawal (withdrawn_at and withdrawn_by, nothing
// else). A consent is never deleted.
func WriteConsents() privacy.MutationRule {
	return privacy.ConsentMutationRuleFunc(func(ctx context.Context, m *ent.ConsentMutation) error {
		v := viewer.FromContext(ctx)
		managers := consentManagers(v)
		if v.IsAnonymous() || len(managers) == 0 {
			return privacy.Skip
		}
		// The rule reads the family whatever the viewer may read.
		sys := viewer.SystemContext(ctx)
		switch {
		case m.Op().Is(ent.OpCreate):
			familyID, ok := m.FamilyID()
			recorder, _ := m.RecordedByID()
			if !ok || recorder != v.PersonID {
				return privacy.Skip
			}
			allowed, err := m.Client().Family.Query().Where(family.ID(familyID), family.Or(managers...)).Exist(sys)
			if err != nil {
				return err
			}
			if allowed {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			id, ok := m.ID()
			by, _ := m.WithdrawnByID()
			if !ok || by != v.PersonID || !onlyWithdraws(m) {
				return privacy.Skip
			}
			allowed, err := m.Client().Consent.Query().
				Where(consent.ID(id), consent.HasFamilyWith(family.Or(managers...))).Exist(sys)
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

// consentManagers are the families whose consents the viewer records.
func consentManagers(v *viewer.Viewer) []predicate.Family {
	var or []predicate.Family
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, family.ProviderIDIn(ids...))
	}
	if ids := v.ProviderIDs(educator); len(ids) > 0 {
		or = append(or, family.HasAccompanimentsWith(
			accompaniment.ProviderIDIn(ids...),
			accompaniment.HasEducatorsWith(person.ID(v.PersonID)),
		))
	}
	return or
}

// onlyWithdraws reports whether an update records a withdrawal and
// nothing else.
func onlyWithdraws(m *ent.ConsentMutation) bool {
	if _, ok := m.WithdrawnAt(); !ok || len(m.ClearedFields()) > 0 {
		return false
	}
	for _, f := range m.Fields() {
		if !slices.Contains([]string{consent.FieldWithdrawnAt, consent.FieldWithdrawnByID, consent.FieldUpdatedAt}, f) {
			return false
		}
	}
	return true
}
