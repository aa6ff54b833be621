package access

import (
	"slices"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The checks below decide a permission once: the write rules of this
// package allow a change by them, and the domain and the exports call
// them to refuse early with the same decision and its message (a key of
// the catalogue, internal/platform/i18n)
// (FORBIDDEN), instead of deciding again.

// CanRegisterOrganisations: any coordinator registers partner
// organisations (they are shared between providers).
func CanRegisterOrganisations(v *viewer.Viewer) error {
	return refuseUnless(coordinatesAny(v), "net.only_coordinator_registers")
}

// CanInvitePeople: a coordinator invites people into the organisations
// linked to their provider.
func CanInvitePeople(v *viewer.Viewer) error {
	return refuseUnless(coordinatesAny(v), "net.only_coordinator_invites")
}

// CanManageLinks: a provider's coordinators propose its partner links and
// change their status.
func CanManageLinks(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "net.only_coordinator_changes")
}

// CanManageConventions: a provider's coordinators record the conventions
// of its links and export their consumption.
func CanManageConventions(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "net.only_coordinator_records")
}

// CanReadActivityFigures: a provider's activity figures are for its
// coordinators.
func CanReadActivityFigures(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "acc.figures_coordinators")
}

// CanExport: the CSV exports are for coordinators.
func CanExport(v *viewer.Viewer) error {
	return refuseUnless(coordinatesAny(v), "export.coordinators_only")
}

func coordinatesAny(v *viewer.Viewer) bool { return len(v.ProviderIDs(coordinator)) > 0 }

func refuseUnless(allowed bool, refusalKey string) error {
	if allowed {
		return nil
	}
	return apierror.New(apierror.Forbidden, refusalKey)
}

// CanFollowOrganisationCalendar: the sessions an organisation booked are
// followed by its members.
func CanFollowOrganisationCalendar(v *viewer.Viewer, organisationID pulid.ID) error {
	return refuseUnless(slices.Contains(v.OrganisationIDs(prescriber, partnerStaff), organisationID),
		"cal.organisation_members_only")
}

// CanFollowAppointments: the first-appointments calendar is for the
// educators (and practitioners) files are assigned to.
func CanFollowAppointments(v *viewer.Viewer) error {
	return refuseUnless(len(v.ProviderIDs(educator, practitioner)) > 0,
		"cal.appointments_staff_only")
}
