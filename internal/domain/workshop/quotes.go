package workshop

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/quoteline"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// RequestQuoteInput is a partner's request for a quote.
type RequestQuoteInput struct {
	ProgrammeID     pulid.ID
	OrganisationID  pulid.ID
	ChildrenCount   int
	GroupSize       int
	SessionsPerWeek int
	Weeks           int
	Place           string
	TravelKm        int
}

// QuoteLineInput is one line set by the practitioner.
type QuoteLineInput struct {
	Label          string
	Quantity       int
	UnitPriceCents int64
}

// QuoteStepInput names the quote of a step that needs nothing else:
// priceQuote, sendQuote, declineQuote.
type QuoteStepInput struct {
	QuoteID pulid.ID
}

// AdjustQuoteLinesInput replaces the lines of a quote.
type AdjustQuoteLinesInput struct {
	QuoteID pulid.ID
	Lines   []*QuoteLineInput
}

// AcceptQuoteInput accepts a quote and dates its sessions.
type AcceptQuoteInput struct {
	QuoteID pulid.ID
	// FirstSessionAt is the start of the first session; later ones follow
	// weekly at the same time.
	FirstSessionAt time.Time
	// LastDate bounds the series: no session starts after it.
	LastDate time.Time
	// HolidayWeeks are days within weeks without sessions.
	HolidayWeeks []time.Time
}

// RequestQuote records a partner's request (by partner staff for their
// organisation, or a coordinator for them; see access.WriteQuotes).
func (s *Service) RequestQuote(ctx context.Context, in RequestQuoteInput) (*ent.Quote, error) {
	c := database.ClientFor(ctx, s.client)
	p, err := c.Programme.Get(ctx, in.ProgrammeID)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.programme").OnField("input", "programmeID")
	}
	if err != nil {
		return nil, err
	}
	if p.Kind != programme.KindWorkshop {
		return nil, apierror.New(NotAWorkshop, "ws.not_a_workshop", p.Code).OnField("input", "programmeID")
	}
	if err := validateRequest(p, in); err != nil {
		return nil, err
	}
	// Like bookings: only a partner with an active link asks for a quote.
	if err := network.RequireActiveLink(ctx, c, p.ProviderID, in.OrganisationID); err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	create := c.Quote.Create().
		SetProviderID(p.ProviderID).
		SetProgrammeID(p.ID).
		SetOrganisationID(in.OrganisationID).
		SetChildrenCount(in.ChildrenCount).
		SetGroupSize(in.GroupSize).
		SetSessionsPerWeek(in.SessionsPerWeek).
		SetWeeks(in.Weeks).
		SetPlace(strings.TrimSpace(in.Place)).
		SetTravelKm(in.TravelKm)
	if !v.IsAnonymous() {
		create.SetRequestedByID(v.PersonID)
	}
	return create.Save(ctx)
}

func validateRequest(p *ent.Programme, in RequestQuoteInput) error {
	bad := func(field, key string) error {
		return apierror.New(apierror.BadUserInput, key).OnField("input", field)
	}
	switch {
	case in.ChildrenCount < 1 || in.ChildrenCount > 500:
		return bad("childrenCount", "ws.children_count")
	case in.GroupSize < 1:
		return bad("groupSize", "ws.group_size_min")
	case p.GroupSizeLimit != nil && in.GroupSize > *p.GroupSizeLimit:
		return apierror.New(GroupTooLarge, "ws.group_too_large", p.Code, *p.GroupSizeLimit).OnField("input", "groupSize")
	case in.SessionsPerWeek < 1 || in.SessionsPerWeek > 5:
		return bad("sessionsPerWeek", "ws.sessions_per_week")
	case in.Weeks < 1 || in.Weeks > 52:
		return bad("weeks", "ws.weeks")
	case strings.TrimSpace(in.Place) == "" || len(in.Place) > 300:
		return bad("place", "ws.place")
	case in.TravelKm < 0 || in.TravelKm > 2000:
		return bad("travelKm", "ws.travel_km")
	}
	return nil
}

// findQuote loads a quote the viewer can see.
func findQuote(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.Quote, error) {
	q, err := c.Quote.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.quote").OnField("input", "quoteID")
	}
	return q, err
}

// loadQuote loads a quote the viewer can see and checks its status.
func loadQuote(ctx context.Context, c *ent.Client, id pulid.ID, want quote.Status, step i18n.Message) (*ent.Quote, error) {
	q, err := findQuote(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if err := mustBe(q, want, step); err != nil {
		return nil, err
	}
	return q, nil
}

// mustBe refuses a step a quote's status does not allow.
func mustBe(q *ent.Quote, want quote.Status, step i18n.Message) error {
	if q.Status != want {
		return apierror.New(InvalidTransition, "ws.quote_step_refused", statemachine.Word("quote", q.Status), step).OnField("input", "quoteID")
	}
	return nil
}

// PriceQuote prices a requested quote from its programme's tariff,
// replacing any lines, and makes the viewer its practitioner.
func (s *Service) PriceQuote(ctx context.Context, step QuoteStepInput) (*ent.Quote, error) {
	id := step.QuoteID
	c := database.ClientFor(ctx, s.client)
	q, err := loadQuote(ctx, c, id, quote.StatusRequested, i18n.T("ws.step.priced"))
	if err != nil {
		return nil, err
	}
	p, err := c.Programme.Get(ctx, q.ProgrammeID)
	if err != nil {
		return nil, err
	}
	lines := Price(TariffOf(p, s.settings.TravelCentsPerKm), Request{
		Children: q.ChildrenCount, GroupSize: q.GroupSize,
		SessionsPerWeek: q.SessionsPerWeek, Weeks: q.Weeks, TravelKm: q.TravelKm,
	})
	return s.writeLines(ctx, c, q, lines)
}

// AdjustQuoteLines replaces the lines of a requested quote with the
// practitioner's.
func (s *Service) AdjustQuoteLines(ctx context.Context, adjust AdjustQuoteLinesInput) (*ent.Quote, error) {
	id, in := adjust.QuoteID, adjust.Lines
	c := database.ClientFor(ctx, s.client)
	q, err := loadQuote(ctx, c, id, quote.StatusRequested, i18n.T("ws.step.adjusted"))
	if err != nil {
		return nil, err
	}
	if len(in) == 0 || len(in) > 50 {
		return nil, apierror.New(apierror.BadUserInput, "ws.quote_lines").OnField("input", "lines")
	}
	lines := make([]Line, len(in))
	for i, l := range in {
		at := func(f string) []string { return []string{"input", "lines", fmt.Sprint(i), f} }
		switch {
		case strings.TrimSpace(l.Label) == "" || len(l.Label) > 200:
			return nil, apierror.New(apierror.BadUserInput, "ws.line_label").OnField(at("label")...)
		case l.Quantity < 0 || l.Quantity > 100000:
			return nil, apierror.New(apierror.BadUserInput, "ws.line_quantity").OnField(at("quantity")...)
		case l.UnitPriceCents < 0 || l.UnitPriceCents > 100_000_00:
			return nil, apierror.New(apierror.BadUserInput, "ws.line_unit_price").OnField(at("unitPriceCents")...)
		}
		lines[i] = Line{Label: strings.TrimSpace(l.Label), Quantity: l.Quantity, UnitPriceCents: l.UnitPriceCents}
	}
	return s.writeLines(ctx, c, q, lines)
}

func (s *Service) writeLines(ctx context.Context, c *ent.Client, q *ent.Quote, lines []Line) (*ent.Quote, error) {
	if _, err := c.QuoteLine.Delete().Where(quoteline.QuoteID(q.ID)).Exec(ctx); err != nil {
		return nil, err
	}
	for i, l := range lines {
		err := c.QuoteLine.Create().SetQuoteID(q.ID).SetPosition(i + 1).SetLabel(l.Label).
			SetQuantity(l.Quantity).SetUnitPriceCents(l.UnitPriceCents).SetAmountCents(l.Amount()).Exec(ctx)
		if err != nil {
			return nil, err
		}
	}
	return c.Quote.UpdateOne(q).SetTotalCents(Total(lines)).
		SetPractitionerID(viewer.FromContext(ctx).PersonID).Save(ctx)
}

// SendQuote sends a priced quote to the partner; it can be answered until
// it expires, after the configured validity.
func (s *Service) SendQuote(ctx context.Context, step QuoteStepInput) (*ent.Quote, error) {
	id := step.QuoteID
	c := database.ClientFor(ctx, s.client)
	q, err := loadQuote(ctx, c, id, quote.StatusRequested, i18n.T("ws.step.sent"))
	if err != nil {
		return nil, err
	}
	n, err := c.QuoteLine.Query().Where(quoteline.QuoteID(q.ID)).Count(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, apierror.New(QuoteNotPriced, "ws.quote_not_priced").OnField("input", "quoteID")
	}
	now := c.Clock.Now()
	send := c.Quote.UpdateOne(q).SetStatus(quote.StatusSent).SetSentAt(now).
		SetExpiresAt(now.Add(s.settings.QuoteValidity)).
		SetPractitionerID(viewer.FromContext(ctx).PersonID)
	if q.Number == nil {
		provider, err := c.Provider.Get(ctx, q.ProviderID)
		if err != nil {
			return nil, err
		}
		number, err := numberQuote(ctx, c, q, provider.TimeZone)
		if err != nil {
			return nil, err
		}
		send.SetNumber(number)
	}
	return send.Save(ctx)
}

// answerable loads a sent quote that has not expired. An expired quote is
// refused with QUOTE_EXPIRED whether ExpireQuotes has marked it yet or not.
func answerable(ctx context.Context, c *ent.Client, id pulid.ID, step i18n.Message) (*ent.Quote, error) {
	q, err := findQuote(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if expired(q, c.Clock.Now()) {
		return nil, expiredError(q)
	}
	if err := mustBe(q, quote.StatusSent, step); err != nil {
		return nil, err
	}
	return q, nil
}

// DeclineQuote records the partner's refusal.
func (s *Service) DeclineQuote(ctx context.Context, step QuoteStepInput) (*ent.Quote, error) {
	id := step.QuoteID
	c := database.ClientFor(ctx, s.client)
	q, err := answerable(ctx, c, id, i18n.T("ws.step.declined"))
	if err != nil {
		return nil, err
	}
	return answer(ctx, c, q, quote.StatusDeclined, i18n.T("ws.step.declined"))
}

// answer records the partner's answer only if the quote is still SENT and
// unexpired when written: between the read and the write, another answer
// or the expiry job may have come first, and must not be overwritten.
func answer(ctx context.Context, c *ent.Client, q *ent.Quote, status quote.Status, step i18n.Message) (*ent.Quote, error) {
	now := c.Clock.Now()
	answered, err := c.Quote.UpdateOne(q).
		Where(quote.StatusEQ(quote.StatusSent), quote.Or(quote.ExpiresAtIsNil(), quote.ExpiresAtGT(now))).
		SetStatus(status).SetRespondedAt(now).
		Save(ctx)
	if ent.IsNotFound(err) {
		// Say what came first, as if the answer had arrived after it.
		if _, err := answerable(ctx, c, q.ID, step); err != nil {
			return nil, err
		}
		return nil, apierror.New(InvalidTransition, "ws.quote_answered").OnField("input", "quoteID")
	}
	return answered, err
}

// AcceptQuote records the partner's acceptance and creates the series:
// one per group of children, each with its dated sessions.
func (s *Service) AcceptQuote(ctx context.Context, in AcceptQuoteInput) (*ent.Quote, []*ent.WorkshopSeries, error) {
	c := database.ClientFor(ctx, s.client)
	q, err := answerable(ctx, c, in.QuoteID, i18n.T("ws.step.accepted"))
	if err != nil {
		return nil, nil, err
	}
	// A partnership suspended or ended since the request stops it here.
	if err := network.RequireActiveLink(ctx, c, q.ProviderID, q.OrganisationID); err != nil {
		return nil, nil, err
	}
	if !in.FirstSessionAt.After(c.Clock.Now()) {
		return nil, nil, apierror.New(InvalidSchedule, "ws.first_session_future").OnField("input", "firstSessionAt")
	}
	provider, err := c.Provider.Get(ctx, q.ProviderID)
	if err != nil {
		return nil, nil, err
	}
	zone := clock.Zone(provider.TimeZone)
	if inHolidayWeek(in.FirstSessionAt, in.HolidayWeeks, zone) {
		return nil, nil, apierror.New(InvalidSchedule, "ws.first_session_holiday").OnField("input", "firstSessionAt")
	}
	// A school's series skips its zone's holidays; the weeks typed in the
	// input are skipped too (a school trip, an exam week).
	org, err := c.Organisation.Get(ctx, q.OrganisationID)
	if err != nil {
		return nil, nil, err
	}
	school := schoolDaysOf(org)
	if err := school.checkFirst(in.FirstSessionAt, zone); err != nil {
		return nil, nil, err
	}
	times := ScheduleAround(in.FirstSessionAt, in.LastDate, in.HolidayWeeks, school.closed(), q.Weeks, q.SessionsPerWeek, zone)
	if len(times) < q.Weeks*q.SessionsPerWeek {
		return nil, nil, apierror.New(InvalidSchedule, "ws.sessions_do_not_fit",
			len(times), q.Weeks*q.SessionsPerWeek).OnField("input", "lastDate")
	}
	if err := school.checkLast(times, zone); err != nil {
		return nil, nil, err
	}
	p, err := c.Programme.Get(ctx, q.ProgrammeID)
	if err != nil {
		return nil, nil, err
	}
	// Checked when the quote was requested; the series hook enforces it again.
	capacity := q.GroupSize
	minutes := 60
	if p.SessionMinutes != nil {
		minutes = *p.SessionMinutes
	}
	groups := Request{Children: q.ChildrenCount, GroupSize: q.GroupSize}.Groups()
	slots, err := GroupSlots(times, groups, minutes, zone)
	if err != nil {
		return nil, nil, err
	}

	q, err = answer(ctx, c, q, quote.StatusAccepted, i18n.T("ws.step.accepted"))
	if err != nil {
		return nil, nil, err
	}
	series := make([]*ent.WorkshopSeries, 0, groups)
	for g := range groups {
		title := p.Name
		if groups > 1 {
			title = fmt.Sprintf("%s (groupe %d/%d)", p.Name, g+1, groups)
		}
		create := c.WorkshopSeries.Create().
			SetProviderID(q.ProviderID).SetProgrammeID(q.ProgrammeID).
			SetHostOrganisationID(q.OrganisationID).SetQuoteID(q.ID).
			SetTitle(title).SetPlace(q.Place).SetCapacity(capacity).
			SetFirstSessionAt(slots[g][0])
		if q.PractitionerID != nil {
			create.SetPractitionerID(*q.PractitionerID)
		}
		sr, err := create.Save(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, at := range slots[g] {
			if err := c.WorkshopSession.Create().SetSeriesID(sr.ID).SetStartsAt(at).SetDurationMinutes(minutes).Exec(ctx); err != nil {
				return nil, nil, err
			}
		}
		series = append(series, sr)
	}
	return q, series, nil
}
