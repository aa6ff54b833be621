package main

import (
	"context"
	"fmt"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/demo"
)

// size is the generated data set.
type size struct {
	families, contacts, series, bookings, sessions, audit int
}

// seriesCapacity is the seats of a generated series (ARCS groups hold 6
// children at most).
const seriesCapacity = 6

// batch is how many rows one INSERT carries (PostgreSQL allows 65535
// parameters per statement).
const batch = 1000

// The mixes of the generated families and files.
var (
	households = []family.HouseholdComposition{family.HouseholdCompositionSingleParent, family.HouseholdCompositionTwoParents,
		family.HouseholdCompositionBlended, family.HouseholdCompositionSingleParent, family.HouseholdCompositionExtended}
	situations = []family.SocioEconomicSituation{family.SocioEconomicSituationEmployed, family.SocioEconomicSituationMinimumIncome,
		family.SocioEconomicSituationBelowPovertyLine, family.SocioEconomicSituationOther}
	accompanimentProgrammes = []string{"MIP", "MADI", "MAPA"}
)

// generate adds a realistic caseload to the demo provider: families with
// guardians and children, an active accompaniment each with its contact
// log (files requested over the last year across the accompaniment
// programmes), and workshop series with their sessions and bookings (half
// of them full with a waiting list, half with free seats).
func generate(ctx context.Context, c *ent.Client, d *demo.Result, s size) error {
	now := c.Clock.Now()
	educator := d.People[demo.Educator]
	childIDs := make([]pulid.ID, 0, 2*s.families)
	for from := 0; from < s.families; from += batch {
		n := min(batch, s.families-from)
		fams := make([]*ent.FamilyCreate, n)
		for i := range n {
			k := from + i
			fams[i] = c.Family.Create().SetProviderID(d.ProviderID).SetReference(fmt.Sprintf("BENCH-%06d", k)).
				SetTerritory("Paris").SetHouseholdComposition(households[k%len(households)]).
				SetSocioEconomicSituation(situations[k%len(situations)])
		}
		created, err := c.Family.CreateBulk(fams...).Save(ctx)
		if err != nil {
			return fmt.Errorf("families: %w", err)
		}
		var guardians []*ent.GuardianCreate
		var children []*ent.ChildCreate
		var accs []*ent.AccompanimentCreate
		for i, f := range created {
			guardians = append(guardians, c.Guardian.Create().SetFamilyID(f.ID).SetFirstName("Camille").
				SetLastName(fmt.Sprintf("Bench%d", from+i)).SetRelationship(guardian.RelationshipMother).SetRequester(true))
			for k := range 2 {
				children = append(children, c.Child.Create().SetFamilyID(f.ID).SetFirstName(fmt.Sprintf("Enfant%d", k+1)).
					SetBirthDate(now.AddDate(-4-3*k, 0, 0)).SetSchoolLevel(child.SchoolLevelPreschool))
			}
			// Files requested over the last year, across the accompaniment
			// programmes, for the activity figures to count.
			k := from + i
			starts := now.AddDate(0, 0, -30-k%330)
			accs = append(accs, c.Accompaniment.Create().SetProviderID(d.ProviderID).SetFamilyID(f.ID).
				SetProgrammeID(d.Programmes[accompanimentProgrammes[k%len(accompanimentProgrammes)]]).SetStatus(accompaniment.StatusActive).SetSelfReferral(true).
				SetRequestedAt(starts.AddDate(0, -1, 0)).SetValidatedAt(starts.AddDate(0, 0, -7)).
				SetFirstAppointmentAt(starts).SetStartsAt(starts).SetEndsAt(starts.AddDate(0, 6, 0)).AddEducatorIDs(educator))
		}
		if err := c.Guardian.CreateBulk(guardians...).Exec(ctx); err != nil {
			return fmt.Errorf("guardians: %w", err)
		}
		kids, err := c.Child.CreateBulk(children...).Save(ctx)
		if err != nil {
			return fmt.Errorf("children: %w", err)
		}
		for _, k := range kids {
			childIDs = append(childIDs, k.ID)
		}
		created2, err := c.Accompaniment.CreateBulk(accs...).Save(ctx)
		if err != nil {
			return fmt.Errorf("accompaniments: %w", err)
		}
		var contacts []*ent.ContactEventCreate
		for _, a := range created2 {
			for k := range s.contacts {
				contacts = append(contacts, c.ContactEvent.Create().SetAccompanimentID(a.ID).SetAuthorID(educator).
					SetKind(contactevent.KindCall).SetOccurredAt(now.AddDate(0, 0, -k)).SetDurationMinutes(20).
					SetNote("Appel de suivi (banc d'essai)."))
			}
		}
		for len(contacts) > 0 {
			n := min(batch, len(contacts))
			if err := c.ContactEvent.CreateBulk(contacts[:n]...).Exec(ctx); err != nil {
				return fmt.Errorf("contact events: %w", err)
			}
			contacts = contacts[n:]
		}
	}
	next := 0
	for from := 0; from < s.series; from += 100 {
		n := min(100, s.series-from)
		series := make([]*ent.WorkshopSeriesCreate, n)
		for i := range n {
			series[i] = c.WorkshopSeries.Create().SetProviderID(d.ProviderID).SetProgrammeID(d.Programmes["ARCS"]).
				SetHostOrganisationID(d.SchoolID).SetPractitionerID(d.People[demo.Practitioner]).
				SetTitle(fmt.Sprintf("Atelier %d (banc d'essai)", from+i)).SetPlace("École").
				SetCapacity(seriesCapacity).SetFirstSessionAt(now.AddDate(0, 0, 7+i%60))
		}
		created, err := c.WorkshopSeries.CreateBulk(series...).Save(ctx)
		if err != nil {
			return fmt.Errorf("workshop series: %w", err)
		}
		var sessions []*ent.WorkshopSessionCreate
		var bookings []*ent.BookingCreate
		for j, ws := range created {
			for k := range s.sessions {
				sessions = append(sessions, c.WorkshopSession.Create().SetSeriesID(ws.ID).
					SetStartsAt(ws.FirstSessionAt.AddDate(0, 0, 7*k)).SetDurationMinutes(90))
			}
			// Even series are full with a waiting list; odd ones have
			// half their seats free.
			n := s.bookings
			if (from+j)%2 == 1 {
				n = min(n, seriesCapacity/2)
			}
			for k := range n {
				b := c.Booking.Create().SetSeriesID(ws.ID).SetChildID(childIDs[next%len(childIDs)]).
					SetOrganisationID(d.SchoolID).SetBookedByID(d.People[demo.PartnerStaff]).
					SetRequestedAt(now).SetPosition(k + 1)
				if k < seriesCapacity {
					b.SetStatus(booking.StatusConfirmed).SetConfirmedAt(now)
				} else {
					b.SetStatus(booking.StatusWaiting)
				}
				bookings = append(bookings, b)
				next++
			}
		}
		if err := c.WorkshopSession.CreateBulk(sessions...).Exec(ctx); err != nil {
			return fmt.Errorf("sessions: %w", err)
		}
		for len(bookings) > 0 {
			n := min(batch, len(bookings))
			if err := c.Booking.CreateBulk(bookings[:n]...).Exec(ctx); err != nil {
				return fmt.Errorf("bookings: %w", err)
			}
			bookings = bookings[n:]
		}
	}
	return nil
}
