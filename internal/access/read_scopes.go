package access

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// readScope returns the records of one type a viewer (never the portal
// itself) may read, as an SQL predicate; nil means every record.
type readScope func(v *viewer.Viewer, clk clock.Clock) func(*sql.Selector)

// readScopes is the one table of what each type's readers see: the read
// rules filter every query of the type with it, and ReadScope gives it to
// the `where` filters that cross an edge to the type. A type missing here
// cannot be read by anyone but the portal, nor filtered on.
var readScopes = map[string]readScope{
	// The public catalogue and directory.
	ent.TypeProgramme:      everything,
	ent.TypeProvider:       everything,
	ent.TypeOrganisation:   everything,
	ent.TypeDirectoryOffer: everything,
	// Upcoming series are public; sessions follow their series.
	ent.TypeWorkshopSeries: func(v *viewer.Viewer, clk clock.Clock) func(*sql.Selector) {
		return sql.OrPredicates(workshopSeriesScope(v, clk)...)
	},
	ent.TypeWorkshopSession: func(v *viewer.Viewer, clk clock.Clock) func(*sql.Selector) {
		return workshopsession.HasSeriesWith(workshopseries.Or(workshopSeriesScope(v, clk)...))
	},
	// The rest is for signed-in people only.
	ent.TypeAccessToken:             ofPeople(AccessTokenScope),
	ent.TypeAccompaniment:           ofPeople(AccompanimentScope),
	ent.TypeAttendance:              ofPeople(attendanceScope),
	ent.TypeCalendarFeed:            ofPeople(calendarFeedScope),
	ent.TypeAuditEvent:              ofPeople(auditEventScope),
	ent.TypeBooking:                 ofPeople(BookingScope),
	ent.TypeChild:                   ofPeople(ChildScope),
	ent.TypeConsent:                 ofPeople(consentScope),
	ent.TypeContactEvent:            ofPeople(contactEventScope),
	ent.TypeConvention:              ofPeople(conventionScope),
	ent.TypeDocument:                ofPeople(DocumentScope),
	ent.TypeDocumentRevision:        ofPeople(documentRevisionScope),
	ent.TypeDocumentSequence:        ofPeople(documentSequenceScope),
	ent.TypeFamily:                  ofPeople(FamilyScope),
	ent.TypeFirstAppointmentChange:  ofPeople(firstAppointmentChangeScope),
	ent.TypeGuardian:                ofPeople(guardianScope),
	ent.TypeIdempotencyKey:          ofPeople(idempotencyKeyScope),
	ent.TypeMembership:              ofPeople(MembershipScope),
	ent.TypeOrientation:             ofPeople(orientationScope),
	ent.TypeOutboxMessage:           ofPeople(outboxMessageScope),
	ent.TypePartnerLink:             ofPeople(PartnerLinkScope),
	ent.TypePartnerLinkEvent:        ofPeople(partnerLinkEventScope),
	ent.TypePerson:                  ofPeople(PersonScope),
	ent.TypeQuote:                   ofPeople(QuoteScope),
	ent.TypeQuoteLine:               ofPeople(quoteLineScope),
	ent.TypeReportDelivery:          ofPeople(reportDeliveryScope),
	ent.TypeWebhookDelivery:         ofPeople(webhookDeliveryScope),
	ent.TypeWebhookEndpoint:         ofPeople(endpointScope),
	ent.TypeAttachment:              ofPeople(attachmentScope),
	ent.TypeDocumentAcknowledgement: ofPeople(documentAcknowledgementScope),
	ent.TypeConventionAmendment:     ofPeople(conventionAmendmentScope),
	ent.TypeOrientationEvent:        ofPeople(orientationEventScope),
	ent.TypeAppointment:             ofPeople(appointmentScope),
	ent.TypeNotification:            ofPeople(notificationScope),
	ent.TypeNotificationPreference:  ofPeople(notificationPreferenceScope),
	ent.TypeSuspension:              ofPeople(suspensionScope),
	ent.TypeExtension:               ofPeople(extensionScope),
}

// ReadScope returns the predicate matching the records of the ent type typ
// (ent.TypeFamily, ...) that the viewer in ctx may read: the one the read
// rule of typ applies. A nil predicate means every record (the portal
// itself, public types); ok is false for a type no rule covers.
//
// The read rules filter the queries of a type, not the subqueries that a
// `where` filter crossing an edge (hasBookingsWith) builds to reach it:
// those must add this predicate, or a filter would count what the viewer
// cannot see.
func ReadScope(ctx context.Context, clk clock.Clock, typ string) (scope func(*sql.Selector), ok bool) {
	s, ok := readScopes[typ]
	if !ok {
		return nothing, false
	}
	v := viewer.FromContext(ctx)
	if v.IsSystem() {
		return nil, true
	}
	return s(v, clk), true
}

// restrict narrows a query of typ to the viewer's scope. A viewer with no
// scope gets an empty result rather than an error, so that an
// out-of-scope record cannot be told apart from a missing one. The eager
// load of the neighbours of visible parents, where the parents' rule
// implies typ's, is narrowed by the parents' ids alone (nested_loads.go).
func restrict[P ~func(*sql.Selector), R any](ctx context.Context, where func(...P) R, clk clock.Clock, typ string) error {
	if loadedWithVisibleParents(ctx, typ) {
		return privacy.Allow
	}
	if p, _ := ReadScope(ctx, clk, typ); p != nil {
		where(P(p))
	}
	return privacy.Allow
}

func everything(*viewer.Viewer, clock.Clock) func(*sql.Selector) { return nil }

func nothing(s *sql.Selector) { s.Where(sql.False()) }

// ofPeople turns the scope of a signed-in viewer (the OR of what each of
// their roles grants) into a readScope: anonymous visitors, and people
// whose roles grant nothing, see nothing.
func ofPeople[P ~func(*sql.Selector)](scope func(*viewer.Viewer) []P) readScope {
	return func(v *viewer.Viewer, _ clock.Clock) func(*sql.Selector) {
		if v.IsAnonymous() {
			return nothing
		}
		if or := scope(v); len(or) > 0 {
			return sql.OrPredicates(or...)
		}
		return nothing
	}
}

func workshopSeriesScope(v *viewer.Viewer, clk clock.Clock) []predicate.WorkshopSeries {
	return WorkshopSeriesScope(v, upcomingSeries(clk.Now()))
}
