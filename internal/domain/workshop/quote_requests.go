package workshop

import (
	"context"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// EditQuoteRequestInput changes the fields given of a quote request.
type EditQuoteRequestInput struct {
	QuoteID         pulid.ID
	ChildrenCount   *int
	GroupSize       *int
	SessionsPerWeek *int
	Weeks           *int
	Place           *string
	TravelKm        *int
}

// EditQuoteRequest changes a request until the practitioner prices it
// (its partner, the provider's coordinator or practitioners): priced
// lines would no longer match the request. The quote's status machine
// freezes the request once it is sent, whoever writes.
func (s *Service) EditQuoteRequest(ctx context.Context, in EditQuoteRequestInput) (*ent.Quote, error) {
	c := database.ClientFor(ctx, s.client)
	q, err := findQuote(ctx, c, in.QuoteID)
	if err != nil {
		return nil, err
	}
	if err := access.CanEditQuoteRequest(viewer.FromContext(ctx), q); err != nil {
		return nil, err
	}
	if err := mustBe(q, quote.StatusRequested, i18n.T("wss.step.edited")); err != nil {
		return nil, err
	}
	p, err := c.Programme.Get(ctx, q.ProgrammeID)
	if err != nil {
		return nil, err
	}
	req := RequestQuoteInput{
		ProgrammeID: q.ProgrammeID, OrganisationID: q.OrganisationID,
		ChildrenCount: or(in.ChildrenCount, q.ChildrenCount), GroupSize: or(in.GroupSize, q.GroupSize),
		SessionsPerWeek: or(in.SessionsPerWeek, q.SessionsPerWeek), Weeks: or(in.Weeks, q.Weeks),
		Place: or(in.Place, q.Place), TravelKm: or(in.TravelKm, q.TravelKm),
	}
	if err := validateRequest(p, req); err != nil {
		return nil, err
	}
	// Written only while no line exists: a practitioner pricing it
	// meanwhile comes first.
	edited, err := c.Quote.UpdateOne(q).Where(quote.Not(quote.HasLines())).
		SetChildrenCount(req.ChildrenCount).SetGroupSize(req.GroupSize).
		SetSessionsPerWeek(req.SessionsPerWeek).SetWeeks(req.Weeks).
		SetPlace(strings.TrimSpace(req.Place)).SetTravelKm(req.TravelKm).
		Save(ctx)
	if ent.IsNotFound(err) {
		return nil, apierror.New(QuoteAlreadyPriced, "wss.quote_priced").OnField("input", "quoteID")
	}
	return edited, err
}

// CancelQuoteRequest withdraws a partner's own request, priced or not,
// until it is sent (a sent quote is declined).
func (s *Service) CancelQuoteRequest(ctx context.Context, step QuoteStepInput) (*ent.Quote, error) {
	c := database.ClientFor(ctx, s.client)
	q, err := findQuote(ctx, c, step.QuoteID)
	if err != nil {
		return nil, err
	}
	if err := access.CanCancelQuoteRequest(viewer.FromContext(ctx), q); err != nil {
		return nil, err
	}
	if err := mustBe(q, quote.StatusRequested, i18n.T("wss.step.cancelled")); err != nil {
		return nil, err
	}
	return c.Quote.UpdateOne(q).SetStatus(quote.StatusCancelled).SetCancelledAt(c.Clock.Now()).Save(ctx)
}

// or is *v when given, else current.
func or[T any](v *T, current T) T {
	if v != nil {
		return *v
	}
	return current
}
