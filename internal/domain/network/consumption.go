package network

import (
	"context"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// ConsumingStatuses are the statuses of an accompaniment that takes a
// place of its convention: it was validated (whatever happened next, the
// place was used; a suspended family keeps its place). Requests under evaluation, declined, withdrawn or
// expired ones take none; workshop bookings never consume a convention.
var ConsumingStatuses = []accompaniment.Status{
	accompaniment.StatusActive,
	accompaniment.StatusSuspended,
	accompaniment.StatusClosed,
	accompaniment.StatusInterrupted,
}

// TakesPlace matches the accompaniments that take a place of their
// convention. It is the one definition of a place taken: the validation's
// check, the figures shown and the attention filter all count with it.
func TakesPlace() predicate.Accompaniment {
	return accompaniment.StatusIn(ConsumingStatuses...)
}

// The thresholds of the warnings.
const (
	// NearlyUsedUpShare: a convention is nearly used up when this share
	// of its places (in percent) is taken.
	NearlyUsedUpShare = 80
	// EndsSoonWithinDays: a running convention ends soon when its last day
	// is within this many days.
	EndsSoonWithinDays = 30
)

// Warning says why a convention needs the coordinator's attention.
type Warning string

// The warnings, named as in the GraphQL enum ConventionWarning.
const (
	NearlyUsedUp Warning = "NEARLY_USED_UP"
	EndsSoon     Warning = "ENDS_SOON"
)

// Consumption is how much of a convention is used.
type Consumption struct {
	PlacesTaken          int
	PlacesLeft           int
	CommittedAmountCents int64
	Warnings             []Warning
}

// PlacesTaken counts, in one GROUP BY query, the places taken in each of
// the conventions. The figure is the same whoever asks, so the portal
// counts itself: a prescriber who sees a convention does not see the
// other prescribers' accompaniments, yet must see the true figure.
func PlacesTaken(ctx context.Context, client *ent.Client, conventionIDs []pulid.ID) (map[pulid.ID]int, error) {
	return placesTaken(ctx, client, conventionIDs)
}

// PlacesTakenDuring counts, like PlacesTaken, the places taken in each of
// the conventions by the accompaniments validated in [from, to): the
// places a quarterly statement bills (statement.go).
func PlacesTakenDuring(ctx context.Context, client *ent.Client, conventionIDs []pulid.ID, from, to time.Time) (map[pulid.ID]int, error) {
	return placesTaken(ctx, client, conventionIDs, ValidatedDuring(from, to))
}

// ValidatedDuring matches the accompaniments validated in [from, to).
func ValidatedDuring(from, to time.Time) predicate.Accompaniment {
	return accompaniment.And(accompaniment.ValidatedAtGTE(from), accompaniment.ValidatedAtLT(to))
}

func placesTaken(ctx context.Context, client *ent.Client, conventionIDs []pulid.ID, also ...predicate.Accompaniment) (map[pulid.ID]int, error) {
	taken := make(map[pulid.ID]int, len(conventionIDs))
	if len(conventionIDs) == 0 {
		return taken, nil
	}
	var rows []struct {
		ConventionID pulid.ID `json:"convention_id"`
		Count        int      `json:"count"`
	}
	err := database.ClientFor(ctx, client).Accompaniment.Query().
		Where(accompaniment.ConventionIDIn(conventionIDs...), TakesPlace()).
		Where(also...).
		GroupBy(accompaniment.FieldConventionID).
		Aggregate(ent.Count()).
		Scan(viewer.SystemContext(ctx), &rows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		taken[r.ConventionID] = r.Count
	}
	return taken, nil
}

// ConsumptionOf computes a convention's figures from its places taken, at
// time now.
func ConsumptionOf(c *ent.Convention, taken int, now time.Time) Consumption {
	today := conventionDay(now)
	out := Consumption{
		PlacesTaken:          taken,
		PlacesLeft:           max(c.Places-taken, 0),
		CommittedAmountCents: int64(taken) * c.UnitPriceCents,
		Warnings:             []Warning{},
	}
	if taken*100 >= c.Places*NearlyUsedUpShare {
		out.Warnings = append(out.Warnings, NearlyUsedUp)
	}
	if !c.EndsAt.Before(today) && c.EndsAt.Before(today.AddDate(0, 0, EndsSoonWithinDays)) {
		out.Warnings = append(out.Warnings, EndsSoon)
	}
	return out
}

// NeedingAttention matches the conventions not ended at time now that
// have a warning: ending within EndsSoonWithinDays, or nearly used up. The
// places taken are counted by a correlated subquery, so a page of them
// costs one query.
func NeedingAttention(now time.Time) predicate.Convention {
	today := conventionDay(now)
	return convention.And(
		convention.EndsAtGTE(today),
		convention.Or(
			convention.EndsAtLT(today.AddDate(0, 0, EndsSoonWithinDays)),
			nearlyUsedUp(),
		),
	)
}

// nearlyUsedUp: 100 × places taken ≥ NearlyUsedUpShare × places.
func nearlyUsedUp() predicate.Convention {
	return func(s *sql.Selector) {
		acc := sql.Table(accompaniment.Table)
		taken := sql.Select(sql.Count("*")).From(acc).
			Where(sql.ColumnsEQ(acc.C(accompaniment.FieldConventionID), s.C(convention.FieldID)))
		TakesPlace()(taken)
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("100 * (").Join(taken).WriteString(") >= ").
				Arg(NearlyUsedUpShare).WriteString(" * ").Ident(s.C(convention.FieldPlaces))
		}))
	}
}

// conventionDay is the day a convention's period is compared with at the
// instant now. A period is days, both included; it is read in the
// providers' default zone, as conventions are signed in France.
func conventionDay(now time.Time) time.Time { return clock.DayOf(now, clock.Paris) }

// CoversDay matches the conventions whose period includes the day of the
// instant at.
func CoversDay(at time.Time) predicate.Convention {
	day := conventionDay(at)
	return convention.And(convention.StartsAtLTE(day), convention.EndsAtGTE(day))
}
