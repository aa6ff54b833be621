package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// CanSetSchoolZone: any coordinator (organisations are shared) or the
// partner staff of the school itself sets its zone of the school calendar.
func CanSetSchoolZone(v *viewer.Viewer, organisationID pulid.ID) error {
	if coordinatesAny(v) || slices.Contains(v.OrganisationIDs(partnerStaff), organisationID) {
		return nil
	}
	return apierror.New(apierror.Forbidden, "school.only_staff_sets_zone")
}

// WriteSchoolZones lets those CanSetSchoolZone allows change an
// organisation's school zone, and nothing else of it.
func WriteSchoolZones() privacy.MutationRule {
	return privacy.OrganisationMutationRuleFunc(func(ctx context.Context, m *ent.OrganisationMutation) error {
		if !m.Op().Is(ent.OpUpdateOne) || !fieldsWithin(append(m.Fields(), m.ClearedFields()...), organisation.FieldSchoolZone, organisation.FieldUpdatedAt) {
			return privacy.Skip
		}
		v := viewer.FromContext(ctx)
		if coordinatesAny(v) {
			return privacy.Allow
		}
		if ids := v.OrganisationIDs(partnerStaff); len(ids) > 0 {
			m.Where(organisation.IDIn(ids...))
			return privacy.Allow
		}
		return privacy.Skip
	})
}
