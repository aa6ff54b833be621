package accompaniment_test

import (
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// aptFields are the fields of an appointment the tests look at.
const aptFields = `id kind status startsAt endsAt place atFamilyHome educator { id }
	contactEvent { id kind occurredAt durationMinutes note }`

// apt is an appointment as the API returns it.
type apt struct {
	ID           pulid.ID  `json:"id"`
	Kind         string    `json:"kind"`
	Status       string    `json:"status"`
	StartsAt     time.Time `json:"startsAt"`
	EndsAt       time.Time `json:"endsAt"`
	Place        *string   `json:"place"`
	AtFamilyHome bool      `json:"atFamilyHome"`
	Educator     struct {
		ID pulid.ID `json:"id"`
	} `json:"educator"`
	ContactEvent *struct {
		ID              pulid.ID  `json:"id"`
		Kind            string    `json:"kind"`
		OccurredAt      time.Time `json:"occurredAt"`
		DurationMinutes int       `json:"durationMinutes"`
		Note            *string   `json:"note"`
	} `json:"contactEvent"`
}

// appointmentStep runs a mutation whose payload carries an appointment.
func appointmentStep(t *testing.T, api *apitest.API, token, name, inputType string, input map[string]any) (apt, apitest.Payload) {
	t.Helper()
	r := mutate(t, api, token, name, inputType, "appointment", aptFields, input)
	var a apt
	r.Decode(t, "appointment", &a)
	return a, r
}

// plan plans an appointment of the demo's active accompaniment.
func plan(t *testing.T, api *apitest.API, token string, kv ...any) (apt, apitest.Payload) {
	t.Helper()
	input := with(api.Demo.Accompaniments[accompaniment.StatusActive],
		"kind", "HOME_VISIT", "startsAt", rfc(api.Clock.Now().Add(24*time.Hour)), "durationMinutes", 60)
	for i := 0; i < len(kv); i += 2 {
		input[kv[i].(string)] = kv[i+1]
	}
	return appointmentStep(t, api, token, "planAppointment", "PlanAppointmentInput", input)
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func onAppointment(id pulid.ID, kv ...any) map[string]any {
	m := map[string]any{"appointmentID": id}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func TestAPlannedAppointmentIsHeldOnceAndBecomesOneContact(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	educator := api.Token(t, demo.Educator)
	accID := api.Demo.Accompaniments[accompaniment.StatusActive]
	contacts := func() int {
		return api.DB.Client.ContactEvent.Query().Where(contactevent.AccompanimentID(accID)).CountX(apitest.Sys)
	}

	planned, r := plan(t, api, educator)
	r.WantOK(t)
	if planned.Status != "PLANNED" || planned.Educator.ID != api.Demo.People[demo.Educator] ||
		!planned.AtFamilyHome || planned.EndsAt.Sub(planned.StartsAt) != time.Hour || planned.ContactEvent != nil {
		t.Fatalf("planned %+v: want PLANNED, at the family's home, an hour, by the educator herself", planned)
	}

	t.Run("it cannot be held before it starts", func(t *testing.T) {
		_, r := appointmentStep(t, api, educator, "recordAppointmentHeld", "RecordAppointmentHeldInput", onAppointment(planned.ID))
		r.WantCode(t, "CONTACT_IN_FUTURE")
	})
	t.Run("it is moved while planned, its place given", func(t *testing.T) {
		moved, r := appointmentStep(t, api, educator, "rescheduleAppointment", "RescheduleAppointmentInput",
			onAppointment(planned.ID, "startsAt", rfc(planned.StartsAt.Add(2*time.Hour)), "durationMinutes", 45, "place", "Centre social"))
		r.WantOK(t)
		if !moved.StartsAt.Equal(planned.StartsAt.Add(2*time.Hour)) || moved.EndsAt.Sub(moved.StartsAt) != 45*time.Minute ||
			moved.Place == nil || *moved.Place != "Centre social" || moved.AtFamilyHome {
			t.Fatalf("moved %+v", moved)
		}
		planned = moved
	})
	t.Run("once it took place, it is held as one contact dated at its start", func(t *testing.T) {
		before := contacts()
		api.Clock.Advance(planned.StartsAt.Sub(api.Clock.Now()) + time.Hour)
		held, r := appointmentStep(t, api, educator, "recordAppointmentHeld", "RecordAppointmentHeldInput",
			onAppointment(planned.ID, "note", "Visite faite avec les deux parents."))
		r.WantOK(t)
		if held.Status != "HELD" || held.ContactEvent == nil {
			t.Fatalf("held %+v", held)
		}
		ce := held.ContactEvent
		if ce.Kind != "HOME_VISIT" || !ce.OccurredAt.Equal(planned.StartsAt) || ce.DurationMinutes != 45 ||
			ce.Note == nil || *ce.Note != "Visite faite avec les deux parents." {
			t.Fatalf("contact %+v", ce)
		}
		if n := contacts(); n != before+1 {
			t.Fatalf("%d contacts after, %d before: want one more", n, before)
		}
	})
	t.Run("a held appointment is final", func(t *testing.T) {
		before := contacts()
		_, r := appointmentStep(t, api, educator, "recordAppointmentHeld", "RecordAppointmentHeldInput", onAppointment(planned.ID))
		r.WantCode(t, "INVALID_TRANSITION")
		if !strings.Contains(r.Errors[0].Message, "« tenu »") {
			t.Errorf("message %q does not name the status in French", r.Errors[0].Message)
		}
		_, r = appointmentStep(t, api, educator, "cancelAppointment", "CancelAppointmentInput", onAppointment(planned.ID))
		r.WantCode(t, "INVALID_TRANSITION")
		_, r = appointmentStep(t, api, educator, "rescheduleAppointment", "RescheduleAppointmentInput",
			onAppointment(planned.ID, "startsAt", rfc(api.Clock.Now().Add(24*time.Hour))))
		r.WantCode(t, "APPOINTMENT_NOT_PLANNED")
		if !strings.Contains(r.Errors[0].Message, "tenu") {
			t.Errorf("message %q", r.Errors[0].Message)
		}
		if n := contacts(); n != before {
			t.Fatalf("%d contacts, want %d", n, before)
		}
	})
}

func TestACancelledAppointmentIsFinal(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coordinator, educator := api.Token(t, demo.Coordinator), api.Token(t, demo.Educator)
	planned, r := plan(t, api, coordinator, "kind", "CALL", "educatorID", api.Demo.People[demo.Educator])
	r.WantOK(t)
	if planned.AtFamilyHome || planned.Educator.ID != api.Demo.People[demo.Educator] {
		t.Fatalf("planned %+v", planned)
	}
	cancelled, r := appointmentStep(t, api, coordinator, "cancelAppointment", "CancelAppointmentInput",
		onAppointment(planned.ID, "reason", "La famille a déménagé."))
	r.WantOK(t)
	if cancelled.Status != "CANCELLED" {
		t.Fatalf("status %s", cancelled.Status)
	}
	api.Clock.Advance(48 * time.Hour)
	for name, step := range map[string]string{
		"recordAppointmentHeld": "RecordAppointmentHeldInput",
		"cancelAppointment":     "CancelAppointmentInput",
	} {
		_, r := appointmentStep(t, api, educator, name, step, onAppointment(planned.ID))
		r.WantCode(t, "INVALID_TRANSITION")
		if !strings.Contains(r.Errors[0].Message, "« annulé »") {
			t.Errorf("%s: message %q", name, r.Errors[0].Message)
		}
	}
	_, r = appointmentStep(t, api, educator, "rescheduleAppointment", "RescheduleAppointmentInput",
		onAppointment(planned.ID, "startsAt", rfc(api.Clock.Now().Add(24*time.Hour))))
	r.WantCode(t, "APPOINTMENT_NOT_PLANNED")
}

func TestPlanningRefusesWhatCannotHappen(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coordinator := api.Token(t, demo.Coordinator)
	for _, tc := range []struct {
		name  string
		kv    []any
		code  string
		field string
		words string
	}{
		{"in the past", []any{"startsAt", rfc(api.Clock.Now().Add(-time.Hour))}, "APPOINTMENT_IN_PAST", "input.startsAt", "déjà passé"},
		{"of no length", []any{"durationMinutes", 0}, "BAD_USER_INPUT", "input.durationMinutes", "de 1 à 720 minutes"},
		{"longer than a day's work", []any{"durationMinutes", 721}, "BAD_USER_INPUT", "input.durationMinutes", "minutes"},
		{"with an educator who does not follow the family", []any{"educatorID", api.Demo.People[demo.Practitioner]},
			"EDUCATOR_NOT_ASSIGNED", "input.educatorID", "assigné"},
		{"with the coordinator, who follows no file, as its educator", nil, "EDUCATOR_NOT_ASSIGNED", "input.educatorID", "assigné"},
		{"at too long a place", []any{"educatorID", api.Demo.People[demo.Educator], "place", strings.Repeat("é", 301)},
			"BAD_USER_INPUT", "input.place", "300 caractères"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, r := plan(t, api, coordinator, tc.kv...)
			r.WantCode(t, tc.code)
			if e := r.Errors[0]; strings.Join(e.Field, ".") != tc.field || !strings.Contains(e.Message, tc.words) {
				t.Errorf("error %+v, want field %s and %q", e, tc.field, tc.words)
			}
		})
	}
	t.Run("of a file not running", func(t *testing.T) {
		_, r := appointmentStep(t, api, coordinator, "planAppointment", "PlanAppointmentInput",
			with(api.Demo.Accompaniments[accompaniment.StatusRequested], "kind", "CALL",
				"startsAt", rfc(api.Clock.Now().Add(time.Hour)), "durationMinutes", 30))
		r.WantCode(t, "NOT_ACTIVE")
		if !strings.Contains(r.Errors[0].Message, "en cours") {
			t.Errorf("message %q", r.Errors[0].Message)
		}
	})
}

func TestTheAgendaShowsTheEducatorsOwnAppointmentsInRangeByStart(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coordinator := api.Token(t, demo.Coordinator)
	educatorID, practitionerID := api.Demo.People[demo.Educator], api.Demo.People[demo.Practitioner]
	accID := api.Demo.Accompaniments[accompaniment.StatusActive]
	mustStep(t, api, coordinator, "assignEducators", "AssignEducatorsInput",
		with(accID, "educatorIDs", []pulid.ID{educatorID, practitionerID}))
	now := api.Clock.Now()
	at := func(days int) string { return rfc(now.Add(time.Duration(days)*24*time.Hour + time.Hour)) }
	ids := map[string]pulid.ID{}
	for _, p := range []struct {
		name, at string
		educator pulid.ID
	}{
		{"in 3 days", at(3), educatorID},
		{"in 10 days", at(10), educatorID},
		{"tomorrow", at(1), educatorID},
		{"the practitioner's, in 2 days", at(2), practitionerID},
		{"cancelled, in 4 days", at(4), educatorID},
	} {
		a, r := plan(t, api, coordinator, "startsAt", p.at, "educatorID", p.educator)
		r.WantOK(t)
		ids[p.name] = a.ID
	}
	_, r := appointmentStep(t, api, coordinator, "cancelAppointment", "CancelAppointmentInput", onAppointment(ids["cancelled, in 4 days"]))
	r.WantOK(t)

	today := clock.AsDay(now)
	vars := map[string]any{"from": today.Format(time.DateOnly), "to": today.AddDate(0, 0, 5).Format(time.DateOnly), "educator": educatorID}
	const own = `query($from: Date!, $to: Date!) { viewer { agenda(from: $from, to: $to, first: 50) {
		totalCount edges { node { id status accompaniment { id } educator { id } contactEvent { id } } } } } }`
	const ofEducator = `query($educator: ID!, $from: Date!, $to: Date!) { node(id: $educator) { ... on Person {
		agenda(from: $from, to: $to, first: 50) {
		totalCount edges { node { id status accompaniment { id } educator { id } contactEvent { id } } } } } } }`
	type page struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				ID     pulid.ID
				Status string
			}
		}
	}
	names := func(p page) []string {
		var out []string
		for _, e := range p.Edges {
			for name, id := range ids {
				if id == e.Node.ID {
					out = append(out, name)
				}
			}
		}
		return out
	}
	want := func(t *testing.T, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Fatalf("agenda %v, want %v", got, want)
		}
	}

	t.Run("the educator's agenda: her appointments of the days asked, by start", func(t *testing.T) {
		var got struct{ Viewer struct{ Agenda page } }
		api.MustSucceed(t, api.Token(t, demo.Educator), own, vars, &got)
		want(t, names(got.Viewer.Agenda), "tomorrow", "in 3 days", "cancelled, in 4 days")
	})
	t.Run("the practitioner's agenda holds hers only", func(t *testing.T) {
		var got struct{ Viewer struct{ Agenda page } }
		api.MustSucceed(t, api.Token(t, demo.Practitioner), own, vars, &got)
		want(t, names(got.Viewer.Agenda), "the practitioner's, in 2 days")
	})
	t.Run("the coordinator reads an educator's agenda", func(t *testing.T) {
		var got struct{ Node struct{ Agenda page } }
		api.MustSucceed(t, coordinator, ofEducator, vars, &got)
		want(t, names(got.Node.Agenda), "tomorrow", "in 3 days", "cancelled, in 4 days")
		if got.Node.Agenda.TotalCount != 3 {
			t.Errorf("totalCount %d", got.Node.Agenda.TotalCount)
		}
	})
	t.Run("nobody else reads it", func(t *testing.T) {
		for _, account := range []string{demo.Prescriber, demo.PartnerStaff, demo.RelianceCoordinator, demo.RelianceEducator,
			demo.SecondPrescriber, apitest.Anonymous} {
			// The educator may be out of the viewer's sight (a null node).
			res := api.Do(t, api.Token(t, account), ofEducator, vars)
			for _, id := range ids {
				if strings.Contains(string(res.Data), string(id)) {
					t.Errorf("%s reads %s: %s", account, id, res.Data)
				}
			}
		}
	})
	t.Run("left out, the period is the 30 days from today", func(t *testing.T) {
		var got struct{ Viewer struct{ Agenda page } }
		api.MustSucceed(t, api.Token(t, demo.Educator), `{ viewer { agenda { edges { node { id } } } } }`, nil, &got)
		want(t, names(got.Viewer.Agenda), "tomorrow", "in 3 days", "cancelled, in 4 days", "in 10 days")
	})
	t.Run("a page costs the same statements whatever its length", func(t *testing.T) {
		count := func(to time.Time) (int64, int) {
			v := map[string]any{"from": vars["from"], "to": to.Format(time.DateOnly), "educator": educatorID}
			var got struct{ Node struct{ Agenda page } }
			api.DB.ResetQueries()
			api.MustSucceed(t, coordinator, ofEducator, v, &got)
			return api.DB.Statements(), len(got.Node.Agenda.Edges)
		}
		short, n1 := count(today.AddDate(0, 0, 1))
		long, n2 := count(today.AddDate(0, 0, 30))
		if n1 != 1 || n2 != 4 || short != long {
			t.Fatalf("%d statements for %d appointments, %d for %d", short, n1, long, n2)
		}
	})
	t.Run("a period that ends before it starts is refused in French", func(t *testing.T) {
		res := api.Do(t, coordinator, ofEducator, map[string]any{"from": vars["to"], "to": vars["from"], "educator": educatorID})
		if codes := res.Codes(); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" ||
			!strings.Contains(res.Errors[0].Message, "La fin de la période") {
			t.Fatalf("errors %+v", res.Errors)
		}
	})
}
