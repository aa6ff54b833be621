package calendar_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

var sys = viewer.SystemContext(context.Background())

const create = `mutation($in: CreateCalendarFeedInput!) { createCalendarFeed(input: $in) {
	feed { id kind } url errors { code message } } }`

const revoke = `mutation($id: ID!) { revokeCalendarFeed(input: {feedID: $id}) { feed { id revokedAt } errors { code } } }`

type created struct {
	CreateCalendarFeed struct {
		Feed   *struct{ ID, Kind string }
		URL    *string
		Errors []struct{ Code, Message string }
	}
}

// createFeed creates a feed as the bearer of token and returns its id and
// URL, failing on a refusal.
func createFeed(t *testing.T, api *apitest.API, token string, in map[string]any) (string, string) {
	t.Helper()
	var got created
	api.MustSucceed(t, token, create, map[string]any{"in": in}, &got)
	p := got.CreateCalendarFeed
	if len(p.Errors) > 0 || p.Feed == nil || p.URL == nil {
		t.Fatalf("createCalendarFeed %v: %+v", in, p)
	}
	return p.Feed.ID, *p.URL
}

// fetch reads a feed as a calendar application would: a plain GET of its
// URL (here on the test server), no credentials.
func fetch(t *testing.T, api *apitest.API, feedURL string) (int, http.Header, string) {
	t.Helper()
	u, err := url.Parse(feedURL)
	if err != nil || !strings.HasPrefix(u.Path, "/calendars/") || !strings.HasSuffix(u.Path, ".ics") {
		t.Fatalf("feed URL %q", feedURL)
	}
	res, err := api.Server.Client().Get(api.Server.URL + u.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(body)
}

// parse reads a feed with golang-ical, another library than the one that
// wrote it, and indexes its events by UID.
func parse(t *testing.T, body string) (*ics.Calendar, map[string]*ics.VEvent) {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, body)
	}
	events := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		events[e.Id()] = e
	}
	return cal, events
}

func prop(e *ics.VEvent, p ics.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func sequence(t *testing.T, e *ics.VEvent) int {
	t.Helper()
	n, err := strconv.Atoi(prop(e, ics.ComponentPropertySequence))
	if err != nil {
		t.Fatalf("SEQUENCE of %s: %v", e.Id(), err)
	}
	return n
}

func TestAnOrganisationsBookedSessionsAsAFeed(t *testing.T) {
	api := apitest.New(t)
	paris := clock.Zone("Europe/Paris")
	// The demo series, moved to weekly Tuesdays at 16:30 around the clock
	// change of Sunday 28 March 2027.
	sessions := api.DB.Client.WorkshopSession.Query().
		Where(workshopsession.SeriesID(api.Demo.SeriesID)).Order(ent.Asc(workshopsession.FieldStartsAt)).AllX(sys)
	if len(sessions) < 3 {
		t.Fatalf("%d sessions in the demo series", len(sessions))
	}
	for i, s := range sessions {
		sessions[i] = api.DB.Client.WorkshopSession.UpdateOne(s).SetStartsAt(time.Date(2027, time.March, 16+7*i, 16, 30, 0, 0, paris)).SaveX(sys)
	}

	staff := api.Token(t, demo.PartnerStaff)
	feedID, feedURL := createFeed(t, api, staff, map[string]any{"kind": "ORGANISATION", "organisationID": api.Demo.SchoolID})
	status, header, body := fetch(t, api, feedURL)
	if status != http.StatusOK || header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("status %d, Content-Type %q: %s", status, header.Get("Content-Type"), body)
	}
	cal, events := parse(t, body)

	t.Run("one event per session, UID the session's id at the portal's host", func(t *testing.T) {
		if len(events) != len(sessions) {
			t.Fatalf("%d events for %d sessions", len(events), len(sessions))
		}
		for _, s := range sessions {
			e := events[string(s.ID)+"@localhost"]
			if e == nil {
				t.Fatalf("no event %s@localhost in %v", s.ID, body)
			}
			if prop(e, ics.ComponentPropertyStatus) != "CONFIRMED" || sequence(t, e) != 0 {
				t.Errorf("%s: STATUS %s, SEQUENCE %d", e.Id(), prop(e, ics.ComponentPropertyStatus), sequence(t, e))
			}
		}
	})

	t.Run("the local hour stays 16:30 across the clock change of 28 March 2027", func(t *testing.T) {
		change := time.Date(2027, time.March, 28, 1, 0, 0, 0, time.UTC)
		for _, s := range sessions {
			e := events[string(s.ID)+"@localhost"]
			start, err := e.GetStartAt()
			if err != nil {
				t.Fatal(err)
			}
			if tz := e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tz) != 1 || tz[0] != "Europe/Paris" {
				t.Errorf("DTSTART TZID %v", tz)
			}
			local := start.In(paris)
			if local.Hour() != 16 || local.Minute() != 30 || local.Weekday() != time.Tuesday {
				t.Errorf("%s starts at %s, Paris", e.Id(), local)
			}
			wantUTC := 15 // CET, UTC+1
			if start.After(change) {
				wantUTC = 14 // CEST, UTC+2
			}
			if start.UTC().Hour() != wantUTC || !start.Equal(s.StartsAt) {
				t.Errorf("%s starts at %s UTC, want %d:30 (stored %s)", e.Id(), start.UTC(), wantUTC, s.StartsAt)
			}
			if end, err := e.GetEndAt(); err != nil || end.Sub(start) != time.Duration(s.DurationMinutes)*time.Minute {
				t.Errorf("%s ends at %s (%v)", e.Id(), end, err)
			}
		}
		var zones []string
		for _, c := range cal.Components {
			if tz, ok := c.(*ics.VTimezone); ok {
				zones = append(zones, prop(&ics.VEvent{ComponentBase: tz.ComponentBase}, ics.ComponentPropertyTzid))
			}
		}
		if len(zones) != 1 || zones[0] != "Europe/Paris" {
			t.Errorf("VTIMEZONE %v", zones)
		}
	})

	t.Run("a moved session keeps its UID and gets a higher SEQUENCE", func(t *testing.T) {
		before := sequence(t, events[string(sessions[1].ID)+"@localhost"])
		api.Clock.Advance(time.Hour)
		moved := sessions[1].StartsAt.Add(24 * time.Hour)
		api.DB.Client.WorkshopSession.UpdateOneID(sessions[1].ID).SetStartsAt(moved).ExecX(sys)
		_, _, body := fetch(t, api, feedURL)
		_, after := parse(t, body)
		e := after[string(sessions[1].ID)+"@localhost"]
		start, _ := e.GetStartAt()
		if !start.Equal(moved) || sequence(t, e) <= before {
			t.Fatalf("moved to %s, SEQUENCE %d after %d", start, sequence(t, e), before)
		}
		if other := after[string(sessions[0].ID)+"@localhost"]; sequence(t, other) != 0 {
			t.Errorf("an unmoved session's SEQUENCE is %d", sequence(t, other))
		}
	})

	t.Run("a cancelled series' sessions are STATUS:CANCELLED, with a higher SEQUENCE", func(t *testing.T) {
		_, _, body := fetch(t, api, feedURL)
		_, before := parse(t, body)
		api.Clock.Advance(time.Hour)
		api.DB.Client.WorkshopSeries.UpdateOneID(api.Demo.SeriesID).SetStatus(workshopseries.StatusCancelled).ExecX(sys)
		_, _, body = fetch(t, api, feedURL)
		_, after := parse(t, body)
		for uid, e := range after {
			if prop(e, ics.ComponentPropertyStatus) != "CANCELLED" || sequence(t, e) <= sequence(t, before[uid]) {
				t.Errorf("%s: STATUS %s, SEQUENCE %d after %d", uid, prop(e, ics.ComponentPropertyStatus), sequence(t, e), sequence(t, before[uid]))
			}
		}
	})

	t.Run("nobody else revokes the feed", func(t *testing.T) {
		var got map[string]struct{ Errors []struct{ Code string } }
		api.MustSucceed(t, api.Token(t, demo.Coordinator), revoke, map[string]any{"id": feedID}, &got)
		if errs := got["revokeCalendarFeed"].Errors; len(errs) != 1 || errs[0].Code != "NOT_FOUND" {
			t.Fatalf("revoked by the coordinator: %+v", errs)
		}
		if status, _, _ := fetch(t, api, feedURL); status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
	})

	t.Run("revoked, the feed answers 404", func(t *testing.T) {
		var got map[string]struct {
			Feed   *struct{ RevokedAt *string }
			Errors []struct{ Code string }
		}
		api.MustSucceed(t, staff, revoke, map[string]any{"id": feedID}, &got)
		if p := got["revokeCalendarFeed"]; len(p.Errors) > 0 || p.Feed == nil || p.Feed.RevokedAt == nil {
			t.Fatalf("revocation: %+v", p)
		}
		if status, _, _ := fetch(t, api, feedURL); status != http.StatusNotFound {
			t.Fatalf("status %d", status)
		}
		if status, _, _ := fetch(t, api, strings.Replace(feedURL, "calf_", "calf_x", 1)); status != http.StatusNotFound {
			t.Fatalf("a made-up secret: status %d", status)
		}
	})
}

func TestAnEducatorsFirstAppointmentsAsAFeed(t *testing.T) {
	api := apitest.New(t)
	_, feedURL := createFeed(t, api, api.Token(t, demo.Educator), map[string]any{"kind": "APPOINTMENTS"})
	status, _, body := fetch(t, api, feedURL)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	_, events := parse(t, body)
	files := api.DB.Client.Accompaniment.Query().
		Where(accompaniment.HasEducatorsWith(person.ID(api.Demo.People[demo.Educator])), accompaniment.FirstAppointmentAtNotNil()).
		WithFamily().WithFirstAppointmentChanges().AllX(sys)
	if len(files) == 0 || len(events) != len(files) {
		t.Fatalf("%d events for %d files with a first appointment", len(events), len(files))
	}
	for _, a := range files {
		e := events[string(a.ID)+"@localhost"]
		if e == nil {
			t.Fatalf("no event for %s", a.ID)
		}
		start, err := e.GetStartAt()
		if err != nil || !start.Equal(*a.FirstAppointmentAt) {
			t.Errorf("%s starts at %s (%v), want %s", a.ID, start, err, a.FirstAppointmentAt)
		}
		summary := prop(e, ics.ComponentPropertySummary)
		if !strings.HasPrefix(summary, "Premier rendez-vous") || !strings.Contains(summary, a.Edges.Family.Reference) {
			t.Errorf("SUMMARY %q", summary)
		}
		if want := max(len(a.Edges.FirstAppointmentChanges)-1, 0); sequence(t, e) < want {
			t.Errorf("%s: SEQUENCE %d for %d changes", a.ID, sequence(t, e), len(a.Edges.FirstAppointmentChanges))
		}
	}
}

func TestFeedsOnlyForWhatThePersonFollows(t *testing.T) {
	api := apitest.New(t)
	// A cancelled series leaves the public catalogue: another provider's
	// educator cannot see it.
	hidden := api.DB.Client.WorkshopSeries.Create().SetProviderID(api.Demo.ProviderID).SetProgrammeID(api.Demo.Programmes["ARCS"]).
		SetHostOrganisationID(api.Demo.SchoolID).SetTitle("Série annulée").SetPlace("École").SetCapacity(6).
		SetStatus(workshopseries.StatusCancelled).SaveX(sys).ID
	for _, tc := range []struct {
		name, account string
		in            map[string]any
		code          string
	}{
		{"partner staff have no first appointments", demo.PartnerStaff, map[string]any{"kind": "APPOINTMENTS"}, "FORBIDDEN"},
		{"an educator is no member of the school", demo.Educator, map[string]any{"kind": "ORGANISATION", "organisationID": api.Demo.SchoolID}, "FORBIDDEN"},
		{"a series feed names its series", demo.Coordinator, map[string]any{"kind": "SERIES"}, "BAD_USER_INPUT"},
		{"a series out of sight does not exist", demo.RelianceEducator, map[string]any{"kind": "SERIES", "seriesID": hidden}, "NOT_FOUND"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got created
			api.MustSucceed(t, api.Token(t, tc.account), create, map[string]any{"in": tc.in}, &got)
			p := got.CreateCalendarFeed
			if len(p.Errors) != 1 || p.Errors[0].Code != tc.code || p.URL != nil || p.Feed != nil {
				t.Fatalf("%+v", p)
			}
		})
	}
	t.Run("a series feed for a practitioner", func(t *testing.T) {
		_, feedURL := createFeed(t, api, api.Token(t, demo.Practitioner), map[string]any{"kind": "SERIES", "seriesID": api.Demo.SeriesID})
		if status, _, body := fetch(t, api, feedURL); status != http.StatusOK || !strings.Contains(body, "BEGIN:VEVENT") {
			t.Fatalf("status %d: %s", status, body)
		}
	})
	t.Run("anonymous visitors create none", func(t *testing.T) {
		res := api.Do(t, "", create, map[string]any{"in": map[string]any{"kind": "APPOINTMENTS"}})
		var got created
		res.Decode(t, &got)
		if p := got.CreateCalendarFeed; len(p.Errors) != 1 || p.Errors[0].Code != "UNAUTHENTICATED" {
			t.Fatalf("%+v %+v", p, res.Errors)
		}
	})
}

func TestAnEducatorsPlannedAppointmentsAreInHerFeedWithoutTheFamilysAddress(t *testing.T) {
	api := apitest.New(t)
	educator := api.Token(t, demo.Educator)
	accID := api.Demo.Accompaniments[accompaniment.StatusActive]
	a := api.DB.Client.Accompaniment.Query().Where(accompaniment.ID(accID)).WithFamily().OnlyX(sys)
	api.Mutate(t, demo.Educator, `mutation($in: SetFamilyContactInput!) { setFamilyContact(input: $in) { errors { code } } }`,
		map[string]any{"in": map[string]any{"familyID": a.FamilyID, "postalAddress": "9 chemin des Vignes, 30000 Nîmes"}}).WantOK(t)
	plan := func(kind, place string) string {
		var got struct{ ID string }
		api.Mutate(t, demo.Educator, `mutation($in: PlanAppointmentInput!) { planAppointment(input: $in) { appointment { id } errors { code message } } }`,
			map[string]any{"in": map[string]any{"accompanimentID": accID, "kind": kind, "durationMinutes": 90, "place": place,
				"startsAt": api.Clock.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}}).WantOK(t).Decode(t, "appointment", &got)
		return got.ID
	}
	visit, call := plan("HOME_VISIT", ""), plan("CALL", "Bureau 2")
	api.Mutate(t, demo.Educator, `mutation($in: CancelAppointmentInput!) { cancelAppointment(input: $in) { errors { code } } }`,
		map[string]any{"in": map[string]any{"appointmentID": call}}).WantOK(t)

	_, feedURL := createFeed(t, api, educator, map[string]any{"kind": "APPOINTMENTS"})
	status, _, body := fetch(t, api, feedURL)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if strings.Contains(body, "Vignes") {
		t.Fatalf("the family's address left the portal: %s", body)
	}
	_, events := parse(t, body)
	v, c := events[visit+"@localhost"], events[call+"@localhost"]
	if v == nil || c == nil {
		t.Fatalf("no event for the visit or the call: %s", body)
	}
	if s := prop(v, ics.ComponentPropertySummary); s != "Visite à domicile – famille "+a.Edges.Family.Reference {
		t.Errorf("SUMMARY %q", s)
	}
	if l := prop(v, ics.ComponentPropertyLocation); l != "" {
		t.Errorf("the home visit shows a LOCATION %q", l)
	}
	if l := prop(c, ics.ComponentPropertyLocation); l != "Bureau 2" {
		t.Errorf("LOCATION %q", l)
	}
	if s := prop(c, ics.ComponentPropertyStatus); s != "CANCELLED" {
		t.Errorf("the cancelled call's STATUS %q", s)
	}
	if s := prop(v, ics.ComponentPropertyStatus); s == "CANCELLED" {
		t.Errorf("the planned visit is shown cancelled")
	}
}
