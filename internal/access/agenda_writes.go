package access

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/appointment"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// Who plans and reads the appointments of a file, and who keeps the
// family's address and phone for home visits: the staff who follow the
// family (the provider's coordinators, the educators assigned to the
// file). Holding an appointment records a contact, which is the assigned
// educator's alone (WriteContactEvents): the coordinator does not visit
// families.

// ReadAppointments: a file's appointments are read by those who read its
// contacts.
func ReadAppointments() privacy.QueryRule {
	return privacy.AppointmentQueryRuleFunc(func(ctx context.Context, q *ent.AppointmentQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeAppointment)
	})
}

func appointmentScope(v *viewer.Viewer) []predicate.Appointment {
	if staff := staffAccompaniments(v); len(staff) > 0 {
		return []predicate.Appointment{appointment.HasAccompanimentWith(accompaniment.Or(staff...))}
	}
	return nil
}

// WriteAppointments lets a file's staff plan, move and cancel its
// appointments; only an assigned educator marks one held.
func WriteAppointments() privacy.MutationRule {
	return privacy.AppointmentMutationRuleFunc(func(ctx context.Context, m *ent.AppointmentMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		var accID, providerID pulid.ID
		switch {
		case m.Op().Is(ent.OpCreate):
			accID, _ = m.AccompanimentID()
			providerID, _ = m.ProviderID()
		case m.Op().Is(ent.OpUpdateOne):
			id, _ := m.ID()
			old, err := m.Client().Appointment.Get(viewer.SystemContext(ctx), id)
			if err != nil {
				return privacy.Skip
			}
			accID, providerID = old.AccompanimentID, old.ProviderID
		default:
			return privacy.Skip
		}
		if !fileOfProvider(ctx, m.Client(), accID, providerID) {
			return privacy.Skip
		}
		if status, _ := m.Status(); status == appointment.StatusHeld {
			if isAssignedEducator(ctx, m.Client(), v, accID) {
				return privacy.Allow
			}
			return privacy.Skip
		}
		if worksOn(ctx, m.Client(), v, accID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// fileOfProvider reports whether the accompaniment belongs to providerID,
// so that an appointment's provider column (the one its readers are
// filtered on) is always its file's.
func fileOfProvider(ctx context.Context, c *ent.Client, accID, providerID pulid.ID) bool {
	ok, err := c.Accompaniment.Query().Where(accompaniment.ID(accID), accompaniment.ProviderID(providerID)).
		Exist(viewer.SystemContext(ctx))
	return err == nil && ok
}

// familyContactFields are the family's details for home visits.
var familyContactFields = []string{family.FieldPostalAddress, family.FieldPhone}

// WriteFamilyContact lets the staff who follow a family (its provider's
// coordinators, the educators assigned to one of its files) change its
// postal address and phone, and nothing else.
func WriteFamilyContact() privacy.MutationRule {
	return privacy.FamilyMutationRuleFunc(func(ctx context.Context, m *ent.FamilyMutation) error {
		v := viewer.FromContext(ctx)
		id, ok := m.ID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpUpdateOne) || !ok ||
			!fieldsWithin(m.Fields(), append(familyContactFields, family.FieldUpdatedAt)...) ||
			!fieldsWithin(m.ClearedFields(), familyContactFields...) ||
			len(m.AddedEdges()) > 0 || len(m.RemovedEdges()) > 0 || len(m.ClearedEdges()) > 0 {
			return privacy.Skip
		}
		if CanKeepFamilyContact(ctx, m.Client(), v, id) == nil {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// CanKeepFamilyContact: the staff who follow a family keep its address and
// phone for home visits; c reads the family as the portal.
func CanKeepFamilyContact(ctx context.Context, c *ent.Client, v *viewer.Viewer, familyID pulid.ID) error {
	var or []predicate.Family
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, family.ProviderIDIn(ids...))
	}
	if staff := staffAccompaniments(v); len(staff) > 0 {
		or = append(or, family.HasAccompanimentsWith(accompaniment.Or(staff...)))
	}
	ok := false
	if len(or) > 0 {
		var err error
		ok, err = c.Family.Query().Where(family.ID(familyID), family.Or(or...)).Exist(viewer.SystemContext(ctx))
		if err != nil {
			return err
		}
	}
	return refuseUnless(ok, "agenda.family_contact_staff_only")
}

// CanPlanAppointments: a file's staff (its provider's coordinators, its
// assigned educators) plan, move and cancel its appointments.
func CanPlanAppointments(ctx context.Context, c *ent.Client, v *viewer.Viewer, accID pulid.ID) error {
	return refuseUnless(worksOn(ctx, c, v, accID), "agenda.plan_staff_only")
}

// CanHoldAppointments: an appointment held is a contact of the family,
// recorded by an educator assigned to the file.
func CanHoldAppointments(ctx context.Context, c *ent.Client, v *viewer.Viewer, accID pulid.ID) error {
	return refuseUnless(isAssignedEducator(ctx, c, v, accID), "agenda.held_educator_only")
}
