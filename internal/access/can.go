package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/organisation"
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

// CanManagePartnerMembership: a coordinator manages the partner roles
// (prescriber, partner staff) of an organisation's members, not the
// provider roles; organisationID is nil for a provider's membership.
func CanManagePartnerMembership(v *viewer.Viewer, role membership.Role, organisationID *pulid.ID) error {
	return refuseUnless(coordinatesAny(v) && organisationID != nil && slices.Contains(partnerRoles, role),
		"net.partner_members_only")
}

// CanManageMembersOf: a coordinator manages the members of the
// organisations linked (proposed, active or suspended) to a provider they
// coordinate, as WriteMemberships lets them; c reads the links as the
// viewer of ctx.
func CanManageMembersOf(ctx context.Context, c *ent.Client, v *viewer.Viewer, organisationID pulid.ID) error {
	ids := v.ProviderIDs(coordinator)
	if len(ids) == 0 {
		return refuseUnless(false, "net.organisation_not_linked")
	}
	linked, err := c.Organisation.Query().Where(organisation.ID(organisationID)).Where(organisationLinkedTo(ids)...).Exist(ctx)
	if err != nil {
		return err
	}
	return refuseUnless(linked, "net.organisation_not_linked")
}

// CanRequestAccompaniment: a prescriber requests accompaniments for the
// families they refer; a coordinator of the programme's provider records
// a family's own request.
func CanRequestAccompaniment(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID) || len(v.OrganisationIDs(prescriber)) > 0,
		"acc.request_forbidden")
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

// partnerRoles are the roles a coordinator gives in a partner organisation.
var partnerRoles = []membership.Role{prescriber, partnerStaff}

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
