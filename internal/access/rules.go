package access

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/documentrevision"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/firstappointmentchange"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/quoteline"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// ReadFamilies filters families to the viewer's scope.
func ReadFamilies() privacy.QueryRule {
	return privacy.FamilyQueryRuleFunc(func(ctx context.Context, q *ent.FamilyQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeFamily)
	})
}

// ReadGuardians filters guardians to the visible families.
func ReadGuardians() privacy.QueryRule {
	return privacy.GuardianQueryRuleFunc(func(ctx context.Context, q *ent.GuardianQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeGuardian)
	})
}

func guardianScope(v *viewer.Viewer) []predicate.Guardian {
	return ofFamilies(v, guardian.HasFamilyWith)
}

// ReadConsents filters consents to the visible families.
func ReadConsents() privacy.QueryRule {
	return privacy.ConsentQueryRuleFunc(func(ctx context.Context, q *ent.ConsentQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeConsent)
	})
}

func consentScope(v *viewer.Viewer) []predicate.Consent {
	return ofFamilies(v, consent.HasFamilyWith)
}

func ofFamilies[P any](v *viewer.Viewer, has func(...predicate.Family) P) []P {
	if fam := FamilyScope(v); len(fam) > 0 {
		return []P{has(family.Or(fam...))}
	}
	return nil
}

// ReadChildren filters children to the viewer's scope.
func ReadChildren() privacy.QueryRule {
	return privacy.ChildQueryRuleFunc(func(ctx context.Context, q *ent.ChildQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeChild)
	})
}

// ReadAccompaniments filters accompaniments to the viewer's scope.
func ReadAccompaniments() privacy.QueryRule {
	return privacy.AccompanimentQueryRuleFunc(func(ctx context.Context, q *ent.AccompanimentQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeAccompaniment)
	})
}

// ReadContactEvents: only the provider's coordinators and the assigned
// educators read contacts; a prescriber follows progress figures instead.
func ReadContactEvents() privacy.QueryRule {
	return privacy.ContactEventQueryRuleFunc(func(ctx context.Context, q *ent.ContactEventQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeContactEvent)
	})
}

func contactEventScope(v *viewer.Viewer) []predicate.ContactEvent {
	if staff := staffAccompaniments(v); len(staff) > 0 {
		return []predicate.ContactEvent{contactevent.HasAccompanimentWith(accompaniment.Or(staff...))}
	}
	return nil
}

// ReadFirstAppointmentChanges: the history of a file's first appointment
// is read by those who read its contacts.
func ReadFirstAppointmentChanges() privacy.QueryRule {
	return privacy.FirstAppointmentChangeQueryRuleFunc(func(ctx context.Context, q *ent.FirstAppointmentChangeQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeFirstAppointmentChange)
	})
}

func firstAppointmentChangeScope(v *viewer.Viewer) []predicate.FirstAppointmentChange {
	if staff := staffAccompaniments(v); len(staff) > 0 {
		return []predicate.FirstAppointmentChange{firstappointmentchange.HasAccompanimentWith(accompaniment.Or(staff...))}
	}
	return nil
}

// ReadDocuments filters documents to the viewer's scope.
func ReadDocuments() privacy.QueryRule {
	return privacy.DocumentQueryRuleFunc(func(ctx context.Context, q *ent.DocumentQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeDocument)
	})
}

// ReadDocumentRevisions filters revisions to the visible documents.
func ReadDocumentRevisions() privacy.QueryRule {
	return privacy.DocumentRevisionQueryRuleFunc(func(ctx context.Context, q *ent.DocumentRevisionQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeDocumentRevision)
	})
}

func documentRevisionScope(v *viewer.Viewer) []predicate.DocumentRevision {
	if docs := DocumentScope(v); len(docs) > 0 {
		return []predicate.DocumentRevision{documentrevision.HasDocumentWith(document.Or(docs...))}
	}
	return nil
}

// ReadBookings filters bookings to the viewer's scope.
func ReadBookings() privacy.QueryRule {
	return privacy.BookingQueryRuleFunc(func(ctx context.Context, q *ent.BookingQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeBooking)
	})
}

// ReadQuotes filters quotes to the viewer's scope.
func ReadQuotes() privacy.QueryRule {
	return privacy.QuoteQueryRuleFunc(func(ctx context.Context, q *ent.QuoteQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeQuote)
	})
}

// ReadQuoteLines filters quote lines to the visible quotes.
func ReadQuoteLines() privacy.QueryRule {
	return privacy.QuoteLineQueryRuleFunc(func(ctx context.Context, q *ent.QuoteLineQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeQuoteLine)
	})
}

func quoteLineScope(v *viewer.Viewer) []predicate.QuoteLine {
	if quotes := QuoteScope(v); len(quotes) > 0 {
		return []predicate.QuoteLine{quoteline.HasQuoteWith(quote.Or(quotes...))}
	}
	return nil
}

// upcomingSeries is the public part of the workshop catalogue: what is
// still to come at now.
func upcomingSeries(now time.Time) predicate.WorkshopSeries {
	return workshopseries.And(
		workshopseries.StatusEQ(workshopseries.StatusScheduled),
		workshopseries.FirstSessionAtGT(now),
	)
}

// ReadWorkshopSeries lets everyone see upcoming series, and the people
// concerned see the rest.
func ReadWorkshopSeries() privacy.QueryRule {
	return privacy.WorkshopSeriesQueryRuleFunc(func(ctx context.Context, q *ent.WorkshopSeriesQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeWorkshopSeries)
	})
}

// ReadWorkshopSessions filters sessions to the visible series.
func ReadWorkshopSessions() privacy.QueryRule {
	return privacy.WorkshopSessionQueryRuleFunc(func(ctx context.Context, q *ent.WorkshopSessionQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeWorkshopSession)
	})
}

// ReadPartnerLinks filters links to the viewer's scope.
func ReadPartnerLinks() privacy.QueryRule {
	return privacy.PartnerLinkQueryRuleFunc(func(ctx context.Context, q *ent.PartnerLinkQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypePartnerLink)
	})
}

// ReadConventions: the conventions of the visible links, and those an
// organisation of the viewer finances.
func ReadConventions() privacy.QueryRule {
	return privacy.ConventionQueryRuleFunc(func(ctx context.Context, q *ent.ConventionQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeConvention)
	})
}

func conventionScope(v *viewer.Viewer) []predicate.Convention {
	var or []predicate.Convention
	if links := PartnerLinkScope(v); len(links) > 0 {
		or = append(or, convention.HasPartnerLinkWith(partnerlink.Or(links...)))
	}
	if ids := v.OrganisationIDs(prescriber, partnerStaff); len(ids) > 0 {
		or = append(or, convention.FinancerIDIn(ids...))
	}
	return or
}

// ReadPeople filters people to the viewer's scope.
func ReadPeople() privacy.QueryRule {
	return privacy.PersonQueryRuleFunc(func(ctx context.Context, q *ent.PersonQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypePerson)
	})
}

// ReadMemberships filters memberships to the visible people.
func ReadMemberships() privacy.QueryRule {
	return privacy.MembershipQueryRuleFunc(func(ctx context.Context, q *ent.MembershipQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeMembership)
	})
}

// ReadAccessTokens filters tokens to the viewer's scope.
func ReadAccessTokens() privacy.QueryRule {
	return privacy.AccessTokenQueryRuleFunc(func(ctx context.Context, q *ent.AccessTokenQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeAccessToken)
	})
}

// ReadAuditEvents: a coordinator reads their provider's trail.
func ReadAuditEvents() privacy.QueryRule {
	return privacy.AuditEventQueryRuleFunc(func(ctx context.Context, q *ent.AuditEventQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeAuditEvent)
	})
}

func auditEventScope(v *viewer.Viewer) []predicate.AuditEvent {
	ids := v.ProviderIDs(coordinator)
	if len(ids) == 0 {
		return nil
	}
	strs := make([]string, len(ids))
	for i, id := range ids {
		strs[i] = string(id)
	}
	return []predicate.AuditEvent{auditevent.ProviderIDIn(strs...)}
}

// AppendOnly refuses any update or deletion: audit events are written
// once. The one exception is the retention job's removal of the events
// it archived, as the portal, in a context marked by ArchivingContext
// (the database's trigger also checks that they were archived).
func AppendOnly() privacy.MutationRule {
	return privacy.AuditEventMutationRuleFunc(func(ctx context.Context, m *ent.AuditEventMutation) error {
		if m.Op().Is(ent.OpDelete) && viewer.FromContext(ctx).IsSystem() && ctx.Value(archivingKey{}) != nil {
			return privacy.Skip
		}
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Denyf("audit events are append-only")
		}
		return privacy.Skip
	})
}

type archivingKey struct{}

// ArchivingContext marks ctx as the audit retention job's, which may
// remove the audit events it has archived.
func ArchivingContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, archivingKey{}, true)
}
