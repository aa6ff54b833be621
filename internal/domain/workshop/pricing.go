package workshop

import (
	"fmt"

	"github.com/reseau-liens/portal/ent"
)

// Tariff is what a workshop programme charges (prices VAT included, in
// euro cents).
type Tariff struct {
	// HourCents is one individual one-hour session (ARCS: 5500).
	HourCents int64
	// SeriesCents is the model group series (ARCS: 90000 for six weekly
	// one-hour sessions of a group of up to six children).
	SeriesCents int64
	// SeriesSessions is the number of sessions in the model series (6).
	SeriesSessions int
	// TravelCentsPerKm prices travel (see config.Workshop).
	TravelCentsPerKm int64
}

// TariffOf reads a programme's tariff.
func TariffOf(p *ent.Programme, travelCentsPerKm int64) Tariff {
	t := Tariff{HourCents: p.PriceCents, TravelCentsPerKm: travelCentsPerKm}
	if p.GroupSeriesPriceCents != nil && p.GroupSeriesSessions != nil && *p.GroupSeriesSessions > 0 {
		t.SeriesCents, t.SeriesSessions = *p.GroupSeriesPriceCents, *p.GroupSeriesSessions
	}
	return t
}

// Request is what a quote prices.
type Request struct {
	Children, GroupSize, SessionsPerWeek, Weeks, TravelKm int
}

// Sessions is the number of sessions each group attends.
func (r Request) Sessions() int { return r.SessionsPerWeek * r.Weeks }

// Groups is the number of groups the children form.
func (r Request) Groups() int { return (r.Children + r.GroupSize - 1) / r.GroupSize }

// Line is one line of a quote.
type Line struct {
	Label          string
	Quantity       int
	UnitPriceCents int64
}

// Amount is the line's total.
func (l Line) Amount() int64 { return int64(l.Quantity) * l.UnitPriceCents }

// Total sums lines.
func Total(lines []Line) int64 {
	var sum int64
	for _, l := range lines {
		sum += l.Amount()
	}
	return sum
}

// Price proposes the lines of a quote from the tariff:
//   - children seen one by one pay the individual hour per session;
//   - groups pay the model series price for each full model series
//     (900 € for six sessions), and the series price divided by its
//     sessions for any session beyond;
//   - travel is charged per kilometre, TravelKm being the round trip to
//     the place, once per session day.
//
// The practitioner may then adjust the lines.
func Price(t Tariff, r Request) []Line {
	var lines []Line
	sessions := r.Sessions()
	if r.GroupSize <= 1 || t.SeriesSessions == 0 {
		lines = append(lines, Line{
			Label:          "Séances individuelles d'une heure",
			Quantity:       r.Children * sessions,
			UnitPriceCents: t.HourCents,
		})
	} else {
		groups := r.Groups()
		if full := sessions / t.SeriesSessions; full > 0 {
			lines = append(lines, Line{
				Label:          fmt.Sprintf("Série de %d séances d'une heure, groupe de %d enfants au plus", t.SeriesSessions, r.GroupSize),
				Quantity:       groups * full,
				UnitPriceCents: t.SeriesCents,
			})
		}
		if rest := sessions % t.SeriesSessions; rest > 0 {
			lines = append(lines, Line{
				Label:          "Séance de groupe d'une heure",
				Quantity:       groups * rest,
				UnitPriceCents: t.SeriesCents / int64(t.SeriesSessions),
			})
		}
	}
	if r.TravelKm > 0 && t.TravelCentsPerKm > 0 {
		lines = append(lines, Line{
			Label:          fmt.Sprintf("Déplacements : %d allers-retours de %d km", sessions, r.TravelKm),
			Quantity:       sessions * r.TravelKm,
			UnitPriceCents: t.TravelCentsPerKm,
		})
	}
	return lines
}
