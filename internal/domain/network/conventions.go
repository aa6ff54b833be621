package network

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// RecordConventionInput describes a convention to record on a link.
type RecordConventionInput struct {
	LinkID, ProgrammeID pulid.ID
	// FinancerID is the financing organisation; nil means the linked
	// organisation itself.
	FinancerID       *pulid.ID
	Places           int
	UnitPriceCents   int64
	StartsAt, EndsAt time.Time
}

// RecordConvention records a convention on an ACTIVE link, for a
// programme of the link's provider. A convention for the same programme
// on the same link whose period overlaps (bounds included) is refused
// with CONVENTION_OVERLAP.
func (s *Service) RecordConvention(ctx context.Context, in RecordConventionInput) (*ent.Convention, error) {
	client := database.ClientFor(ctx, s.client)
	link, err := client.PartnerLink.Get(ctx, in.LinkID)
	if err != nil {
		return nil, notFound(err, "not_found.partner_link", "input", "linkID")
	}
	if err := access.CanManageConventions(viewer.FromContext(ctx), link.ProviderID); err != nil {
		return nil, err
	}
	if link.Status != partnerlink.StatusActive {
		return nil, apierror.New(LinkNotActive, "net.conventions_active_links", statemachine.Word("partner_link", link.Status))
	}
	if err := checkConvention(ctx, client, link, &in); err != nil {
		return nil, err
	}
	// Serialise conventions of the same link: the conditional update
	// takes the link's row lock on PostgreSQL (SQLite transactions are
	// exclusive already), then the overlap is checked again under it.
	err = client.PartnerLink.UpdateOneID(link.ID).
		Where(partnerlink.StatusEQ(partnerlink.StatusActive)).
		SetUpdatedAt(client.Clock.Now()).
		Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, apierror.New(LinkNotActive, "net.link_no_longer_active")
	}
	if err != nil {
		return nil, err
	}
	if err := checkOverlap(ctx, client, &in); err != nil {
		return nil, err
	}
	return client.Convention.Create().
		SetPartnerLinkID(link.ID).
		SetProgrammeID(in.ProgrammeID).
		SetFinancerID(*in.FinancerID).
		SetPlaces(in.Places).
		SetUnitPriceCents(in.UnitPriceCents).
		SetStartsAt(in.StartsAt).
		SetEndsAt(in.EndsAt).
		Save(ctx)
}

// checkConvention checks the input against the link, filling the default
// financer.
func checkConvention(ctx context.Context, client *ent.Client, link *ent.PartnerLink, in *RecordConventionInput) error {
	switch {
	case in.Places <= 0:
		return apierror.New(apierror.BadUserInput, "net.places_min").OnField("input", "places")
	case in.UnitPriceCents < 0:
		return apierror.New(apierror.BadUserInput, "net.unit_price_negative").OnField("input", "unitPriceCents")
	case in.EndsAt.Before(in.StartsAt):
		return apierror.New(InvalidPeriod, "net.period_invalid").OnField("input", "endsAt")
	}
	prog, err := client.Programme.Get(ctx, in.ProgrammeID)
	if err != nil {
		return notFound(err, "not_found.programme", "input", "programmeID")
	}
	if prog.ProviderID != link.ProviderID {
		return apierror.New(ProgrammeNotOfProvider, "net.programme_not_of_provider").OnField("input", "programmeID")
	}
	if in.FinancerID == nil {
		in.FinancerID = &link.OrganisationID
	} else if _, err := client.Organisation.Get(ctx, *in.FinancerID); err != nil {
		return notFound(err, "not_found.financer", "input", "financerID")
	}
	return checkOverlap(ctx, client, in)
}

// checkOverlap refuses a period that meets a convention of the same
// programme on the same link.
func checkOverlap(ctx context.Context, client *ent.Client, in *RecordConventionInput) error {
	overlapping, err := client.Convention.Query().
		Where(
			convention.PartnerLinkID(in.LinkID),
			convention.ProgrammeID(in.ProgrammeID),
			convention.StartsAtLTE(in.EndsAt),
			convention.EndsAtGTE(in.StartsAt),
		).
		First(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil
	case err != nil:
		return err
	}
	return apierror.New(ConventionOverlap, "net.convention_overlap",
		i18n.Day(overlapping.StartsAt), i18n.Day(overlapping.EndsAt)).OnField("input", "startsAt")
}
