package workshop_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/workshop"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/schoolcalendar"
)

const setSchoolZoneDoc = `mutation($input: SetSchoolZoneInput!) { setSchoolZone(input: $input) {
	organisation { id schoolZone } errors { code message field } } }`

// sentQuote runs a school's request for children in groups up to sent,
// with the given tokens, and returns its ID.
func sentQuote(t *testing.T, api *apitest.API, tokens map[string]string, children, groupSize, weeks int) string {
	t.Helper()
	p := mustOK(t, mutate(t, api, tokens[demo.PartnerStaff], "requestQuote", requestQuoteDoc, map[string]any{
		"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
		"childrenCount": children, "groupSize": groupSize, "weeks": weeks, "place": "École, salle 2",
	}))
	q := map[string]any{"quoteID": p.Quote.ID}
	mustOK(t, mutate(t, api, tokens[demo.Practitioner], "priceQuote", priceQuoteDoc, q))
	mustOK(t, mutate(t, api, tokens[demo.Practitioner], "sendQuote", sendQuoteDoc, q))
	return p.Quote.ID
}

type acceptedSeries []struct {
	ID             string
	FirstSessionAt time.Time
	Sessions       []struct{ StartsAt time.Time }
}

func accept(t *testing.T, api *apitest.API, token, id string, first time.Time, last time.Time, holidays ...time.Time) (acceptedSeries, apitest.UserErrors) {
	t.Helper()
	in := map[string]any{"quoteID": id, "firstSessionAt": first.Format(time.RFC3339), "lastDate": clock.AsDay(last).Format(time.RFC3339)}
	if len(holidays) > 0 {
		in["holidayWeeks"] = holidays
	}
	p := mutate(t, api, token, "acceptQuote", acceptQuoteDoc, in)
	var series acceptedSeries
	if len(p.Series) > 0 {
		if err := json.Unmarshal(p.Series, &series); err != nil {
			t.Fatal(err)
		}
	}
	return series, p.Errors
}

func days(times []struct{ StartsAt time.Time }) []string {
	out := make([]string, len(times))
	for i, s := range times {
		out[i] = s.StartsAt.In(paris).Format("2006-01-02 15:04")
	}
	return out
}

func TestASchoolSeriesSkipsItsZonesHolidays(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	// Monday 1 February 2027; the series starts on Tuesday 2nd at 16:30
	// for six weeks, across the winter holidays of 2027, which differ by
	// zone: C from 6 to 22 February, A from 13 February to 1 March, B
	// from 20 February to 8 March.
	tokens := tokensAt(t, api, at(2027, 2, 1, 9, 0), demo.PartnerStaff, demo.Practitioner)
	first, last := at(2027, 2, 2, 16, 30), clock.Date(2027, 4, 2)
	for _, tc := range []struct {
		zone any
		want []string
	}{
		{"A", []string{"2027-02-02 16:30", "2027-02-09 16:30", "2027-03-02 16:30", "2027-03-09 16:30", "2027-03-16 16:30", "2027-03-23 16:30"}},
		{"B", []string{"2027-02-02 16:30", "2027-02-09 16:30", "2027-02-16 16:30", "2027-03-09 16:30", "2027-03-16 16:30", "2027-03-23 16:30"}},
		{"C", []string{"2027-02-02 16:30", "2027-02-23 16:30", "2027-03-02 16:30", "2027-03-09 16:30", "2027-03-16 16:30", "2027-03-23 16:30"}},
		// An organisation outside the calendar keeps every week.
		{nil, []string{"2027-02-02 16:30", "2027-02-09 16:30", "2027-02-16 16:30", "2027-02-23 16:30", "2027-03-02 16:30", "2027-03-09 16:30"}},
	} {
		name, _ := tc.zone.(string)
		t.Run("zone "+name, func(t *testing.T) {
			mustOK(t, mutate(t, api, tokens[demo.PartnerStaff], "setSchoolZone", setSchoolZoneDoc,
				map[string]any{"organisationID": api.Demo.SchoolID, "zone": tc.zone}))
			id := sentQuote(t, api, tokens, 6, 6, 6)
			series, errs := accept(t, api, tokens[demo.PartnerStaff], id, first, last)
			errs.WantNone(t)
			if len(series) != 1 {
				t.Fatalf("%d series, want 1", len(series))
			}
			if got := days(series[0].Sessions); !equal(got, tc.want) {
				t.Errorf("sessions %v\nwant     %v", got, tc.want)
			}
		})
	}

	mustOK(t, mutate(t, api, tokens[demo.PartnerStaff], "setSchoolZone", setSchoolZoneDoc,
		map[string]any{"organisationID": api.Demo.SchoolID, "zone": "B"}))
	t.Run("weeks typed by hand are skipped as well", func(t *testing.T) {
		id := sentQuote(t, api, tokens, 6, 6, 6)
		series, errs := accept(t, api, tokens[demo.PartnerStaff], id, first, last, clock.Date(2027, 2, 11))
		errs.WantNone(t)
		want := []string{"2027-02-02 16:30", "2027-02-16 16:30", "2027-03-09 16:30", "2027-03-16 16:30", "2027-03-23 16:30", "2027-03-30 16:30"}
		if got := days(series[0].Sessions); !equal(got, want) {
			t.Errorf("sessions %v\nwant     %v", got, want)
		}
	})
	t.Run("a first session during the zone's holidays is refused, naming them", func(t *testing.T) {
		id := sentQuote(t, api, tokens, 6, 6, 6)
		_, errs := accept(t, api, tokens[demo.PartnerStaff], id, at(2027, 2, 23, 16, 30), last)
		errs.WantCode(t, "INVALID_SCHEDULE")
		if msg := errs[0].Message; msg != "La première séance tombe pendant les vacances d'hiver de la zone B (reprise des cours le 08/03/2027)." {
			t.Errorf("message %q", msg)
		}
	})
	t.Run("the holidays count against the last date", func(t *testing.T) {
		id := sentQuote(t, api, tokens, 6, 6, 6)
		_, errs := accept(t, api, tokens[demo.PartnerStaff], id, first, clock.Date(2027, 3, 16))
		errs.WantCode(t, "INVALID_SCHEDULE")
	})
	t.Run("a series running past what the calendar knows is refused", func(t *testing.T) {
		id := sentQuote(t, api, tokens, 6, 6, 6)
		_, errs := accept(t, api, tokens[demo.PartnerStaff], id, at(2028, 6, 6, 16, 30), clock.Date(2028, 9, 30))
		errs.WantCode(t, "INVALID_SCHEDULE")
	})
}

// The planner over the shipped calendar, at fixed dates and without a
// portal: every zone, the spring holidays of 2026 and two sessions a week.
func TestThePlannerSkipsEachZonesSpringHolidays(t *testing.T) {
	t.Parallel()
	closed := func(z schoolcalendar.Zone) func(time.Time) bool {
		return func(day time.Time) bool {
			_, off := schoolcalendar.France.HolidayOn(z, day)
			return off
		}
	}
	// Monday 30 March 2026 at 10:00, then Thursday, for four weeks.
	first := at(2026, 3, 30, 10, 0)
	for zone, skipped := range map[schoolcalendar.Zone][]string{
		schoolcalendar.ZoneA: {"2026-04-06", "2026-04-13"}, // 4 to 20 April
		schoolcalendar.ZoneB: {"2026-04-13", "2026-04-20"}, // 11 to 27 April
		schoolcalendar.ZoneC: {"2026-04-20", "2026-04-27"}, // 18 April to 4 May
	} {
		times := workshop.ScheduleAround(first, clock.Date(2026, 6, 30), nil, closed(zone), 4, 2, paris)
		if len(times) != 8 {
			t.Fatalf("zone %s: %d sessions, want 8", zone, len(times))
		}
		for _, at := range times {
			monday := clock.DayOf(at, paris).AddDate(0, 0, -((int(at.In(paris).Weekday()) + 6) % 7)).Format(time.DateOnly)
			for _, s := range skipped {
				if monday == s {
					t.Errorf("zone %s: a session on %s, in the holidays", zone, at.In(paris))
				}
			}
			if h := at.In(paris).Hour(); h != 10 {
				t.Errorf("zone %s: a session at %dh, want 10h", zone, h)
			}
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
