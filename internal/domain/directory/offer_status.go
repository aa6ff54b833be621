package directory

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// OfferNotPublished: an orientation points only to a published offer.
const OfferNotPublished apierror.Code = "OFFER_NOT_PUBLISHED"

// ChangeOfferStatusInput names the offer whose status changes.
type ChangeOfferStatusInput struct {
	OfferID pulid.ID
}

// Withdraw takes a published offer out of the search for a while.
func (s *Service) Withdraw(ctx context.Context, in ChangeOfferStatusInput) (*ent.DirectoryOffer, error) {
	return s.moveOffer(ctx, in.OfferID, directoryoffer.StatusWithdrawn)
}

// Republish puts a withdrawn offer back in the search.
func (s *Service) Republish(ctx context.Context, in ChangeOfferStatusInput) (*ent.DirectoryOffer, error) {
	return s.moveOffer(ctx, in.OfferID, directoryoffer.StatusPublished)
}

// Archive retires an offer for good: it leaves the search, and stays
// readable where the orientations towards it name it.
func (s *Service) Archive(ctx context.Context, in ChangeOfferStatusInput) (*ent.DirectoryOffer, error) {
	return s.moveOffer(ctx, in.OfferID, directoryoffer.StatusArchived)
}

// moveOffer moves an offer along schema.DirectoryOfferMoves, dated, as
// the offer's publishers may (the access rule narrows the update).
func (s *Service) moveOffer(ctx context.Context, id pulid.ID, to directoryoffer.Status) (*ent.DirectoryOffer, error) {
	client := database.ClientFor(ctx, s.client)
	offer, err := client.DirectoryOffer.Get(ctx, id)
	if err != nil {
		return nil, notFound(err, "not_found.offer", "input", "offerID")
	}
	if err := schema.DirectoryOfferMoves.Check("directory_offer", string(offer.Status), string(to)); err != nil {
		return nil, err
	}
	moved, err := client.DirectoryOffer.UpdateOneID(id).
		SetStatus(to).
		SetStatusChangedAt(client.Clock.Now()).
		Save(ctx)
	if forbidden(err) {
		return nil, apierror.New(apierror.Forbidden, "dir.edit_forbidden")
	}
	return moved, err
}
