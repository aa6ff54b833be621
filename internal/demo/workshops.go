package demo

import (
	"fmt"
	"time"

	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/quote"
)

// The ARCS series at the school: the model group of the brochure.
const (
	seriesSessions = 6
	seriesCapacity = 6
	sessionMinutes = 60
	travelKm       = 30
	travelCents    = 1500 // per return trip
	workshopPlace  = "École élémentaire Les Tilleuls (démo), salle polyvalente"
)

// bookingFamilies are the families of the children booked into the
// series by the school: six fill the group, the seventh waits.
var bookingFamilies = []familySpec{
	{
		ref: "DEMO-ABL-011", territory: cevennes, household: family.HouseholdCompositionSingleParent,
		guardians: []guardianSpec{{"Robin", "Essai", guardian.RelationshipMother, true}},
		children:  []childSpec{{"Ilyès", 8, 3}, {"Clara", 10, 6}},
	},
	{
		ref: "DEMO-ABL-012", territory: cevennes, household: family.HouseholdCompositionTwoParents,
		guardians: []guardianSpec{
			{"Kim", "Ébauche", guardian.RelationshipFather, true},
			{"Lee", "Ébauche", guardian.RelationshipMother, true},
		},
		children: []childSpec{{"Mia", 7, 4}},
	},
	{
		ref: "DEMO-ABL-013", territory: cevennes, household: family.HouseholdCompositionSingleParent,
		guardians: []guardianSpec{{"Claude", "Canevas", guardian.RelationshipFather, true}},
		children:  []childSpec{{"Nathan", 9, 8}, {"Jade", 11, 2}},
	},
	{
		ref: "DEMO-ABL-014", territory: cevennes, household: family.HouseholdCompositionSingleParent,
		guardians: []guardianSpec{{"Dany", "Patron", guardian.RelationshipLegalGuardian, true}},
		children:  []childSpec{{"Sarah", 8, 1}, {"Adam", 7, 9}},
	},
}

// loadWorkshops creates the accepted quote of the school, the upcoming
// series with its six weekly sessions, and the bookings.
func (l *loader) loadWorkshops() error {
	arcs := l.progs["ARCS"]
	school := l.orgs[orgSchool]

	seriesPrice := *arcs.GroupSeriesPriceCents
	travel := int64(seriesSessions * travelCents)
	q, err := l.c.Quote.Create().
		SetProviderID(arcs.ProviderID).
		SetProgrammeID(arcs.ID).
		SetOrganisationID(school.ID).
		SetRequestedByID(l.person(PartnerStaff)).
		SetPractitionerID(l.person(Practitioner)).
		SetStatus(quote.StatusAccepted).
		SetChildrenCount(seriesCapacity).
		SetGroupSize(seriesCapacity).
		SetSessionsPerWeek(1).
		SetWeeks(seriesSessions).
		SetPlace(workshopPlace).
		SetTravelKm(travelKm).
		SetTotalCents(seriesPrice + travel).
		SetCreatedAt(l.at(-28, 9, 0)).
		SetSentAt(l.at(-21, 10, 0)).
		SetExpiresAt(l.at(9, 10, 0)).
		SetRespondedAt(l.at(-14, 15, 0)).
		Save(l.ctx)
	if err != nil {
		return fmt.Errorf("quote: %w", err)
	}
	l.res.QuoteID = q.ID
	lines := []struct {
		label     string
		qty       int
		unit, sum int64
	}{
		{"6 séances de groupe", 1, seriesPrice, seriesPrice},
		{fmt.Sprintf("Déplacements (%d allers-retours de %d km)", seriesSessions, travelKm), seriesSessions, travelCents, travel},
	}
	for i, line := range lines {
		err := l.c.QuoteLine.Create().
			SetQuoteID(q.ID).
			SetPosition(i + 1).
			SetLabel(line.label).
			SetQuantity(line.qty).
			SetUnitPriceCents(line.unit).
			SetAmountCents(line.sum).
			Exec(l.ctx)
		if err != nil {
			return fmt.Errorf("quote line %d: %w", i+1, err)
		}
	}

	// The first session: a Tuesday at 16:30, at least ten days from now.
	first := l.day(10)
	for first.Weekday() != time.Tuesday {
		first = first.AddDate(0, 0, 1)
	}
	first = first.Add(16*time.Hour + 30*time.Minute)
	series, err := l.c.WorkshopSeries.Create().
		SetProviderID(arcs.ProviderID).
		SetProgrammeID(arcs.ID).
		SetHostOrganisationID(school.ID).
		SetPractitionerID(l.person(Practitioner)).
		SetQuoteID(q.ID).
		SetTitle("ARCS : confiance scolaire, cycle 3 (démo)").
		SetPlace(workshopPlace).
		SetCapacity(seriesCapacity).
		SetFirstSessionAt(first).
		Save(l.ctx)
	if err != nil {
		return fmt.Errorf("workshop series: %w", err)
	}
	l.res.SeriesID = series.ID
	for week := range seriesSessions {
		err := l.c.WorkshopSession.Create().
			SetSeriesID(series.ID).
			SetStartsAt(first.AddDate(0, 0, 7*week)).
			SetDurationMinutes(sessionMinutes).
			Exec(l.ctx)
		if err != nil {
			return fmt.Errorf("workshop session %d: %w", week+1, err)
		}
	}

	// Bookings in order of request: the group is full and the last child
	// waits, as the booking flow would have it (a child waits only when no
	// seat is free), so that the waiting list can be seen and tested.
	const confirmedSeats = seriesCapacity
	requestedDay := -12
	booked := 0
	for _, spec := range bookingFamilies {
		f, children, err := l.createFamily(l.abl.ID, spec)
		if err != nil {
			return err
		}
		if err := l.consents(f, PartnerStaff, requestedDay, nil, consent.PurposePartnerContact); err != nil {
			return err
		}
		for _, c := range children {
			b := l.c.Booking.Create().
				SetSeriesID(series.ID).
				SetChildID(c.ID).
				SetOrganisationID(school.ID).
				SetBookedByID(l.person(PartnerStaff)).
				SetRequestedAt(l.at(requestedDay, 11, booked)).
				SetPosition(booked + 1)
			if booked < confirmedSeats {
				b.SetStatus(booking.StatusConfirmed).SetConfirmedAt(l.at(requestedDay+1, 9, booked))
			} else {
				b.SetStatus(booking.StatusWaiting)
			}
			if err := b.Exec(l.ctx); err != nil {
				return fmt.Errorf("booking of %s: %w", c.FirstName, err)
			}
			booked++
			requestedDay++
		}
	}
	return nil
}
