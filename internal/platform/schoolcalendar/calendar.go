package schoolcalendar

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Zone is a zone of the national calendar.
type Zone string

// The zones of metropolitan France.
const (
	ZoneA Zone = "A"
	ZoneB Zone = "B"
	ZoneC Zone = "C"
)

// Holiday is one holiday of the calendar in some zones: classes end after
// LastClassDay and resume on the morning of BackOn. Both are days
// (clock.Date).
type Holiday struct {
	// Key names the holiday in the catalogue: school.holiday.<Key>.
	Key          string
	SchoolYear   string
	Zones        []Zone
	LastClassDay time.Time
	BackOn       time.Time
}

// Off reports whether day (a clock.Date) has no class in this holiday.
func (h Holiday) Off(day time.Time) bool {
	return day.After(h.LastClassDay) && day.Before(h.BackOn)
}

func (h Holiday) in(z Zone) bool {
	for _, hz := range h.Zones {
		if hz == z {
			return true
		}
	}
	return false
}

// Calendar is the holidays of a range of school years.
type Calendar struct {
	holidays []Holiday
	// from is the first day of class the data knows, until the last day
	// it covers (the last class day before the last summer).
	from, until time.Time
}

//go:embed france.csv
var franceCSV string

// France is the calendar shipped with the portal (france.csv).
var France = mustParse(franceCSV)

func mustParse(data string) *Calendar {
	c, err := Parse(strings.NewReader(data))
	if err != nil {
		panic(fmt.Sprintf("schoolcalendar: france.csv: %v", err))
	}
	return c
}

// Parse reads a calendar in the format of france.csv.
func Parse(r io.Reader) (*Calendar, error) {
	in := csv.NewReader(r)
	in.Comment = '#'
	in.FieldsPerRecord = 5
	rows, err := in.ReadAll()
	if err != nil {
		return nil, err
	}
	c := &Calendar{}
	for i, row := range rows {
		year, zones, key := row[0], row[1], row[2]
		last, err := day(row[3])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		back, err := day(row[4])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		switch {
		case key == "rentree":
			if back.IsZero() {
				return nil, fmt.Errorf("line %d: a rentrée without its day", i+1)
			}
			if c.from.IsZero() || back.Before(c.from) {
				c.from = back
			}
			continue
		case last.IsZero():
			return nil, fmt.Errorf("line %d: a holiday without its last class day", i+1)
		case back.IsZero():
			// The last summer: the file covers up to its last class day.
			if c.until.IsZero() || last.After(c.until) {
				c.until = last
			}
			continue
		case !back.After(last):
			return nil, fmt.Errorf("line %d: classes resume before they end", i+1)
		}
		h := Holiday{Key: key, SchoolYear: year, LastClassDay: last, BackOn: back}
		for _, z := range zones {
			switch zone := Zone(z); zone {
			case ZoneA, ZoneB, ZoneC:
				h.Zones = append(h.Zones, zone)
			default:
				return nil, fmt.Errorf("line %d: unknown zone %q", i+1, string(z))
			}
		}
		c.holidays = append(c.holidays, h)
	}
	if c.from.IsZero() || c.until.IsZero() {
		return nil, fmt.Errorf("no rentrée or no last summer: what the file covers is unknown")
	}
	return c, nil
}

func day(s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, err
	}
	return clock.AsDay(t), nil
}

// Covers reports whether the calendar knows whether day has class.
func (c *Calendar) Covers(day time.Time) bool {
	day = clock.AsDay(day)
	return !day.Before(c.from) && !day.After(c.until)
}

// Until is the last day the calendar covers.
func (c *Calendar) Until() time.Time { return c.until }

// From is the first day the calendar covers.
func (c *Calendar) From() time.Time { return c.from }

// HolidayOn returns the holiday of zone during which day has no class.
// Weekends between two class weeks are not holidays.
func (c *Calendar) HolidayOn(z Zone, day time.Time) (Holiday, bool) {
	day = clock.AsDay(day)
	for _, h := range c.holidays {
		if h.in(z) && h.Off(day) {
			return h, true
		}
	}
	return Holiday{}, false
}

// Holidays lists the holidays of zone, in the file's order.
func (c *Calendar) Holidays(z Zone) []Holiday {
	var out []Holiday
	for _, h := range c.holidays {
		if h.in(z) {
			out = append(out, h)
		}
	}
	return out
}
