package network

import (
	"context"
	"slices"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/people"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// PartnerRoles are the roles a coordinator gives in a partner
// organisation.
var PartnerRoles = []membership.Role{membership.RolePrescriber, membership.RolePartnerStaff}

// InvitePersonInput names a person to invite into a partner organisation.
type InvitePersonInput struct {
	OrganisationID pulid.ID
	Email          string
	// DisplayName is required when the email is new to the portal.
	DisplayName *string
	Role        membership.Role
}

// ChangeRoleInput is the new partner role of a current membership.
type ChangeRoleInput struct {
	MembershipID pulid.ID
	Role         membership.Role
}

// RemovePersonInput names the membership to end.
type RemovePersonInput struct {
	MembershipID pulid.ID
}

// InvitePerson gives a person a partner role in an organisation that has
// an ACTIVE link with a provider the viewer coordinates, creating the
// person's account when the email is new. A person with a current
// membership in the organisation is ALREADY_MEMBER (change their role
// instead).
func (s *Service) InvitePerson(ctx context.Context, in InvitePersonInput) (*ent.Membership, error) {
	client := database.ClientFor(ctx, s.client)
	if err := checkRole(in.Role); err != nil {
		return nil, err
	}
	typed, err := people.Email(in.Email, "input", "email")
	if err != nil {
		return nil, err
	}
	email := strings.ToLower(typed)
	if err := access.CanInvitePeople(viewer.FromContext(ctx)); err != nil {
		return nil, err
	}
	coordinated := viewer.FromContext(ctx).ProviderIDs(membership.RoleCoordinator)
	active, err := client.PartnerLink.Query().
		Where(
			partnerlink.OrganisationID(in.OrganisationID),
			partnerlink.ProviderIDIn(coordinated...),
			partnerlink.StatusEQ(partnerlink.StatusActive),
		).
		Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !active {
		return nil, apierror.New(LinkNotActive, "net.invite_linked_only").
			OnField("input", "organisationID")
	}
	// The portal looks the email up itself: the person may not be visible
	// to the coordinator yet (a new partner, or a member of another one).
	sys := viewer.SystemContext(ctx)
	existing, err := client.Person.Query().Where(person.EmailEqualFold(email)).Only(sys)
	switch {
	case err == nil:
		member, err := client.Membership.Query().
			Where(
				membership.PersonID(existing.ID),
				membership.OrganisationID(in.OrganisationID),
				membership.EndedAtIsNil(),
			).
			Exist(sys)
		if err != nil {
			return nil, err
		}
		if member {
			return nil, apierror.New(AlreadyMember, "net.already_member").OnField("input", "email")
		}
	case !ent.IsNotFound(err):
		return nil, err
	default:
		name, err := people.Name(given(in.DisplayName), people.MaxDisplayNameBytes, i18n.T("people.invitee_name"), "input", "displayName")
		if err != nil {
			return nil, err
		}
		existing, err = client.Person.Create().SetDisplayName(name).SetEmail(email).Save(ctx)
		if err != nil {
			return nil, err
		}
	}
	return client.Membership.Create().
		SetPersonID(existing.ID).
		SetOrganisationID(in.OrganisationID).
		SetRole(in.Role).
		Save(ctx)
}

// ChangeRole changes the partner role of a current membership.
func (s *Service) ChangeRole(ctx context.Context, in ChangeRoleInput) (*ent.Membership, error) {
	client := database.ClientFor(ctx, s.client)
	if err := checkRole(in.Role); err != nil {
		return nil, err
	}
	m, err := currentPartnerMembership(ctx, client, in.MembershipID)
	if err != nil {
		return nil, err
	}
	return client.Membership.UpdateOne(m).SetRole(in.Role).Save(ctx)
}

// RemovePerson ends a membership: it stops granting anything at once
// (the person's tokens carry no right from it from the next request on,
// see auth.Authenticate), and nothing the person wrote is deleted or
// re-attributed. A person left with no membership at all has their tokens
// revoked, so that a later invitation does not bring them back.
func (s *Service) RemovePerson(ctx context.Context, in RemovePersonInput) (*ent.Membership, error) {
	client := database.ClientFor(ctx, s.client)
	m, err := currentPartnerMembership(ctx, client, in.MembershipID)
	if err != nil {
		return nil, err
	}
	now := client.Clock.Now()
	ended, err := client.Membership.UpdateOne(m).SetEndedAt(now).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := revokeIfGone(ctx, client, m.PersonID, now); err != nil {
		return nil, err
	}
	return ended, nil
}

// currentPartnerMembership loads a membership the viewer may manage: a
// partner role, in an organisation linked to a provider they coordinate,
// not ended.
func currentPartnerMembership(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Membership, error) {
	m, err := client.Membership.Get(ctx, id)
	if err != nil {
		return nil, notFound(err, "not_found.membership", "input", "membershipID")
	}
	v := viewer.FromContext(ctx)
	if err := access.CanManagePartnerMembership(v, m.Role, m.OrganisationID); err != nil {
		return nil, err
	}
	if err := access.CanManageMembersOf(ctx, client, v, *m.OrganisationID); err != nil {
		return nil, err
	}
	if m.EndedAt != nil {
		return nil, apierror.New(MembershipEnded, "net.membership_ended", i18n.Day(*m.EndedAt))
	}
	return m, nil
}

func checkRole(role membership.Role) error {
	if !slices.Contains(PartnerRoles, role) {
		return apierror.New(apierror.BadUserInput, "net.member_role").OnField("input", "role")
	}
	return nil
}
