package schoolcalendar_test

import (
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/schoolcalendar"
)

func TestEachZoneHasItsOwnWinterHolidaysIn2027(t *testing.T) {
	t.Parallel()
	// 2026-2027: zone C first, then A, then B (official calendar).
	cases := []struct {
		zone                schoolcalendar.Zone
		firstOff, lastOff   time.Time
		dayBefore, dayAfter time.Time
	}{
		{schoolcalendar.ZoneC, clock.Date(2027, 2, 7), clock.Date(2027, 2, 21), clock.Date(2027, 2, 5), clock.Date(2027, 2, 22)},
		{schoolcalendar.ZoneA, clock.Date(2027, 2, 14), clock.Date(2027, 2, 28), clock.Date(2027, 2, 12), clock.Date(2027, 3, 1)},
		{schoolcalendar.ZoneB, clock.Date(2027, 2, 21), clock.Date(2027, 3, 7), clock.Date(2027, 2, 19), clock.Date(2027, 3, 8)},
	}
	for _, c := range cases {
		t.Run("zone "+string(c.zone), func(t *testing.T) {
			for d := c.firstOff; !d.After(c.lastOff); d = d.AddDate(0, 0, 1) {
				h, off := schoolcalendar.France.HolidayOn(c.zone, d)
				if !off || h.Key != "hiver" || h.SchoolYear != "2026-2027" {
					t.Errorf("%s: off %v in %+v, want the winter holidays", d.Format(time.DateOnly), off, h)
				}
			}
			for _, d := range []time.Time{c.dayBefore, c.dayAfter} {
				if h, off := schoolcalendar.France.HolidayOn(c.zone, d); off {
					t.Errorf("%s (%s) has class, but reads as %s", d.Format(time.DateOnly), d.Weekday(), h.Key)
				}
			}
		})
	}
	t.Run("the other zones have class during zone B's first winter week", func(t *testing.T) {
		monday := clock.Date(2027, 2, 22)
		if _, off := schoolcalendar.France.HolidayOn(schoolcalendar.ZoneA, monday); !off {
			t.Error("zone A is on holiday on 22 February 2027")
		}
		if _, off := schoolcalendar.France.HolidayOn(schoolcalendar.ZoneC, monday); off {
			t.Error("zone C is back on 22 February 2027")
		}
	})
}

func TestCommonHolidaysAreEveryZones(t *testing.T) {
	t.Parallel()
	for _, d := range []struct {
		day time.Time
		key string
	}{
		{clock.Date(2026, 10, 26), "toussaint"},
		{clock.Date(2026, 12, 28), "noel"},
		{clock.Date(2027, 5, 7), "ascension"},
		{clock.Date(2027, 8, 16), "ete"},
	} {
		for _, z := range []schoolcalendar.Zone{schoolcalendar.ZoneA, schoolcalendar.ZoneB, schoolcalendar.ZoneC} {
			if h, off := schoolcalendar.France.HolidayOn(z, d.day); !off || h.Key != d.key {
				t.Errorf("zone %s on %s: off %v in %q, want %s", z, d.day.Format(time.DateOnly), off, h.Key, d.key)
			}
		}
	}
	if _, off := schoolcalendar.France.HolidayOn(schoolcalendar.ZoneB, clock.Date(2027, 5, 4)); off {
		t.Error("Tuesday 4 May 2027 has class before the Ascension bridge")
	}
}

// The file is typed by hand: its shape catches a slip of the finger.
func TestTheShippedFileIsConsistent(t *testing.T) {
	t.Parallel()
	cal := schoolcalendar.France
	if !cal.Covers(clock.Date(2025, 9, 1)) || !cal.Covers(clock.Date(2028, 6, 30)) {
		t.Fatalf("the calendar covers %s to %s, want at least the school years 2025-2026 to 2027-2028",
			cal.From().Format(time.DateOnly), cal.Until().Format(time.DateOnly))
	}
	if cal.Covers(cal.Until().AddDate(0, 0, 1)) || cal.Covers(cal.From().AddDate(0, 0, -1)) {
		t.Error("the calendar claims days beyond its data")
	}
	for _, z := range []schoolcalendar.Zone{schoolcalendar.ZoneA, schoolcalendar.ZoneB, schoolcalendar.ZoneC} {
		perYear := map[string]map[string]int{}
		hs := cal.Holidays(z)
		for i, h := range hs {
			if perYear[h.SchoolYear] == nil {
				perYear[h.SchoolYear] = map[string]int{}
			}
			perYear[h.SchoolYear][h.Key]++
			if h.BackOn.Weekday() == time.Saturday || h.BackOn.Weekday() == time.Sunday {
				t.Errorf("zone %s: classes resume on a %s (%+v)", z, h.BackOn.Weekday(), h)
			}
			if h.Key != "ascension" && h.Key != "ete" {
				if h.LastClassDay.Weekday() != time.Saturday {
					t.Errorf("zone %s: %s %s starts after a %s", z, h.Key, h.SchoolYear, h.LastClassDay.Weekday())
				}
				if days := h.BackOn.Sub(h.LastClassDay).Hours() / 24; days < 16 || days > 17 {
					t.Errorf("zone %s: %s %s lasts %v days, want two weeks", z, h.Key, h.SchoolYear, days)
				}
			}
			if i > 0 && !h.LastClassDay.After(hs[i-1].BackOn) {
				t.Errorf("zone %s: %s %s overlaps the holiday before it", z, h.Key, h.SchoolYear)
			}
		}
		for _, year := range []string{"2025-2026", "2026-2027", "2027-2028"} {
			for _, key := range []string{"toussaint", "noel", "hiver", "printemps", "ascension"} {
				if perYear[year][key] != 1 {
					t.Errorf("zone %s, %s: %d %s holidays, want 1", z, year, perYear[year][key], key)
				}
			}
		}
	}
}

func TestAFileWithoutItsBoundsIsRefused(t *testing.T) {
	t.Parallel()
	for name, data := range map[string]string{
		"no rentrée":       "2025-2026,ABC,ete,2026-07-04,\n",
		"no last summer":   "2025-2026,ABC,rentree,,2025-09-01\n",
		"an unknown zone":  "2025-2026,ABC,rentree,,2025-09-01\n2025-2026,D,hiver,2026-02-07,2026-02-23\n2025-2026,ABC,ete,2026-07-04,\n",
		"back before gone": "2025-2026,ABC,rentree,,2025-09-01\n2025-2026,A,hiver,2026-02-23,2026-02-07\n2025-2026,ABC,ete,2026-07-04,\n",
		"a malformed day":  "2025-2026,ABC,rentree,,2025-09-31\n2025-2026,ABC,ete,2026-07-04,\n",
	} {
		if _, err := schoolcalendar.Parse(strings.NewReader(data)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}
