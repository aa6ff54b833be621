package graph

import (
	"github.com/reseau-liens/portal/internal/domain/directory"
)

// The conversions below turn the directory's GraphQL inputs into the
// arguments of package directory, and its search page into DirectoryPage.

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
