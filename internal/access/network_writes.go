package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/conventionamendment"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/partnerlinkevent"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// The partner network is managed by the coordinators of the provider a
// link belongs to. Updates are narrowed, not just checked: the rules add
// a predicate to the mutation, so an update of a record out of the
// viewer's reach changes nothing and reads as "not found".

// WriteOrganisations lets any coordinator register a partner organisation:
// organisations are shared between providers.
func WriteOrganisations() privacy.MutationRule {
	return privacy.OrganisationMutationRuleFunc(func(ctx context.Context, m *ent.OrganisationMutation) error {
		if m.Op().Is(ent.OpCreate) && CanRegisterOrganisations(viewer.FromContext(ctx)) == nil {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WritePartnerLinks lets a provider's coordinators create its links and
// change their status.
func WritePartnerLinks() privacy.MutationRule {
	return privacy.PartnerLinkMutationRuleFunc(func(ctx context.Context, m *ent.PartnerLinkMutation) error {
		ids := viewer.FromContext(ctx).ProviderIDs(coordinator)
		if len(ids) == 0 {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			if p, ok := m.ProviderID(); ok && CanManageLinks(viewer.FromContext(ctx), p) == nil {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
			m.Where(partnerlink.ProviderIDIn(ids...))
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WritePartnerLinkEvents lets a provider's coordinators append to the
// history of its links. Events are never changed.
func WritePartnerLinkEvents() privacy.MutationRule {
	return privacy.PartnerLinkEventMutationRuleFunc(func(ctx context.Context, m *ent.PartnerLinkEventMutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Denyf("partner link events are append-only")
		}
		link, ok := m.PartnerLinkID()
		if ok && coordinatesLink(ctx, m.Client(), link) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteConventions lets a provider's coordinators record conventions on
// its links and amend them.
func WriteConventions() privacy.MutationRule {
	return privacy.ConventionMutationRuleFunc(func(ctx context.Context, m *ent.ConventionMutation) error {
		switch {
		case m.Op().Is(ent.OpCreate):
			link, ok := m.PartnerLinkID()
			if ok && coordinatesLink(ctx, m.Client(), link) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
			if ids := viewer.FromContext(ctx).ProviderIDs(coordinator); len(ids) > 0 {
				m.Where(convention.HasPartnerLinkWith(partnerlink.ProviderIDIn(ids...)))
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// WriteConventionAmendments lets a provider's coordinators append to the
// history of its conventions, in their own name. Amendments are never
// changed.
func WriteConventionAmendments() privacy.MutationRule {
	return privacy.ConventionAmendmentMutationRuleFunc(func(ctx context.Context, m *ent.ConventionAmendmentMutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Denyf("convention amendments are append-only")
		}
		v := viewer.FromContext(ctx)
		ids := v.ProviderIDs(coordinator)
		id, ok := m.ConventionID()
		author, _ := m.AuthorID()
		if !ok || len(ids) == 0 || author != v.PersonID {
			return privacy.Skip
		}
		ok, err := m.Client().Convention.Query().
			Where(convention.ID(id), convention.HasPartnerLinkWith(partnerlink.ProviderIDIn(ids...))).Exist(ctx)
		if err == nil && ok {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// ReadConventionAmendments: the history of the visible conventions.
func ReadConventionAmendments() privacy.QueryRule {
	return privacy.ConventionAmendmentQueryRuleFunc(func(ctx context.Context, q *ent.ConventionAmendmentQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeConventionAmendment)
	})
}

func conventionAmendmentScope(v *viewer.Viewer) []predicate.ConventionAmendment {
	if or := conventionScope(v); len(or) > 0 {
		return []predicate.ConventionAmendment{conventionamendment.HasConventionWith(convention.Or(or...))}
	}
	return nil
}

// coordinatesLink reports whether the viewer coordinates the provider of
// a link.
func coordinatesLink(ctx context.Context, client *ent.Client, linkID pulid.ID) bool {
	ids := viewer.FromContext(ctx).ProviderIDs(coordinator)
	if len(ids) == 0 {
		return false
	}
	ok, err := client.PartnerLink.Query().
		Where(partnerlink.ID(linkID), partnerlink.ProviderIDIn(ids...)).
		Exist(ctx)
	return err == nil && ok
}

// WritePeople lets a coordinator create the account of a person they
// invite into a linked organisation.
func WritePeople() privacy.MutationRule {
	return privacy.PersonMutationRuleFunc(func(ctx context.Context, m *ent.PersonMutation) error {
		if m.Op().Is(ent.OpCreate) && CanInvitePeople(viewer.FromContext(ctx)) == nil {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteMemberships lets a coordinator give people of an organisation
// linked to their provider a partner role, change it and end it. Provider
// roles are out of this rule's reach.
func WriteMemberships() privacy.MutationRule {
	return privacy.MembershipMutationRuleFunc(func(ctx context.Context, m *ent.MembershipMutation) error {
		ids := viewer.FromContext(ctx).ProviderIDs(coordinator)
		if len(ids) == 0 {
			return privacy.Skip
		}
		if role, ok := m.Role(); ok && !slices.Contains(partnerRoles, role) {
			return privacy.Skip
		}
		linked := membership.HasOrganisationWith(organisationLinkedTo(ids)...)
		switch {
		case m.Op().Is(ent.OpCreate):
			if org, ok := m.OrganisationID(); ok && CanManageMembersOf(ctx, m.Client(), viewer.FromContext(ctx), org) == nil {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
			m.Where(linked, membership.RoleIn(partnerRoles...))
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// ReadPartnerLinkEvents: the history of the visible links.
func ReadPartnerLinkEvents() privacy.QueryRule {
	return privacy.PartnerLinkEventQueryRuleFunc(func(ctx context.Context, q *ent.PartnerLinkEventQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypePartnerLinkEvent)
	})
}

func partnerLinkEventScope(v *viewer.Viewer) []predicate.PartnerLinkEvent {
	if links := PartnerLinkScope(v); len(links) > 0 {
		return []predicate.PartnerLinkEvent{partnerlinkevent.HasPartnerLinkWith(partnerlink.Or(links...))}
	}
	return nil
}
