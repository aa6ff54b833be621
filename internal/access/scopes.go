package access

import (
	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// The scopes below say, for each kind of record, which records a viewer
// may read: the OR of what each of their roles grants. An empty scope
// means nothing. They are SQL predicates, so a page costs no extra query.

const (
	coordinator  = membership.RoleCoordinator
	educator     = membership.RoleEducator
	practitioner = membership.RolePractitioner
	prescriber   = membership.RolePrescriber
	partnerStaff = membership.RolePartnerStaff
)

// assignable are the roles of the provider's staff who can be assigned to
// a file and then follow it: educators, and the practitioner who joins a
// MADI team ("dont la praticienne en psychopédagogie positive").
var assignable = []membership.Role{educator, practitioner}

// AccompanimentScope: coordinators see their provider's; educators those
// they are assigned to; prescribers those they requested; the members of a
// financer those it finances (financer.go).
func AccompanimentScope(v *viewer.Viewer) []predicate.Accompaniment {
	or := staffAccompaniments(v)
	if v.HasRole(prescriber) {
		or = append(or, accompaniment.PrescriberID(v.PersonID))
	}
	return append(or, financedAccompaniments(v)...)
}

// FamilyScope: all of a coordinator's provider (including families with no
// accompaniment), the families an educator is assigned to, and the
// families a prescriber referred that consent to share their file.
func FamilyScope(v *viewer.Viewer) []predicate.Family {
	var or []predicate.Family
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, family.ProviderIDIn(ids...))
	}
	if ids := v.ProviderIDs(assignable...); len(ids) > 0 {
		or = append(or, family.HasAccompanimentsWith(
			accompaniment.ProviderIDIn(ids...),
			accompaniment.HasEducatorsWith(person.ID(v.PersonID)),
		))
	}
	if v.HasRole(prescriber) {
		// A prescriber sees the file of a family they referred only while
		// the family consents to share it with them.
		or = append(or, family.And(
			family.HasAccompanimentsWith(accompaniment.PrescriberID(v.PersonID)),
			SharedWithPrescriber(),
		))
	}
	return or
}

// SharedWithPrescriber matches the families whose consent to share their
// file with the prescriber is given and not withdrawn.
func SharedWithPrescriber() predicate.Family {
	return family.HasConsentsWith(
		consent.PurposeEQ(consent.PurposeSharingWithPrescriber),
		consent.WithdrawnAtIsNil(),
	)
}

// ChildScope: the children of visible families, plus the children booked
// into a practitioner's series or by a partner's organisation.
func ChildScope(v *viewer.Viewer) []predicate.Child {
	var or []predicate.Child
	if fam := FamilyScope(v); len(fam) > 0 {
		or = append(or, child.HasFamilyWith(family.Or(fam...)))
	}
	if bk := bookingScopeWithoutProvider(v); len(bk) > 0 {
		or = append(or, child.HasBookingsWith(booking.Or(bk...)))
	}
	return or
}

// BookingScope: a coordinator's provider series, a practitioner's series,
// a partner organisation's own bookings.
func BookingScope(v *viewer.Viewer) []predicate.Booking {
	or := bookingScopeWithoutProvider(v)
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, booking.HasSeriesWith(workshopseries.ProviderIDIn(ids...)))
	}
	return or
}

func bookingScopeWithoutProvider(v *viewer.Viewer) []predicate.Booking {
	var or []predicate.Booking
	if v.HasRole(practitioner) {
		or = append(or, booking.HasSeriesWith(workshopseries.PractitionerID(v.PersonID)))
	}
	if ids := v.OrganisationIDs(partnerStaff); len(ids) > 0 {
		or = append(or, booking.OrganisationIDIn(ids...))
	}
	return or
}

// QuoteScope: a coordinator's provider, the practitioner in charge (and
// the provider's practitioners for requests no one has taken yet), the
// requesting partner organisation.
func QuoteScope(v *viewer.Viewer) []predicate.Quote {
	var or []predicate.Quote
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, quote.ProviderIDIn(ids...))
	}
	if v.HasRole(practitioner) {
		or = append(or, quote.PractitionerID(v.PersonID))
	}
	if ids := v.ProviderIDs(practitioner); len(ids) > 0 {
		// Requests not yet taken by a practitioner, so that one can price them.
		or = append(or, quote.And(quote.ProviderIDIn(ids...), quote.PractitionerIDIsNil()))
	}
	if ids := v.OrganisationIDs(partnerStaff); len(ids) > 0 {
		or = append(or, quote.OrganisationIDIn(ids...))
	}
	return or
}

// DocumentScope: coordinators and assigned educators see every document;
// a prescriber sees the final reports delivered to them, a financer's
// members the copies of the files it finances.
func DocumentScope(v *viewer.Viewer) []predicate.Document {
	var or []predicate.Document
	if staff := staffAccompaniments(v); len(staff) > 0 {
		or = append(or, document.HasAccompanimentWith(accompaniment.Or(staff...)))
	}
	if v.HasRole(prescriber) {
		or = append(or, document.And(
			document.KindEQ(document.KindFinalReport),
			document.DeliveredAtNotNil(),
			document.HasAccompanimentWith(
				accompaniment.PrescriberID(v.PersonID),
				accompaniment.HasFamilyWith(SharedWithPrescriber()),
			),
		))
	}
	return append(or, financedFinalReports(v)...)
}

// staffAccompaniments are the accompaniments whose whole file (contacts,
// documents, sensitive fields) the viewer may read: their provider's for a
// coordinator, their own for an assigned educator or practitioner.
func staffAccompaniments(v *viewer.Viewer) []predicate.Accompaniment {
	var or []predicate.Accompaniment
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, accompaniment.ProviderIDIn(ids...))
	}
	if ids := v.ProviderIDs(assignable...); len(ids) > 0 {
		or = append(or, accompaniment.And(
			accompaniment.ProviderIDIn(ids...),
			accompaniment.HasEducatorsWith(person.ID(v.PersonID)),
		))
	}
	return or
}

// WorkshopSeriesScope: upcoming scheduled series are public (the
// catalogue); a provider's coordinators, the practitioner and the host
// organisation also see past and cancelled ones.
func WorkshopSeriesScope(v *viewer.Viewer, upcoming predicate.WorkshopSeries) []predicate.WorkshopSeries {
	or := []predicate.WorkshopSeries{upcoming}
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, workshopseries.ProviderIDIn(ids...))
	}
	if v.HasRole(practitioner) {
		or = append(or, workshopseries.PractitionerID(v.PersonID))
	}
	if ids := v.OrganisationIDs(partnerStaff, prescriber); len(ids) > 0 {
		or = append(or, workshopseries.HostOrganisationIDIn(ids...))
	}
	if ids := v.OrganisationIDs(partnerStaff); len(ids) > 0 {
		// A partner follows the series it booked once they are past or
		// cancelled (its calendar feed shows them cancelled).
		or = append(or, workshopseries.HasBookingsWith(booking.OrganisationIDIn(ids...)))
	}
	return or
}

// PartnerLinkScope: a provider's staff see its links; a partner's members
// see their organisation's links.
func PartnerLinkScope(v *viewer.Viewer) []predicate.PartnerLink {
	var or []predicate.PartnerLink
	if ids := v.ProviderIDs(coordinator, educator, practitioner); len(ids) > 0 {
		or = append(or, partnerlink.ProviderIDIn(ids...))
	}
	if ids := v.OrganisationIDs(prescriber, partnerStaff); len(ids) > 0 {
		or = append(or, partnerlink.OrganisationIDIn(ids...))
	}
	return or
}

// PersonScope: oneself, the people who share a provider or an organisation
// with the viewer, for a prescriber the educators assigned to his requests,
// and, for a coordinator, the people of linked partners.
func PersonScope(v *viewer.Viewer) []predicate.Person {
	or := []predicate.Person{person.ID(v.PersonID)}
	if ids := v.ProviderIDs(coordinator, educator, practitioner); len(ids) > 0 {
		or = append(or, person.HasMembershipsWith(membership.ProviderIDIn(ids...)))
	}
	if ids := v.OrganisationIDs(prescriber, partnerStaff); len(ids) > 0 {
		or = append(or, person.HasMembershipsWith(membership.OrganisationIDIn(ids...)))
	}
	if v.HasRole(prescriber) {
		// The educators who follow the families a prescriber referred.
		or = append(or, person.HasAssignedAccompanimentsWith(accompaniment.PrescriberID(v.PersonID)))
	}
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, person.HasMembershipsWith(membership.HasOrganisationWith(
			organisationLinkedTo(ids)...)))
	}
	return or
}

// MembershipScope: the memberships of visible people.
func MembershipScope(v *viewer.Viewer) []predicate.Membership {
	return []predicate.Membership{membership.HasPersonWith(person.Or(PersonScope(v)...))}
}

// AccessTokenScope: one's own tokens, and for a coordinator the tokens of
// the people of their provider and linked partners.
func AccessTokenScope(v *viewer.Viewer) []predicate.AccessToken {
	or := []predicate.AccessToken{accesstoken.PersonID(v.PersonID)}
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, accesstoken.HasPersonWith(person.HasMembershipsWith(membership.Or(
			membership.ProviderIDIn(ids...),
			membership.HasOrganisationWith(organisationLinkedTo(ids)...),
		))))
	}
	return or
}

// organisationLinkedTo matches organisations with a live link to one of
// the providers.
func organisationLinkedTo(providerIDs []pulid.ID) []predicate.Organisation {
	return []predicate.Organisation{organisation.HasPartnerLinksWith(
		partnerlink.ProviderIDIn(providerIDs...),
		partnerlink.StatusIn(partnerlink.StatusProposed, partnerlink.StatusActive, partnerlink.StatusSuspended),
	)}
}
