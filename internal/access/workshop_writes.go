package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/attendance"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/idempotencykey"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/quoteline"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// The write rules of the workshop workflow (package workshop): partners
// request and answer quotes and book children; the practitioner prices
// and sends quotes and records attendance. Rules that must look at a
// parent record the viewer cannot read (a quote not yet assigned, a
// series of another organisation) read it as the portal, and say so.

// WriteQuotes: partner staff request quotes for their organisation (a
// coordinator may do it for them) and answer them; practitioners of the
// provider price and send them.
func WriteQuotes() privacy.MutationRule {
	return privacy.QuoteMutationRuleFunc(func(ctx context.Context, m *ent.QuoteMutation) error {
		v := viewer.FromContext(ctx)
		switch {
		case m.Op().Is(ent.OpCreate):
			org, _ := m.OrganisationID()
			prov, _ := m.ProviderID()
			if slices.Contains(v.OrganisationIDs(partnerStaff), org) || v.IsCoordinatorOf(prov) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			// Answering (accepting, declining) is the partner's; pricing
			// and sending the practitioner's.
			// Withdrawing a request is the partner's only; editing it the
			// partner's, the coordinator's and the practitioners'.
			status, _ := m.Status()
			answer := status == quote.StatusAccepted || status == quote.StatusDeclined
			withdrawal := withdraws(m)
			edit := fieldsWithin(m.Fields(), requestFields...)
			var or []predicate.Quote
			if ids := v.ProviderIDs(practitioner); len(ids) > 0 && !answer && status != quote.StatusCancelled &&
				!slices.Contains(m.Fields(), quote.FieldRespondedAt) && !slices.Contains(m.Fields(), quote.FieldCancelledAt) {
				or = append(or, quote.ProviderIDIn(ids...))
			}
			if ids := v.OrganisationIDs(partnerStaff); len(ids) > 0 &&
				(edit || withdrawal || answer && fieldsWithin(m.Fields(), quote.FieldStatus, quote.FieldRespondedAt, quote.FieldUpdatedAt)) {
				or = append(or, quote.OrganisationIDIn(ids...))
			}
			if ids := v.ProviderIDs(coordinator); len(ids) > 0 && edit {
				or = append(or, quote.ProviderIDIn(ids...))
			}
			if len(or) > 0 {
				m.Where(quote.Or(or...))
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// WriteQuoteLines: the practitioners of the quote's provider write its lines.
func WriteQuoteLines() privacy.MutationRule {
	return privacy.QuoteLineMutationRuleFunc(func(ctx context.Context, m *ent.QuoteLineMutation) error {
		ids := viewer.FromContext(ctx).ProviderIDs(practitioner)
		if len(ids) == 0 {
			return privacy.Skip
		}
		if m.Op().Is(ent.OpCreate) {
			quoteID, _ := m.QuoteID()
			// As the portal: a practitioner may price a quote not yet assigned to anyone.
			ok, err := m.Client().Quote.Query().Where(quote.ID(quoteID), quote.ProviderIDIn(ids...)).Exist(viewer.SystemContext(ctx))
			if err != nil {
				return err
			}
			if ok {
				return privacy.Allow
			}
			return privacy.Skip
		}
		m.Where(quoteline.HasQuoteWith(quote.ProviderIDIn(ids...)))
		return privacy.Allow
	})
}

// WriteWorkshopSeries: the partner accepting a quote creates its series
// (hosted by their organisation); the provider's practitioners and
// coordinators create and change series.
func WriteWorkshopSeries() privacy.MutationRule {
	return privacy.WorkshopSeriesMutationRuleFunc(func(ctx context.Context, m *ent.WorkshopSeriesMutation) error {
		v := viewer.FromContext(ctx)
		staff := v.ProviderIDs(practitioner, coordinator)
		if m.Op().Is(ent.OpCreate) {
			host, _ := m.HostOrganisationID()
			prov, _ := m.ProviderID()
			if slices.Contains(v.OrganisationIDs(partnerStaff), host) || slices.Contains(staff, prov) {
				return privacy.Allow
			}
			return privacy.Skip
		}
		if _, opening := m.OpenToPartners(); opening {
			// Opening a partner's series to others is the coordinator's call.
			staff = v.ProviderIDs(coordinator)
		}
		if changesPlan(m) && !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
			// Cancelling and renaming: the coordinators, and the series'
			// own practitioner (CanManageWorkshopSeries).
			if or := managedSeries(v); len(or) > 0 {
				m.Where(workshopseries.Or(or...))
				return privacy.Allow
			}
			return privacy.Skip
		}
		if len(staff) > 0 && !m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
			m.Where(workshopseries.ProviderIDIn(staff...))
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteWorkshopSessions: whoever may create a series creates its
// sessions; the provider's coordinators and the series' practitioner
// cancel and move them (CanManageWorkshopSeries).
func WriteWorkshopSessions() privacy.MutationRule {
	return privacy.WorkshopSessionMutationRuleFunc(func(ctx context.Context, m *ent.WorkshopSessionMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpUpdate | ent.OpUpdateOne) {
			if or := managedSeries(v); len(or) > 0 {
				m.Where(workshopsession.HasSeriesWith(workshopseries.Or(or...)))
				return privacy.Allow
			}
			return privacy.Skip
		}
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		seriesID, _ := m.SeriesID()
		var or []predicate.WorkshopSeries
		if ids := v.OrganisationIDs(partnerStaff); len(ids) > 0 {
			or = append(or, workshopseries.HostOrganisationIDIn(ids...))
		}
		if ids := v.ProviderIDs(practitioner, coordinator); len(ids) > 0 {
			or = append(or, workshopseries.ProviderIDIn(ids...))
		}
		if len(or) == 0 {
			return privacy.Skip
		}
		// As the portal: a series just created may not be readable yet (not upcoming).
		ok, err := m.Client().WorkshopSeries.Query().Where(workshopseries.ID(seriesID), workshopseries.Or(or...)).Exist(viewer.SystemContext(ctx))
		if err != nil {
			return err
		}
		if ok {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteBookings: partner staff book in the name of their organisation and
// cancel its bookings; coordinators cancel bookings of their provider's
// series; whoever cancels promotes waiting bookings to the freed seats.
func WriteBookings() privacy.MutationRule {
	return privacy.BookingMutationRuleFunc(func(ctx context.Context, m *ent.BookingMutation) error {
		v := viewer.FromContext(ctx)
		switch {
		case m.Op().Is(ent.OpCreate):
			org, _ := m.OrganisationID()
			by, _ := m.BookedByID()
			if slices.Contains(v.OrganisationIDs(partnerStaff), org) && by == v.PersonID {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && promotes(m):
			// A freed seat goes to the waiting list, whoever booked it: the
			// one who cancels promotes (package workshop decides who fits).
			if v.HasRole(partnerStaff) || v.HasRole(coordinator) {
				m.Where(booking.StatusEQ(booking.StatusWaiting))
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
			var or []predicate.Booking
			if ids := v.OrganisationIDs(partnerStaff); len(ids) > 0 {
				or = append(or, booking.OrganisationIDIn(ids...))
			}
			if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
				or = append(or, booking.HasSeriesWith(workshopseries.ProviderIDIn(ids...)))
			}
			if len(or) > 0 {
				m.Where(booking.Or(or...))
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// WriteWorkshopFamilies: partner staff may open a bare family record (a
// reference, no names) to book a child the provider does not know yet.
func WriteWorkshopFamilies() privacy.MutationRule {
	return privacy.FamilyMutationRuleFunc(func(ctx context.Context, m *ent.FamilyMutation) error {
		if m.Op().Is(ent.OpCreate) && len(viewer.FromContext(ctx).OrganisationIDs(partnerStaff)) > 0 {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteWorkshopChildren: partner staff may add a child to a workshop
// family of their organisation: one with no accompaniment whose children
// are all booked by that organisation (a record they just opened has none).
func WriteWorkshopChildren() privacy.MutationRule {
	return privacy.ChildMutationRuleFunc(func(ctx context.Context, m *ent.ChildMutation) error {
		orgs := viewer.FromContext(ctx).OrganisationIDs(partnerStaff)
		if !m.Op().Is(ent.OpCreate) || len(orgs) == 0 {
			return privacy.Skip
		}
		familyID, _ := m.FamilyID()
		// As the portal: the partner cannot read the family record itself.
		sys := viewer.SystemContext(ctx)
		fam, err := m.Client().Family.Get(sys, familyID)
		if err != nil {
			return privacy.Skip
		}
		if n, err := fam.QueryAccompaniments().Count(sys); err != nil || n > 0 {
			return privacy.Skip
		}
		foreign, err := m.Client().Child.Query().Where(
			child.FamilyID(familyID),
			child.Not(child.HasBookingsWith(booking.OrganisationIDIn(orgs...))),
		).Exist(sys)
		if err != nil || foreign {
			return privacy.Skip
		}
		return privacy.Allow
	})
}

// WriteAttendances: the practitioner of the series records attendance.
func WriteAttendances() privacy.MutationRule {
	return privacy.AttendanceMutationRuleFunc(func(ctx context.Context, m *ent.AttendanceMutation) error {
		v := viewer.FromContext(ctx)
		if !v.HasRole(practitioner) {
			return privacy.Skip
		}
		ofMine := workshopsession.HasSeriesWith(workshopseries.PractitionerID(v.PersonID))
		switch {
		case m.Op().Is(ent.OpCreate):
			sessionID, _ := m.SessionID()
			ok, err := m.Client().WorkshopSession.Query().Where(workshopsession.ID(sessionID), ofMine).Exist(viewer.SystemContext(ctx))
			if err != nil {
				return err
			}
			if ok {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			m.Where(attendance.HasSessionWith(ofMine))
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// ReadAttendances: attendance is visible with the booking it belongs to.
func ReadAttendances() privacy.QueryRule {
	return privacy.AttendanceQueryRuleFunc(func(ctx context.Context, q *ent.AttendanceQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeAttendance)
	})
}

func attendanceScope(v *viewer.Viewer) []predicate.Attendance {
	if bk := BookingScope(v); len(bk) > 0 {
		return []predicate.Attendance{attendance.HasBookingWith(booking.Or(bk...))}
	}
	return nil
}

// ReadIdempotencyKeys: one's own keys only.
func ReadIdempotencyKeys() privacy.QueryRule {
	return privacy.IdempotencyKeyQueryRuleFunc(func(ctx context.Context, q *ent.IdempotencyKeyQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeIdempotencyKey)
	})
}

func idempotencyKeyScope(v *viewer.Viewer) []predicate.IdempotencyKey {
	return []predicate.IdempotencyKey{idempotencykey.PersonID(v.PersonID)}
}

// WriteIdempotencyKeys: a person records their own keys, once.
func WriteIdempotencyKeys() privacy.MutationRule {
	return privacy.IdempotencyKeyMutationRuleFunc(func(ctx context.Context, m *ent.IdempotencyKeyMutation) error {
		v := viewer.FromContext(ctx)
		if p, _ := m.PersonID(); m.Op().Is(ent.OpCreate) && !v.IsAnonymous() && p == v.PersonID {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// changesPlan reports whether a series mutation cancels or renames it.
func changesPlan(m *ent.WorkshopSeriesMutation) bool {
	return slices.ContainsFunc(m.Fields(), func(f string) bool {
		return f == workshopseries.FieldStatus || f == workshopseries.FieldTitle ||
			f == workshopseries.FieldCancelledAt || f == workshopseries.FieldCancellationReason
	})
}

// promotes reports whether a booking mutation only confirms bookings.
func promotes(m *ent.BookingMutation) bool {
	status, ok := m.Status()
	return ok && status == booking.StatusConfirmed &&
		fieldsWithin(m.Fields(), booking.FieldStatus, booking.FieldConfirmedAt, booking.FieldUpdatedAt)
}

// fieldsWithin reports whether every changed field is one of allowed.
func fieldsWithin(changed []string, allowed ...string) bool {
	for _, f := range changed {
		if !slices.Contains(allowed, f) {
			return false
		}
	}
	return true
}
