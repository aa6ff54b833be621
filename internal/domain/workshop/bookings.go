package workshop

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/reseau-liens/portal/internal/domain/webhook"

	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/people"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// BookedChildInput names a child the provider does not know yet.
type BookedChildInput struct {
	FirstName string
	BirthDate time.Time
	// FamilyGroup puts new children of one request in one family record
	// (siblings): children sharing a label share a family. Without a
	// label, each new child gets a family record of its own.
	FamilyGroup *string
	// LastNameInitial is the first letter of the child's last name.
	LastNameInitial *string
	// ConfirmNewChild books the child as new although the partner booked
	// a child of the same first name, initial and birth date (see
	// checkNewChildren).
	ConfirmNewChild bool
}

// BookChildrenInput is a partner's booking request for several children.
// The children are served in the order given: ChildIDs, then NewChildren.
type BookChildrenInput struct {
	SeriesID pulid.ID
	// OrganisationID is the partner organisation booking; optional when
	// the viewer belongs to one only.
	OrganisationID *pulid.ID
	ChildIDs       []pulid.ID
	NewChildren    []*BookedChildInput
	Policy         BookingPolicy
	// AllowSplit says whether the children of the request that wait may
	// be confirmed some before the others (see waitingEntry); unset, it
	// follows the policy.
	AllowSplit     *bool
	IdempotencyKey string
}

// CancelBookingInput cancels one booking.
type CancelBookingInput struct {
	BookingID      pulid.ID
	IdempotencyKey string
}

// maxChildrenPerRequest bounds one request (a class).
const maxChildrenPerRequest = 40

// candidate is a child of a booking request, known or new.
type candidate struct {
	id        pulid.ID // empty for a new child
	birthDate time.Time
	fresh     *BookedChildInput
	field     []string
}

// BookChildren books children into a series: those that fit are
// confirmed, the others wait, according to the policy. A retry with the
// same idempotency key returns the first result and books nothing.
func (s *Service) BookChildren(ctx context.Context, in BookChildrenInput) ([]*ent.Booking, *ent.WorkshopSeries, error) {
	c := database.ClientFor(ctx, s.client)
	v := viewer.FromContext(ctx)
	org, err := bookingOrganisation(v, in.OrganisationID)
	if err != nil {
		return nil, nil, err
	}
	if err := checkKey(in.IdempotencyKey); err != nil {
		return nil, nil, err
	}
	if err := in.Policy.validate(); err != nil {
		return nil, nil, err
	}
	n := len(in.ChildIDs) + len(in.NewChildren)
	if n == 0 || n > maxChildrenPerRequest {
		return nil, nil, apierror.New(apierror.BadUserInput, "ws.children_to_name", maxChildrenPerRequest).OnField("input", "childIDs")
	}

	booked, err := lockSeriesToBook(ctx, c, in.SeriesID, org)
	if err != nil {
		return nil, nil, err
	}
	series := booked.WorkshopSeries
	// The bookings' IDs are drawn now, so that the key holds the result
	// before anything is written.
	ids := make([]pulid.ID, n)
	for i := range ids {
		ids[i] = booking.DefaultID()
	}
	if first, err := claim(ctx, c, in.IdempotencyKey, opBook, series.ID, ids); err != nil || first != nil {
		if err != nil {
			return nil, nil, err
		}
		bookings, err := c.Booking.Query().Where(booking.IDIn(first...)).Order(booking.ByPosition()).All(ctx)
		return bookings, series, err
	}
	// A suspended or ended partnership stops its bookings at once.
	if err := network.CheckLink(booked.link); err != nil {
		return nil, nil, err
	}
	if series.QuoteID != nil && !series.OpenToPartners && org != series.HostOrganisationID {
		return nil, nil, apierror.New(SeriesReserved, "ws.series_reserved").OnField("input", "seriesID")
	}
	// As the portal: the counts include other partners' bookings, which
	// the viewer may not read.
	taken, err := seatsOf(viewer.SystemContext(ctx), c, series.ID)
	if err != nil {
		return nil, nil, err
	}
	cands, err := s.candidates(ctx, c, booked, in, taken)
	if err != nil {
		return nil, nil, err
	}
	if err := checkNewChildren(ctx, c, series, org, cands); err != nil {
		return nil, nil, err
	}
	split, err := splitAllowed(in)
	if err != nil {
		return nil, nil, err
	}
	if in.Policy == AsOneGroup && n > series.Capacity {
		return nil, nil, apierror.New(apierror.BadUserInput, "ws.group_never_fits", n, series.Capacity).OnField("input", "policy")
	}
	promoted, taken, err := settle(ctx, c, series, taken)
	if err != nil {
		return nil, nil, err
	}
	confirm := in.Policy.confirmed(n, seatsForNewcomers(series.Capacity, taken))
	if !split && n-confirm > series.Capacity {
		// Kept together, they would hold the waiting list for ever.
		return nil, nil, apierror.New(apierror.BadUserInput, "ws.group_never_fits", n-confirm, series.Capacity).OnField("input", "allowSplit")
	}
	position := taken.last

	// Every rule is checked: write.
	var groupKey *string
	if n > 1 {
		k := "grp_" + randomHex(8)
		groupKey = &k
	}
	families := map[string]pulid.ID{}
	now := s.client.Clock.Now()
	bookings := make([]*ent.Booking, 0, n)
	for i, cand := range cands {
		childID := cand.id
		if cand.fresh != nil {
			if childID, err = s.createChild(ctx, c, series, cand.fresh, families); err != nil {
				return nil, nil, err
			}
		}
		position++
		create := c.Booking.Create().SetID(ids[i]).SetSeriesID(series.ID).SetChildID(childID).
			SetOrganisationID(org).SetBookedByID(v.PersonID).
			SetRequestedAt(now).SetPosition(position).SetNillableGroupKey(groupKey).SetSplitAllowed(split)
		if i < confirm {
			create.SetStatus(booking.StatusConfirmed).SetConfirmedAt(now)
		} else {
			create.SetStatus(booking.StatusWaiting)
		}
		b, err := create.Save(ctx)
		if err != nil {
			return nil, nil, err
		}
		bookings = append(bookings, b)
	}
	// An organisation without an active endpoint would be queued nothing.
	if booked.listening {
		if err := announceBookings(ctx, c, webhook.BookingConfirmed, confirmedOnly(bookings)...); err != nil {
			return nil, nil, err
		}
	}
	if err := announceBookings(viewer.SystemContext(ctx), c, webhook.BookingPromoted, promoted...); err != nil {
		return nil, nil, err
	}
	if err := s.notifier.Announce(ctx, series.ID); err != nil {
		return nil, nil, err
	}
	return bookings, series, nil
}

// bookingOrganisation is the partner organisation a viewer books for.
func bookingOrganisation(v *viewer.Viewer, asked *pulid.ID) (pulid.ID, error) {
	orgs := v.OrganisationIDs(membership.RolePartnerStaff)
	switch {
	case v == nil:
		// Anonymous: refused here, before anything reads the viewer's person.
		return "", fmt.Errorf("anonymous visitors book nothing: %w", privacy.Deny)
	case asked != nil:
		return *asked, nil // the booking rule checks the viewer belongs to it
	case len(orgs) == 1:
		return orgs[0], nil
	case len(orgs) == 0:
		return "", fmt.Errorf("only partner staff book workshop seats: %w", privacy.Deny)
	default:
		return "", apierror.New(apierror.BadUserInput, "ws.organisation_required").OnField("input", "organisationID")
	}
}

// candidates checks the children of a request against the series: known
// to the viewer, of the series' provider, old enough, not booked yet.
func (s *Service) candidates(ctx context.Context, c *ent.Client, series *bookedSeries, in BookChildrenInput, taken seriesSeats) ([]candidate, error) {
	if series.Status != workshopseries.StatusScheduled || series.FirstSessionAt == nil || !series.FirstSessionAt.After(s.client.Clock.Now()) {
		return nil, apierror.New(SeriesClosed, "ws.series_closed").OnField("input", "seriesID")
	}
	// One query for the named children the viewer knows in the series'
	// provider; one missing is looked at again only to word its refusal.
	// (The family predicate is not the partner's read of the family: an
	// edge predicate does not go through the family's read rule.)
	known := map[pulid.ID]*ent.Child{}
	if len(in.ChildIDs) > 0 {
		found, err := c.Child.Query().
			Where(child.IDIn(in.ChildIDs...), child.HasFamilyWith(family.ProviderID(series.ProviderID))).
			All(ctx)
		if err != nil {
			return nil, err
		}
		families := make([]pulid.ID, 0, len(found))
		for _, ch := range found {
			known[ch.ID] = ch
			families = append(families, ch.FamilyID)
		}
		// The query established their families' provider: the read log
		// files the children under it without reading the families.
		audit.NoteFamilies(ctx, series.ProviderID, families...)
	}
	var cands []candidate
	seen := map[pulid.ID]bool{}
	for i, id := range in.ChildIDs {
		field := []string{"input", "childIDs", fmt.Sprint(i)}
		if seen[id] {
			return nil, apierror.New(AlreadyBooked, "ws.child_named_twice").OnField(field...)
		}
		seen[id] = true
		ch, ok := known[id]
		if !ok {
			visible, err := c.Child.Query().Where(child.ID(id)).Exist(ctx) // the viewer must know the child
			if err != nil {
				return nil, err
			}
			if !visible {
				return nil, apierror.New(apierror.NotFound, "not_found.child").OnField(field...)
			}
			return nil, apierror.New(ChildOfAnotherProvider, "ws.child_other_provider").OnField(field...)
		}
		cands = append(cands, candidate{id: id, birthDate: ch.BirthDate, field: field})
	}
	for i, nc := range in.NewChildren {
		field := []string{"input", "newChildren", fmt.Sprint(i)}
		name, err := people.Name(nc.FirstName, people.MaxNameBytes, i18n.T("people.child_first_name"), append(field, "firstName")...)
		if err != nil {
			return nil, err
		}
		if err := people.BirthDate(nc.BirthDate, s.client.Clock.Now(), append(field, "birthDate")...); err != nil {
			return nil, err
		}
		fresh := *nc
		fresh.FirstName = name
		cands = append(cands, candidate{birthDate: nc.BirthDate, fresh: &fresh, field: append(field, "birthDate")})
	}
	for _, cand := range cands {
		if err := OldEnough(series.minimumAge, cand.birthDate, *series.FirstSessionAt); err != nil {
			return nil, err.OnField(cand.field...)
		}
	}
	for _, cand := range cands {
		if cand.id != "" && taken.booked[cand.id] {
			return nil, apierror.New(AlreadyBooked, "ws.child_already_booked").OnField(cand.field...)
		}
	}
	return cands, nil
}

// OldEnough checks a programme's minimum age (ARCS: 6, first grade; nil:
// none) on the day of the first session: a birthday counts from its day,
// whatever the hour of the session.
func OldEnough(minimumAge *int, birthDate, firstSession time.Time) *apierror.Error {
	if minimumAge == nil {
		return nil
	}
	if clock.AsDay(birthDate).AddDate(*minimumAge, 0, 0).After(clock.DayOf(firstSession, clock.Paris)) {
		return apierror.New(ChildTooYoung, "ws.child_too_young",
			*minimumAge, i18n.Day(firstSession))
	}
	return nil
}

// createChild opens the family record of a new child (shared by its
// family group) in the series' provider, and adds the child.
func (s *Service) createChild(ctx context.Context, c *ent.Client, series *ent.WorkshopSeries, nc *BookedChildInput, families map[string]pulid.ID) (pulid.ID, error) {
	group := ""
	if nc.FamilyGroup != nil {
		group = *nc.FamilyGroup
	}
	famID, ok := families[group]
	if !ok || group == "" {
		f, err := c.Family.Create().SetProviderID(series.ProviderID).
			SetReference("ATELIER-" + randomHex(6)).SetTerritory("").
			SetHouseholdComposition(family.HouseholdCompositionOther).Save(ctx)
		if err != nil {
			return "", err
		}
		famID = f.ID
		families[group] = famID
	}
	ch, err := c.Child.Create().SetFamilyID(famID).SetFirstName(nc.FirstName).SetBirthDate(nc.BirthDate).
		SetNillableLastNameInitial(nc.LastNameInitial).Save(ctx)
	if err != nil {
		return "", err
	}
	return ch.ID, nil
}

// seriesSeats is what a booking needs to know of a locked series'
// bookings: the confirmed and waiting ones (countSeats'), the highest
// arrival position, and the children booked (not cancelled).
type seriesSeats struct {
	confirmed, waiting, last int
	booked                   map[pulid.ID]bool
}

// seatsOf reads a series' bookings in one query: a series holds its seats
// and its waiting list, a few dozen rows.
func seatsOf(ctx context.Context, c *ent.Client, seriesID pulid.ID) (seriesSeats, error) {
	var rows []struct {
		ChildID  pulid.ID       `json:"child_id"`
		Status   booking.Status `json:"status"`
		Position int            `json:"position"`
	}
	err := c.Booking.Query().Where(booking.SeriesID(seriesID)).
		Select(booking.FieldChildID, booking.FieldStatus, booking.FieldPosition).Scan(ctx, &rows)
	out := seriesSeats{booked: map[pulid.ID]bool{}}
	for _, r := range rows {
		out.last = max(out.last, r.Position)
		switch r.Status {
		case booking.StatusConfirmed:
			out.confirmed++
		case booking.StatusWaiting:
			out.waiting++
		}
		if r.Status != booking.StatusCancelled {
			out.booked[r.ChildID] = true
		}
	}
	return out, err
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
