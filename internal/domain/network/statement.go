package network

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// The money rule of a statement. A convention prices a place for the
// whole programme (the brochure's price: a MIP place, six months, 1800 €
// TTC), not per month: a place is owed once, in the quarter in which its
// accompaniment was validated and took it (TakesPlace), at the
// convention's unit price. The statements of a convention's quarters
// therefore add up to its committed amount; a suspension or an extension
// changes the dates of a file, never what its place costs.

// Statement is what a financer owes for one convention over a quarter.
type Statement struct {
	Quarter string
	// StartsOn and EndsOn are the quarter's first and last days.
	StartsOn, EndsOn time.Time
	UnitPriceCents   int64
	// PlacesUsed: the places taken by the accompaniments validated in the
	// quarter, one line each.
	PlacesUsed      int
	AmountOwedCents int64
	// PlacesTakenToDate: every place taken in the convention so far.
	PlacesTakenToDate int
	Lines             []*StatementLine
}

// StatementLine is one place billed: the accompaniment that took it, as
// its financer sees it (status and dates, no family data).
type StatementLine struct {
	AccompanimentID pulid.ID
	Status          accompaniment.Status
	ValidatedAt     time.Time
	StartsAt        *time.Time
	EndsAt          *time.Time
	AmountCents     int64
}

var quarterPattern = regexp.MustCompile(`^(\d{4})-[QT]([1-4])$`)

// Quarter returns the first day of a quarter written "2027-Q1" and the
// first day of the next one; "2027-T1" (trimestre) is read the same.
func Quarter(q string) (from, to time.Time, err error) {
	m := quarterPattern.FindStringSubmatch(q)
	if m == nil {
		return from, to, apierror.New(apierror.BadUserInput, "suspend.quarter_malformed", q).OnField("quarter")
	}
	year, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	from = clock.Date(year, time.Month(3*(n-1)+1), 1)
	return from, from.AddDate(0, 3, 0), nil
}

// Statement returns the quarterly statement of a convention the viewer
// reads, for the coordinators of its provider and the members of its
// financer. The places are counted as the portal (PlacesTakenDuring):
// the figure is the same whoever asks.
func (s *Service) Statement(ctx context.Context, c *ent.Convention, quarter string) (*Statement, error) {
	client := database.ClientFor(ctx, s.client)
	from, to, err := Quarter(quarter)
	if err != nil {
		return nil, err
	}
	sys := viewer.SystemContext(ctx)
	link, err := client.PartnerLink.Get(sys, c.PartnerLinkID)
	if err != nil {
		return nil, err
	}
	if err := access.CanReadStatement(viewer.FromContext(ctx), link.ProviderID, c.FinancerID); err != nil {
		return nil, err
	}
	// A quarter's days are read in Paris, where conventions are signed.
	start, end := midnight(from), midnight(to)
	used, err := PlacesTakenDuring(ctx, client, []pulid.ID{c.ID}, start, end)
	if err != nil {
		return nil, err
	}
	total, err := PlacesTaken(ctx, client, []pulid.ID{c.ID})
	if err != nil {
		return nil, err
	}
	files, err := client.Accompaniment.Query().
		Where(accompaniment.ConventionID(c.ID), TakesPlace(), ValidatedDuring(start, end)).
		Order(ent.Asc(accompaniment.FieldValidatedAt), ent.Asc(accompaniment.FieldID)).
		All(sys)
	if err != nil {
		return nil, err
	}
	out := &Statement{
		Quarter: quarter, StartsOn: from, EndsOn: to.AddDate(0, 0, -1), UnitPriceCents: c.UnitPriceCents,
		PlacesUsed: used[c.ID], AmountOwedCents: int64(used[c.ID]) * c.UnitPriceCents,
		PlacesTakenToDate: total[c.ID], Lines: make([]*StatementLine, 0, len(files)),
	}
	for _, a := range files {
		if a.ValidatedAt == nil {
			return nil, fmt.Errorf("statement: accompaniment %s validated without a date", a.ID)
		}
		out.Lines = append(out.Lines, &StatementLine{
			AccompanimentID: a.ID, Status: a.Status, ValidatedAt: *a.ValidatedAt,
			StartsAt: a.StartsAt, EndsAt: a.EndsAt, AmountCents: c.UnitPriceCents,
		})
	}
	return out, nil
}

// midnight is the instant a day begins in Paris.
func midnight(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, clock.Paris).UTC()
}
