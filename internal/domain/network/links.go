package network

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/partnerlinkevent"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// CanTransition reports whether a link may go from one status to another
// (schema.PartnerLinkMoves, enforced on every write).
func CanTransition(from, to partnerlink.Status) bool {
	return schema.PartnerLinkMoves.CanMove(string(from), string(to))
}

// ProposeLinkInput proposes a link: ProviderID may be omitted when the
// viewer coordinates only one provider.
type ProposeLinkInput struct {
	ProviderID     *pulid.ID
	OrganisationID pulid.ID
	Note           *string
}

// ChangeLinkInput names a link to change, and why (kept in its history).
type ChangeLinkInput struct {
	LinkID pulid.ID
	Note   *string
}

// ProposeLink proposes a link between a provider and an organisation. No
// ProviderID means the one provider the viewer coordinates. A live
// link (proposed, active or suspended) already there is LINK_EXISTS; an
// ended one is proposed again, its history continuing.
func (s *Service) ProposeLink(ctx context.Context, in ProposeLinkInput) (*ent.PartnerLink, error) {
	client := database.ClientFor(ctx, s.client)
	providerID, organisationID, note := given(in.ProviderID), in.OrganisationID, given(in.Note)
	v := viewer.FromContext(ctx)
	if providerID == "" {
		ids := v.ProviderIDs(membership.RoleCoordinator)
		if len(ids) != 1 {
			return nil, apierror.New(apierror.BadUserInput, "net.provider_required").OnField("input", "providerID")
		}
		providerID = ids[0]
	}
	if err := access.CanManageLinks(v, providerID); err != nil {
		return nil, err
	}
	if _, err := client.Organisation.Get(ctx, organisationID); err != nil {
		return nil, notFound(err, "not_found.organisation", "input", "organisationID")
	}
	existing, err := client.PartnerLink.Query().
		Where(partnerlink.ProviderID(providerID), partnerlink.OrganisationID(organisationID)).
		Only(ctx)
	switch {
	case err == nil && existing.Status != partnerlink.StatusEnded:
		return nil, apierror.New(LinkExists, "net.link_exists", statemachine.Word("partner_link", existing.Status))
	case err == nil:
		return transition(ctx, client, existing, partnerlink.StatusProposed, note)
	case !ent.IsNotFound(err):
		return nil, err
	}
	link, err := client.PartnerLink.Create().
		SetProviderID(providerID).
		SetOrganisationID(organisationID).
		SetStatus(partnerlink.StatusProposed).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := record(ctx, client, link.ID, nil, partnerlink.StatusProposed, link.ProposedAt, note); err != nil {
		return nil, err
	}
	if err := emitChange(ctx, client, link, nil, link.ProposedAt); err != nil {
		return nil, err
	}
	return link, nil
}

// ActivateLink activates a proposed or suspended link.
func (s *Service) ActivateLink(ctx context.Context, in ChangeLinkInput) (*ent.PartnerLink, error) {
	return changeStatus(ctx, database.ClientFor(ctx, s.client), in, partnerlink.StatusActive)
}

// SuspendLink suspends an active link: from then on its people can no
// longer request accompaniments or book workshops (see RequireActiveLink).
func (s *Service) SuspendLink(ctx context.Context, in ChangeLinkInput) (*ent.PartnerLink, error) {
	return changeStatus(ctx, database.ClientFor(ctx, s.client), in, partnerlink.StatusSuspended)
}

// EndLink ends a link that is not ended yet.
func (s *Service) EndLink(ctx context.Context, in ChangeLinkInput) (*ent.PartnerLink, error) {
	return changeStatus(ctx, database.ClientFor(ctx, s.client), in, partnerlink.StatusEnded)
}

func changeStatus(ctx context.Context, client *ent.Client, in ChangeLinkInput, to partnerlink.Status) (*ent.PartnerLink, error) {
	link, err := client.PartnerLink.Get(ctx, in.LinkID)
	if err != nil {
		return nil, notFound(err, "not_found.partner_link", "input", "linkID")
	}
	if err := access.CanManageLinks(viewer.FromContext(ctx), link.ProviderID); err != nil {
		return nil, err
	}
	return transition(ctx, client, link, to, given(in.Note))
}

// transition moves link to status to, dates the change on the link and
// records it in the link's history. The update is conditional on the
// status read, so two concurrent changes cannot both apply.
func transition(ctx context.Context, client *ent.Client, link *ent.PartnerLink, to partnerlink.Status, note string) (*ent.PartnerLink, error) {
	from := link.Status
	if err := schema.PartnerLinkMoves.Check("partner_link", string(from), string(to)); err != nil {
		return nil, err
	}
	now := client.Clock.Now()
	update := client.PartnerLink.UpdateOneID(link.ID).
		Where(partnerlink.StatusEQ(from)).
		SetStatus(to)
	switch to {
	case partnerlink.StatusActive:
		update.SetActivatedAt(now).ClearSuspendedAt()
	case partnerlink.StatusSuspended:
		update.SetSuspendedAt(now)
	case partnerlink.StatusEnded:
		update.SetEndedAt(now)
	case partnerlink.StatusProposed:
		update.ClearActivatedAt().ClearSuspendedAt().ClearEndedAt()
	}
	updated, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, apierror.New(InvalidTransition, "net.link_changed")
	}
	if err != nil {
		return nil, err
	}
	if err := record(ctx, client, link.ID, &from, to, now, note); err != nil {
		return nil, err
	}
	if err := emitChange(ctx, client, updated, &from, now); err != nil {
		return nil, err
	}
	return updated, nil
}

// record appends a change to a link's history, attributed to the viewer.
func record(ctx context.Context, client *ent.Client, linkID pulid.ID, from *partnerlink.Status, to partnerlink.Status, at time.Time, note string) error {
	create := client.PartnerLinkEvent.Create().
		SetPartnerLinkID(linkID).
		SetToStatus(partnerlinkevent.ToStatus(to)).
		SetAt(at).
		SetNote(note)
	if from != nil {
		create.SetFromStatus(partnerlinkevent.FromStatus(*from))
	}
	if v := viewer.FromContext(ctx); !v.IsAnonymous() && v.PersonID != "" {
		create.SetActorID(v.PersonID)
	}
	return create.Exec(ctx)
}

// linkChange is the webhook payload of a link's change: identifiers,
// statuses and the date, which the partner's members read in the API.
type linkChange struct {
	LinkID         pulid.ID            `json:"linkId"`
	ProviderID     pulid.ID            `json:"providerId"`
	OrganisationID pulid.ID            `json:"organisationId"`
	FromStatus     *partnerlink.Status `json:"fromStatus"`
	Status         partnerlink.Status  `json:"status"`
	At             time.Time           `json:"at"`
}

// emitChange tells the partner organisation's webhooks about the change.
func emitChange(ctx context.Context, client *ent.Client, link *ent.PartnerLink, from *partnerlink.Status, at time.Time) error {
	return webhook.Emit(ctx, client, link.OrganisationID, webhook.LinkStatusChanged, linkChange{
		LinkID: link.ID, ProviderID: link.ProviderID, OrganisationID: link.OrganisationID,
		FromStatus: from, Status: link.Status, At: at.UTC(),
	})
}

// RequireActiveLink returns nil when the provider and the organisation
// have an ACTIVE link, and a LINK_NOT_ACTIVE error otherwise (no link,
// proposed, suspended or ended). Requests for accompaniments and workshop
// bookings made on behalf of an organisation call it before any write, so
// that suspending a link stops them at once.
func RequireActiveLink(ctx context.Context, client *ent.Client, providerID, organisationID pulid.ID) error {
	client = database.ClientFor(ctx, client)
	// The portal reads the link itself: the answer must not depend on
	// whether the requester may see the link.
	link, err := client.PartnerLink.Query().
		Where(partnerlink.ProviderID(providerID), partnerlink.OrganisationID(organisationID)).
		Only(viewer.SystemContext(ctx))
	switch {
	case ent.IsNotFound(err):
		return CheckLink(nil)
	case err != nil:
		return err
	}
	return CheckLink(&link.Status)
}

// CheckLink is RequireActiveLink's answer for a link of the given status
// (nil: no link), for a step that read the status with what it locks
// (LinkStatus).
func CheckLink(status *partnerlink.Status) error {
	switch {
	case status == nil:
		return apierror.New(LinkNotActive, "net.no_partnership")
	case *status != partnerlink.StatusActive:
		return apierror.New(LinkNotActive, partnershipKey(*status))
	}
	return nil
}

// partnershipKey is the message of a partnership that is not active.
func partnershipKey(s partnerlink.Status) string {
	switch s {
	case partnerlink.StatusProposed:
		return "net.partnership_proposed"
	case partnerlink.StatusSuspended:
		return "net.partnership_suspended"
	default:
		return "net.partnership_ended"
	}
}
