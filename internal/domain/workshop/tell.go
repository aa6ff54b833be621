package workshop

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// news is a change to a planned series that its booked partners must
// hear of: kind is its webhook event kind (webhook.SessionCancelled,
// SessionMoved or SeriesCancelled).
type news struct {
	kind    string
	series  *ent.WorkshopSeries
	session *ent.WorkshopSession // nil for the whole series
	// previous is a moved session's former start.
	previous *time.Time
	reason   string
	// bookings are the live bookings to tell, read before a change that
	// cancels them; nil: the series' live bookings now.
	bookings []*ent.Booking
}

// sessionEvent is what a partner's webhook hears of a change: identifiers,
// statuses and dates, as its staff read them in the API.
type sessionEvent struct {
	SeriesID         pulid.ID   `json:"seriesId"`
	SeriesStatus     string     `json:"seriesStatus"`
	SessionID        *pulid.ID  `json:"sessionId,omitempty"`
	SessionStatus    string     `json:"sessionStatus,omitempty"`
	StartsAt         *time.Time `json:"startsAt,omitempty"`
	PreviousStartsAt *time.Time `json:"previousStartsAt,omitempty"`
	DurationMinutes  int        `json:"durationMinutes,omitempty"`
}

// tellBookers tells the partners holding live bookings in the series of a
// change, in the request's transaction: one French e-mail through the
// outbox to each person who booked, and one webhook event to each booking
// organisation. Neither names a child. It is the one place that does so
// (in-portal notifications may join it).
func tellBookers(ctx context.Context, c *ent.Client, n news) error {
	// As the portal: the bookings are the partners', not the viewer's,
	// and the outbox and webhooks are the portal's own bookkeeping.
	sys := viewer.SystemContext(ctx)
	bookings := n.bookings
	if bookings == nil {
		var err error
		bookings, err = c.Booking.Query().
			Where(booking.SeriesID(n.series.ID), booking.StatusIn(booking.StatusConfirmed, booking.StatusWaiting)).
			WithBookedBy().Order(booking.ByPosition()).All(sys)
		if err != nil {
			return err
		}
	}
	subject, body := n.mail()
	orgs := map[pulid.ID]bool{}
	people := map[pulid.ID]bool{}
	for _, b := range bookings {
		if !orgs[b.OrganisationID] {
			orgs[b.OrganisationID] = true
			if err := webhook.Emit(sys, c, b.OrganisationID, n.kind, n.event()); err != nil {
				return err
			}
		}
		p := b.Edges.BookedBy
		if p == nil || people[p.ID] {
			continue
		}
		people[p.ID] = true
		err := c.OutboxMessage.Create().
			SetProviderID(n.series.ProviderID).
			SetRecipientKind(outboxmessage.RecipientKindPartner).SetRecipientID(p.ID).
			SetRecipientAddress(p.Email).
			SetSubject(subject.French()).SetBody(body.French()).
			Exec(sys)
		if err != nil {
			return err
		}
	}
	return nil
}

func (n news) event() sessionEvent {
	ev := sessionEvent{SeriesID: n.series.ID, SeriesStatus: n.series.Status.String(), PreviousStartsAt: n.previous}
	if ses := n.session; ses != nil {
		starts := ses.StartsAt.UTC()
		ev.SessionID, ev.SessionStatus, ev.StartsAt, ev.DurationMinutes = &ses.ID, ses.Status.String(), &starts, ses.DurationMinutes
	}
	return ev
}

// mail is the subject and body of the e-mail, from the catalogue; mails
// are written in French, the users' language.
func (n news) mail() (subject, body i18n.Message) {
	sr, ses := n.series, n.session
	switch n.kind {
	case webhook.SessionMoved:
		place := sr.Place
		if ses.Place != nil {
			place = *ses.Place
		}
		return i18n.T("wss.mail.moved.subject", sr.Title),
			i18n.T("wss.mail.moved.body", sr.Title, i18n.Day(*n.previous), i18n.Hour(*n.previous),
				i18n.Day(ses.StartsAt), i18n.Hour(ses.StartsAt), place)
	case webhook.SessionCancelled:
		return i18n.T("wss.mail.session_cancelled.subject", sr.Title),
			i18n.T("wss.mail.session_cancelled.body", sr.Title, i18n.Day(ses.StartsAt), i18n.Hour(ses.StartsAt), n.reason)
	default:
		return i18n.T("wss.mail.series_cancelled.subject", sr.Title),
			i18n.T("wss.mail.series_cancelled.body", sr.Title, sr.Place, n.reason)
	}
}
