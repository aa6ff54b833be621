package graph_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// The inputs a person would mistype (a name left empty or blank, a birth
// date or a contact in the future, a family without a requesting
// guardian, a first appointment older than the programme lasts) are
// refused with a typed error on their field, in French, and write
// nothing; the same inputs typed right go through.
func TestMistypedInputsAreRefusedOnTheirField(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	now := api.Clock.Now()
	tomorrow := now.Add(24 * time.Hour).Format(time.RFC3339)
	active := api.Demo.Accompaniments[accompaniment.StatusActive]

	family := func() map[string]any {
		return map[string]any{
			"territory": "Nîmes", "householdComposition": "SINGLE_PARENT",
			"guardians": []map[string]any{
				{"firstName": "Alex", "lastName": "Martin", "relationship": "MOTHER", "requester": true},
				{"firstName": "Sam", "lastName": "Martin", "relationship": "FATHER"},
			},
			"children": []map[string]any{
				{"firstName": "Lou", "birthDate": now.AddDate(-8, 0, 0).Format(time.RFC3339)},
				{"firstName": "Noé", "birthDate": now.AddDate(-3, 0, 0).Format(time.RFC3339)},
			},
		}
	}
	request := func(change func(f map[string]any)) map[string]any {
		f := family()
		change(f)
		return map[string]any{"programmeID": api.Demo.Programmes["MIP"], "family": f}
	}
	guardian := func(f map[string]any, i int) map[string]any { return f["guardians"].([]map[string]any)[i] }
	child := func(f map[string]any, i int) map[string]any { return f["children"].([]map[string]any)[i] }
	bookings := 0
	book := func(change func(kids []map[string]any)) map[string]any {
		bookings++
		kids := []map[string]any{
			{"firstName": "Inès", "birthDate": now.AddDate(-8, 0, 0).Format(time.RFC3339)},
			{"firstName": "Yanis", "birthDate": now.AddDate(-9, 0, 0).Format(time.RFC3339)},
		}
		change(kids)
		return map[string]any{"seriesID": api.Demo.SeriesID, "newChildren": kids, "policy": "CONFIRM_WHAT_FITS",
			"idempotencyKey": fmt.Sprintf("mistyped-%d", bookings)}
	}
	contact := func(kind string, at time.Time) map[string]any {
		return map[string]any{"accompanimentID": active, "kind": kind, "occurredAt": at.Format(time.RFC3339), "durationMinutes": 45}
	}
	invite := func(name any) map[string]any {
		return map[string]any{"organisationID": api.Demo.DepartmentalCouncilID, "email": "nouvelle.personne@demo.invalid",
			"displayName": name, "role": "PRESCRIBER"}
	}

	type mutation struct{ name, inputType, account string }
	var (
		requestAccompaniment = mutation{"requestAccompaniment", "RequestAccompanimentInput", demo.Prescriber}
		bookChildren         = mutation{"bookChildren", "BookChildrenInput", demo.PartnerStaff}
		recordContact        = mutation{"recordContact", "RecordContactInput", demo.Educator}
		setFirstAppointment  = mutation{"setFirstAppointment", "SetFirstAppointmentInput", demo.Coordinator}
		invitePerson         = mutation{"invitePerson", "InvitePersonInput", demo.Coordinator}
	)
	for _, tc := range []struct {
		mistake  string
		mutation mutation
		input    map[string]any
		code     string
		field    []string
	}{
		{"a guardian's empty first name", requestAccompaniment,
			request(func(f map[string]any) { guardian(f, 0)["firstName"] = "" }),
			"NAME_REQUIRED", []string{"input", "family", "guardians", "0", "firstName"}},
		{"a guardian's blank last name", requestAccompaniment,
			request(func(f map[string]any) { guardian(f, 1)["lastName"] = "  \t " }),
			"NAME_REQUIRED", []string{"input", "family", "guardians", "1", "lastName"}},
		{"a family without a requesting guardian", requestAccompaniment,
			request(func(f map[string]any) { guardian(f, 0)["requester"] = false }),
			"REQUESTING_GUARDIAN_REQUIRED", []string{"input", "family", "guardians"}},
		{"a family without any guardian", requestAccompaniment,
			request(func(f map[string]any) { f["guardians"] = []map[string]any{} }),
			"REQUESTING_GUARDIAN_REQUIRED", []string{"input", "family", "guardians"}},
		{"a child's blank first name", requestAccompaniment,
			request(func(f map[string]any) { child(f, 1)["firstName"] = " " }),
			"NAME_REQUIRED", []string{"input", "family", "children", "1", "firstName"}},
		{"a child's first name too long", requestAccompaniment,
			request(func(f map[string]any) { child(f, 0)["firstName"] = strings.Repeat("é", 51) }),
			"NAME_TOO_LONG", []string{"input", "family", "children", "0", "firstName"}},
		{"a child born tomorrow", requestAccompaniment,
			request(func(f map[string]any) { child(f, 0)["birthDate"] = tomorrow }),
			"BIRTH_DATE_IN_FUTURE", []string{"input", "family", "children", "0", "birthDate"}},
		{"a new child's blank first name", bookChildren,
			book(func(kids []map[string]any) { kids[0]["firstName"] = "   " }),
			"NAME_REQUIRED", []string{"input", "newChildren", "0", "firstName"}},
		{"a new child born tomorrow", bookChildren,
			book(func(kids []map[string]any) { kids[1]["birthDate"] = tomorrow }),
			"BIRTH_DATE_IN_FUTURE", []string{"input", "newChildren", "1", "birthDate"}},
		{"a home visit tomorrow", recordContact, contact("HOME_VISIT", now.Add(24*time.Hour)),
			"CONTACT_IN_FUTURE", []string{"input", "occurredAt"}},
		{"a call in an hour", recordContact, contact("CALL", now.Add(time.Hour)),
			"CONTACT_IN_FUTURE", []string{"input", "occurredAt"}},
		{"a first appointment longer ago than the programme lasts", setFirstAppointment,
			// Months count in Paris, where the provider works.
			map[string]any{"accompanimentID": active, "at": now.In(clock.Paris).AddDate(0, -6, -1).Format(time.RFC3339)},
			"FIRST_APPOINTMENT_TOO_OLD", []string{"input", "at"}},
		{"a new person's blank name", invitePerson, invite(" "),
			"NAME_REQUIRED", []string{"input", "displayName"}},
	} {
		t.Run(tc.mutation.name+": "+tc.mistake, func(t *testing.T) {
			before := records(t, api)
			errs := send(t, api, tc.mutation.account, tc.mutation.name, tc.mutation.inputType, tc.input)
			if len(errs) != 1 || errs[0].Code != tc.code || !slices.Equal(errs[0].Field, tc.field) {
				t.Fatalf("errors %+v, want one %s on %v", errs, tc.code, tc.field)
			}
			if !strings.Contains(strings.ToLower(errs[0].Message), "veuillez") {
				t.Errorf("message %q: want a polite French sentence", errs[0].Message)
			}
			if after := records(t, api); !maps.Equal(before, after) {
				t.Errorf("written although refused: before %v, after %v", before, after)
			}
		})
	}

	t.Run("the same inputs typed right are accepted, names trimmed", func(t *testing.T) {
		for _, tc := range []struct {
			mutation mutation
			input    map[string]any
		}{
			{requestAccompaniment, request(func(f map[string]any) { child(f, 0)["firstName"] = "  Lou " })},
			{bookChildren, book(func([]map[string]any) {})},
			// A device a couple of minutes fast is no mistake.
			{recordContact, contact("HOME_VISIT", now.Add(2*time.Minute))},
			{setFirstAppointment, map[string]any{"accompanimentID": active, "at": now.AddDate(0, -5, 0).Format(time.RFC3339)}},
			{invitePerson, invite(" Nadia Nouvelle ")},
		} {
			if errs := send(t, api, tc.mutation.account, tc.mutation.name, tc.mutation.inputType, tc.input); len(errs) > 0 {
				t.Errorf("%s: %+v", tc.mutation.name, errs)
			}
		}
		names, err := api.DB.Client.Child.Query().Select("first_name").Strings(apitest.Sys)
		if err != nil || !slices.Contains(names, "Lou") || slices.Contains(names, "  Lou ") {
			t.Errorf("children's names %q (%v): want Lou, trimmed", names, err)
		}
	})
}

// send runs a mutation as a demo account and returns its payload's errors;
// a request-level error fails the test.
func send(t *testing.T, api *apitest.API, account, name, inputType string, input map[string]any) apitest.UserErrors {
	t.Helper()
	doc := "mutation($input: " + inputType + "!) { " + name + "(input: $input) { errors { code message field } } }"
	p := api.Mutate(t, account, doc, map[string]any{"input": input})
	if len(p.Response.Errors) > 0 {
		t.Fatalf("%s: %+v", name, p.Response.Errors)
	}
	return p.Errors
}

// records counts what the mutations above write, and reads the date the
// first appointment sets.
func records(t *testing.T, api *apitest.API) map[string]int {
	t.Helper()
	c := api.DB.Client
	out := map[string]int{}
	for table, count := range map[string]func(context.Context) (int, error){
		"families":                  c.Family.Query().Count,
		"guardians":                 c.Guardian.Query().Count,
		"children":                  c.Child.Query().Count,
		"accompaniments":            c.Accompaniment.Query().Count,
		"bookings":                  c.Booking.Query().Count,
		"contact events":            c.ContactEvent.Query().Count,
		"first appointment changes": c.FirstAppointmentChange.Query().Count,
		"people":                    c.Person.Query().Count,
		"memberships":               c.Membership.Query().Count,
	} {
		n, err := count(apitest.Sys)
		if err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	a := c.Accompaniment.GetX(apitest.Sys, api.Demo.Accompaniments[accompaniment.StatusActive])
	out["active accompaniment's start (unix)"] = int(a.StartsAt.Unix())
	return out
}
