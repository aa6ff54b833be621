package graph

import (
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/domain/directory"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The conversions below turn the directory's GraphQL inputs into the
// arguments of package directory, and its results into payloads.

func (in PublishOfferInput) domain() directory.OfferInput {
	return directory.OfferInput{
		Category: &in.Category, Title: &in.Title, Description: &in.Description,
		Territory: &in.Territory, Audience: &in.Audience, Contact: &in.Contact,
	}
}

func (in UpdateOfferInput) domain() directory.OfferInput {
	return directory.OfferInput{
		Category: in.Category, Title: in.Title, Description: in.Description,
		Territory: in.Territory, Audience: in.Audience, Contact: in.Contact,
	}
}

func offerPayload(o *ent.DirectoryOffer, err error) (*DirectoryOfferPayload, error) {
	errs, err := apierror.Errors(err)
	return &DirectoryOfferPayload{Offer: o, Errors: errs}, err
}

func orientationPayload(o *ent.Orientation, err error) (*OrientationPayload, error) {
	errs, err := apierror.Errors(err)
	return &OrientationPayload{Orientation: o, Errors: errs}, err
}

func directoryPage(p *directory.Page, err error) (*DirectoryPage, error) {
	if err != nil {
		return nil, err
	}
	out := &DirectoryPage{Offers: p.Offers, TotalCount: p.TotalCount, HasNextPage: p.HasNextPage}
	if p.EndCursor != "" {
		out.EndCursor = &p.EndCursor
	}
	return out, nil
}
