package calendar

import (
	"bytes"
	"strconv"
	"time"

	"github.com/emersion/go-ical"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// productID names the portal in the feeds (PRODID).
const productID = "-//Réseau Liens//Portail des partenaires//FR"

// encode writes the feed as an iCalendar object. Times in Europe/Paris
// carry TZID=Europe/Paris, with its VTIMEZONE, so that a 14:00 session
// stays 14:00 across the clock change in every client; others are UTC.
func (s *Service) encode(name string, events []event, now time.Time) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, productID)
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	cal.Props.SetText(ical.PropName, name)
	cal.Props.Set(raw("X-WR-CALNAME", escapeText(name)))
	cal.Props.Set(raw("X-WR-TIMEZONE", clock.DefaultZone))
	// Clients that honour it poll hourly (RFC 7986 wants VALUE=DURATION).
	refresh := raw(ical.PropRefreshInterval, "PT1H")
	refresh.Params.Set(ical.ParamValue, string(ical.ValueDuration))
	cal.Props.Set(refresh)
	cal.Children = append(cal.Children, parisTimezone())
	for _, e := range events {
		cal.Children = append(cal.Children, s.vevent(e, now).Component)
	}
	var b bytes.Buffer
	if err := ical.NewEncoder(&b).Encode(cal); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (s *Service) vevent(e event, now time.Time) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, e.id+"@"+s.host)
	ev.Props.SetDateTime(ical.PropDateTimeStamp, now.UTC())
	ev.Props.SetDateTime(ical.PropDateTimeStart, local(e.start, e.zone))
	ev.Props.SetDateTime(ical.PropDateTimeEnd, local(e.start.Add(e.duration), e.zone))
	ev.Props.SetText(ical.PropSummary, e.summary)
	if e.location != "" {
		ev.Props.SetText(ical.PropLocation, e.location)
	}
	ev.Props.Set(raw(ical.PropSequence, strconv.Itoa(e.sequence)))
	if e.cancelled {
		ev.SetStatus(ical.EventCancelled)
	} else {
		ev.SetStatus(ical.EventConfirmed)
	}
	ev.Props.SetDateTime(ical.PropCreated, e.created.UTC())
	ev.Props.SetDateTime(ical.PropLastModified, e.modified.UTC())
	return ev
}

// local is t in Europe/Paris when that is the event's zone (the one zone
// the feed describes), in UTC otherwise.
func local(t time.Time, zone *time.Location) time.Time {
	if zone.String() == clock.DefaultZone {
		return t.In(zone)
	}
	return t.UTC()
}

// parisTimezone is the VTIMEZONE of Europe/Paris: CET/CEST under the EU
// rule in force since 1996 (last Sunday of March at 02:00, last Sunday
// of October at 03:00).
func parisTimezone() *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, clock.DefaultZone)
	observance := func(kind, from, to, name, start, month string) *ical.Component {
		c := ical.NewComponent(kind)
		c.Props.Set(raw(ical.PropTimezoneOffsetFrom, from))
		c.Props.Set(raw(ical.PropTimezoneOffsetTo, to))
		c.Props.SetText(ical.PropTimezoneName, name)
		c.Props.Set(raw(ical.PropDateTimeStart, start)) // local time, no TZID: RFC 5545 §3.6.5
		c.Props.Set(raw(ical.PropRecurrenceRule, "FREQ=YEARLY;BYMONTH="+month+";BYDAY=-1SU"))
		return c
	}
	tz.Children = []*ical.Component{
		observance(ical.CompTimezoneDaylight, "+0100", "+0200", "CEST", "19700329T020000", "3"),
		observance(ical.CompTimezoneStandard, "+0200", "+0100", "CET", "19701025T030000", "10"),
	}
	return tz
}

// raw is a property of its default value type, holding value as written.
func raw(name, value string) *ical.Prop {
	p := ical.NewProp(name)
	p.Value = value
	return p
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11) for raw.
func escapeText(s string) string {
	p := ical.NewProp(ical.PropName)
	p.SetText(s)
	return p.Value
}
