package access

import (
	"slices"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The checks below decide a permission once: the write rules of this
// package allow a change by them, and the domain and the exports call
// them to refuse early with the same decision and its French message
// (FORBIDDEN), instead of deciding again.

// CanRegisterOrganisations: any coordinator registers partner
// organisations (they are shared between providers).
func CanRegisterOrganisations(v *viewer.Viewer) error {
	return refuseUnless(coordinatesAny(v), "Seuls les coordinateurs d'une structure enregistrent des organisations partenaires.")
}

// CanInvitePeople: a coordinator invites people into the organisations
// linked to their provider.
func CanInvitePeople(v *viewer.Viewer) error {
	return refuseUnless(coordinatesAny(v), "Seuls les coordinateurs d'une structure invitent des personnes.")
}

// CanManageLinks: a provider's coordinators propose its partner links and
// change their status.
func CanManageLinks(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "Seuls les coordinateurs de la structure gèrent ses liens partenaires.")
}

// CanManageConventions: a provider's coordinators record the conventions
// of its links and export their consumption.
func CanManageConventions(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "Seuls les coordinateurs de la structure gèrent ses conventions.")
}

// CanReadActivityFigures: a provider's activity figures are for its
// coordinators.
func CanReadActivityFigures(v *viewer.Viewer, providerID pulid.ID) error {
	return refuseUnless(v.IsCoordinatorOf(providerID), "Les chiffres d'activité sont réservés aux coordinateurs de la structure.")
}

// CanExport: the CSV exports are for coordinators.
func CanExport(v *viewer.Viewer) error {
	return refuseUnless(coordinatesAny(v), "Les exports sont réservés aux coordinateurs.")
}

func coordinatesAny(v *viewer.Viewer) bool { return len(v.ProviderIDs(coordinator)) > 0 }

func refuseUnless(allowed bool, refusal string) error {
	if allowed {
		return nil
	}
	return apierror.New(apierror.Forbidden, "%s", refusal)
}

// CanFollowOrganisationCalendar: the sessions an organisation booked are
// followed by its members.
func CanFollowOrganisationCalendar(v *viewer.Viewer, organisationID pulid.ID) error {
	return refuseUnless(slices.Contains(v.OrganisationIDs(prescriber, partnerStaff), organisationID),
		"Seuls les membres de l’organisation suivent les ateliers qu’elle a réservés.")
}

// CanFollowAppointments: the first-appointments calendar is for the
// educators (and practitioners) files are assigned to.
func CanFollowAppointments(v *viewer.Viewer) error {
	return refuseUnless(len(v.ProviderIDs(educator, practitioner)) > 0,
		"Le calendrier des premiers rendez-vous est réservé aux intervenants.")
}
