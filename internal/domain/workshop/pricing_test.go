package workshop

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// arcs is the brochure's tariff: 55 € the individual hour, 900 € six
// weekly one-hour sessions for a group of six; travel at 0.50 €/km.
var arcs = Tariff{HourCents: 5500, SeriesCents: 90000, SeriesSessions: 6, TravelCentsPerKm: 50}

func TestPricingFollowsTheBrochure(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		req   Request
		total int64
		lines int
	}{
		{"one individual hour is 55 €", Request{Children: 1, GroupSize: 1, SessionsPerWeek: 1, Weeks: 1}, 5500, 1},
		{"six children, six weekly sessions is 900 €", Request{Children: 6, GroupSize: 6, SessionsPerWeek: 1, Weeks: 6}, 90000, 1},
		{"a smaller group pays the group price", Request{Children: 4, GroupSize: 6, SessionsPerWeek: 1, Weeks: 6}, 90000, 1},
		{"twelve children form two groups", Request{Children: 12, GroupSize: 6, SessionsPerWeek: 1, Weeks: 6}, 180000, 1},
		{"sessions beyond a series are priced at a sixth of it", Request{Children: 6, GroupSize: 6, SessionsPerWeek: 1, Weeks: 8}, 90000 + 2*15000, 2},
		{"three children seen one by one for four weeks", Request{Children: 3, GroupSize: 1, SessionsPerWeek: 1, Weeks: 4}, 12 * 5500, 1},
		{"travel is charged per kilometre for each session day", Request{Children: 6, GroupSize: 6, SessionsPerWeek: 1, Weeks: 6, TravelKm: 30}, 90000 + 6*30*50, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := Price(arcs, tc.req)
			if got := Total(lines); got != tc.total {
				t.Errorf("total = %d cents, want %d (lines %+v)", got, tc.total, lines)
			}
			if len(lines) != tc.lines {
				t.Errorf("%d lines, want %d: %+v", len(lines), tc.lines, lines)
			}
		})
	}
}

func TestScheduleIsWeeklyAndSkipsHolidayWeeks(t *testing.T) {
	t.Parallel()
	paris := clock.Paris
	first := time.Date(2027, 1, 5, 16, 30, 0, 0, paris) // a Tuesday
	last := clock.Date(2027, 3, 31)
	winterBreak := clock.Date(2027, 2, 11) // Thursday of the week of 8 February

	t.Run("six weekly sessions at the same time", func(t *testing.T) {
		got := Schedule(first, last, nil, 6, 1, paris)
		if len(got) != 6 {
			t.Fatalf("%d sessions, want 6", len(got))
		}
		for i, at := range got {
			if want := first.AddDate(0, 0, 7*i); !at.Equal(want) {
				t.Errorf("session %d at %s, want %s", i+1, at, want)
			}
		}
	})
	t.Run("a holiday week is skipped and the series ends a week later", func(t *testing.T) {
		got := Schedule(first, last, []time.Time{winterBreak}, 6, 1, paris)
		if len(got) != 6 {
			t.Fatalf("%d sessions, want 6", len(got))
		}
		for _, at := range got {
			if at.Month() == time.February && at.Day() == 9 {
				t.Errorf("a session falls in the holiday week: %s", at)
			}
		}
		if want := first.AddDate(0, 0, 7*6); !got[5].Equal(want) {
			t.Errorf("last session at %s, want %s", got[5], want)
		}
	})
	t.Run("no session after the last date", func(t *testing.T) {
		got := Schedule(first, clock.AsDay(first.AddDate(0, 0, 20)), nil, 6, 1, paris)
		if len(got) != 3 {
			t.Fatalf("%d sessions, want 3", len(got))
		}
	})
	t.Run("a weekly session keeps its local hour across the clock change", func(t *testing.T) {
		// 16:30 in Paris on Tuesday 23 March 2027, sent as a French client
		// does (+01:00); then 30 March and 6 April, after the change to
		// summer time on the 28th: still 16:30 in Paris.
		spring := time.Date(2027, 3, 23, 16, 30, 0, 0, time.FixedZone("", 3600))
		got := Schedule(spring, clock.Date(2027, 4, 30), nil, 3, 1, paris)
		if len(got) != 3 {
			t.Fatalf("%d sessions, want 3", len(got))
		}
		for i, at := range got {
			if local := at.In(paris); local.Hour() != 16 || local.Minute() != 30 {
				t.Errorf("session %d at %s in Paris, want 16:30", i+1, local)
			}
		}
		if got[0].UTC().Hour() != 15 || got[2].UTC().Hour() != 14 {
			t.Errorf("sessions at %v UTC: the clock change moves them in UTC, not in Paris", got)
		}
	})
	t.Run("two sessions a week are spread over it", func(t *testing.T) {
		got := Schedule(first, last, nil, 2, 2, paris)
		if len(got) != 4 || !got[1].Equal(first.AddDate(0, 0, 3)) {
			t.Fatalf("sessions %v", got)
		}
	})
}

func TestBookingPolicies(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		policy        BookingPolicy
		n, free, want int
	}{
		{ConfirmWhatFits, 3, 5, 3},
		{ConfirmWhatFits, 3, 2, 2},
		{ConfirmWhatFits, 3, 0, 0},
		{AsOneGroup, 3, 3, 3},
		{AsOneGroup, 3, 2, 0},
	} {
		if got := tc.policy.confirmed(tc.n, tc.free); got != tc.want {
			t.Errorf("%s with %d children and %d free seats confirms %d, want %d", tc.policy, tc.n, tc.free, got, tc.want)
		}
	}
}
