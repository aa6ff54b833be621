package access_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/appointment"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// agendaCases: who keeps a family's details for home visits and plans its
// appointments (issue 15, where and when): the staff who follow the
// family, its provider's coordinator and the assigned educator; only the
// educator records an appointment held, which is a contact of hers.
var agendaCases = map[string]mutationCase{
	"setFamilyContact": {
		document: mutationDoc("setFamilyContact", "SetFamilyContactInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			a := api.DB.Client.Accompaniment.GetX(apitest.Sys, api.Demo.Accompaniments[accompaniment.StatusActive])
			return in(map[string]any{"familyID": a.FamilyID, "postalAddress": "3 rue des Lilas, 30000 Nîmes", "phone": "06 12 34 56 78"})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"planAppointment": {
		document: mutationDoc("planAppointment", "PlanAppointmentInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return onAccompaniment(accompaniment.StatusActive, map[string]any{
				"kind": "HOME_VISIT", "startsAt": api.Clock.Now().Add(48 * time.Hour).Format(time.RFC3339),
				"durationMinutes": 60, "educatorID": api.Demo.People[demo.Educator],
			})(t, api)
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"rescheduleAppointment": {
		document: mutationDoc("rescheduleAppointment", "RescheduleAppointmentInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			ap := demoAppointment(t, api, api.Clock.Now().Add(24*time.Hour))
			return in(map[string]any{"appointmentID": ap.ID, "startsAt": api.Clock.Now().Add(72 * time.Hour).Format(time.RFC3339)})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"cancelAppointment": {
		document: mutationDoc("cancelAppointment", "CancelAppointmentInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			ap := demoAppointment(t, api, api.Clock.Now().Add(24*time.Hour))
			return in(map[string]any{"appointmentID": ap.ID, "reason": "La famille est absente."})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	// The coordinator does not visit families (see recordContact).
	"recordAppointmentHeld": {
		document: mutationDoc("recordAppointmentHeld", "RecordAppointmentHeldInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			ap := demoAppointment(t, api, api.Clock.Now().Add(-2*time.Hour))
			return in(map[string]any{"appointmentID": ap.ID, "note": "Visite faite."})
		},
		allowed: []string{demo.Educator},
	},
}

// demoAppointment plans, as the portal, an hour's home visit of Educator
// on the demo's active accompaniment at startsAt.
func demoAppointment(t *testing.T, api *apitest.API, startsAt time.Time) *ent.Appointment {
	t.Helper()
	a := api.DB.Client.Accompaniment.GetX(apitest.Sys, api.Demo.Accompaniments[accompaniment.StatusActive])
	if a.StartsAt == nil || startsAt.Before(*a.StartsAt) {
		t.Fatalf("the demo's active accompaniment starts at %v, after %v", a.StartsAt, startsAt)
	}
	return api.DB.Client.Appointment.Create().
		SetProviderID(a.ProviderID).SetAccompanimentID(a.ID).
		SetEducatorID(api.Demo.People[demo.Educator]).
		SetKind(appointment.KindHomeVisit).
		SetStartsAt(startsAt).SetEndsAt(startsAt.Add(time.Hour)).
		SaveX(apitest.Sys)
}
