package workshop

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/notify"
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
// change, in the request's transaction: a notice (in the portal, and by
// e-mail unless they turned the kind off) to each person who booked, and
// one webhook event to each booking organisation. Neither names a child.
// It is the one place that does so.
func tellBookers(ctx context.Context, c *ent.Client, n news) error {
	// As the portal: the bookings are the partners', not the viewer's,
	// and the webhooks are the portal's own bookkeeping.
	sys := viewer.SystemContext(ctx)
	bookings := n.bookings
	if bookings == nil {
		var err error
		bookings, err = c.Booking.Query().
			Where(booking.SeriesID(n.series.ID), booking.StatusIn(booking.StatusConfirmed, booking.StatusWaiting)).
			Order(booking.ByPosition()).All(sys)
		if err != nil {
			return err
		}
	}
	orgs := map[pulid.ID]bool{}
	var bookers []pulid.ID
	for _, b := range bookings {
		if !orgs[b.OrganisationID] {
			orgs[b.OrganisationID] = true
			if err := webhook.Emit(sys, c, b.OrganisationID, n.kind, n.event()); err != nil {
				return err
			}
		}
		if b.BookedByID != nil {
			bookers = append(bookers, *b.BookedByID)
		}
	}
	return notify.Send(ctx, c, notify.Notice{
		Kind: n.noticeKind(), To: bookers, ProviderID: n.series.ProviderID,
		ProgrammeName: n.series.Title, Detail: n.detail().French(),
	})
}

func (n news) event() sessionEvent {
	ev := sessionEvent{SeriesID: n.series.ID, SeriesStatus: n.series.Status.String(), PreviousStartsAt: n.previous}
	if ses := n.session; ses != nil {
		starts := ses.StartsAt.UTC()
		ev.SessionID, ev.SessionStatus, ev.StartsAt, ev.DurationMinutes = &ses.ID, ses.Status.String(), &starts, ses.DurationMinutes
	}
	return ev
}

// noticeKind is the kind of notice the bookers get.
func (n news) noticeKind() notification.Kind {
	switch n.kind {
	case webhook.SessionMoved:
		return notification.KindSessionMoved
	case webhook.SessionCancelled:
		return notification.KindSessionCancelled
	default:
		return notification.KindSeriesCancelled
	}
}

// detail is what changed, as the notice tells it (stored in French, the
// language of stored texts): the days and hours, the place, the reason.
func (n news) detail() i18n.Message {
	sr, ses := n.series, n.session
	switch n.kind {
	case webhook.SessionMoved:
		place := sr.Place
		if ses.Place != nil {
			place = *ses.Place
		}
		return i18n.T("wss.notice.moved", i18n.Day(*n.previous), i18n.Hour(*n.previous),
			i18n.Day(ses.StartsAt), i18n.Hour(ses.StartsAt), place)
	case webhook.SessionCancelled:
		return i18n.T("wss.notice.session_cancelled", i18n.Day(ses.StartsAt), i18n.Hour(ses.StartsAt), n.reason)
	default:
		return i18n.T("wss.notice.series_cancelled", sr.Place, n.reason)
	}
}
