// Package calendars serves the iCalendar feeds under /calendars/: the
// secret in the path stands for its person (calendar applications send no
// bearer token), and the feed is read with that person's access rules.
package calendars

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/reseau-liens/portal/internal/domain/calendar"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// Handler serves GET /calendars/{secret}.ics. An unknown or revoked
// secret is 404, like a path that does not exist.
func Handler(feeds *calendar.Service, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /calendars/{file}", func(w http.ResponseWriter, r *http.Request) {
		secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
		if !ok {
			http.NotFound(w, r)
			return
		}
		feed, err := feeds.Render(r.Context(), secret)
		switch {
		case errors.Is(err, calendar.ErrNoFeed):
			http.Error(w, i18n.T("cal.feed_gone").In(i18n.FromContext(r.Context())), http.StatusNotFound)
			return
		case err != nil:
			logger.ErrorContext(r.Context(), "calendar feed failed", "request_id", requestid.FromContext(r.Context()), "error", err)
			http.Error(w, i18n.T("cal.feed_failed").In(i18n.FromContext(r.Context())), http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/calendar; charset=utf-8")
		h.Set("Content-Disposition", `inline; filename="agenda.ics"`)
		// The URL is a credential: no shared cache keeps what it opens.
		h.Set("Cache-Control", "private, no-store")
		h.Set("Referrer-Policy", "no-referrer")
		_, _ = w.Write(feed.Body)
	})
	return mux
}
