package export

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	domain "github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// batchSize is how many rows are read per query while streaming.
const batchSize = 500

// Handler serves the exports under /exports/. It expects an authenticated
// viewer in the request context (the server's bearer-token middleware).
// Failures are logged with the request ID; the client sees none of them.
func Handler(client *ent.Client, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /exports/conventions/{id}/consumption.csv", coordinatorsOnly(logger, func(w http.ResponseWriter, r *http.Request) error {
		return conventionConsumption(r.Context(), client, w, formatOf(r), pulid.ID(r.PathValue("id")))
	}))
	mux.Handle("GET /exports/conventions/{id}/consumption.xlsx", coordinatorsOnly(logger, func(w http.ResponseWriter, r *http.Request) error {
		return conventionConsumptionXLSX(r.Context(), client, w, pulid.ID(r.PathValue("id")))
	}))
	// The activity table is the accompaniment service's; its settings
	// (request deadlines) play no part in it.
	figures := domain.NewService(client, domain.RequestDeadlines{})
	mux.Handle("GET /exports/providers/{id}/activity.xlsx", coordinatorsOnly(logger, func(w http.ResponseWriter, r *http.Request) error {
		return activityFiguresXLSX(r.Context(), figures, w, r, pulid.ID(r.PathValue("id")))
	}))
	mux.Handle("GET /exports/partners/{id}/caseload.csv", coordinatorsOnly(logger, func(w http.ResponseWriter, r *http.Request) error {
		return partnerCaseload(r.Context(), client, w, formatOf(r), pulid.ID(r.PathValue("id")))
	}))
	mux.Handle("GET /exports/quotes/{file}", signedIn(logger, func(w http.ResponseWriter, r *http.Request) error {
		return quotePDF(r.Context(), client, w, r.PathValue("file"))
	}))
	return mux
}

// errNotFound is answered 404, whether the record is missing or out of
// the viewer's reach.
var errNotFound = fmt.Errorf("not found")

// errBadPeriod is answered 400: an export's period is not two days, the
// first before the second.
var errBadPeriod = fmt.Errorf("bad period")

// coordinatorsOnly answers 401 to anonymous visitors and 403 to anyone
// who coordinates no provider, then runs the export.
func coordinatorsOnly(logger *slog.Logger, export func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := viewer.FromContext(r.Context())
		switch {
		case v.IsAnonymous():
			w.Header().Set("WWW-Authenticate", `Bearer realm="portal"`)
			refuse(w, r, "export.sign_in", http.StatusUnauthorized)
			return
		}
		if refused, ok := apierror.As(access.CanExport(v)); ok {
			http.Error(w, refused.Message(r.Context()), http.StatusForbidden)
			return
		}
		serve(logger, w, r, export)
	})
}

// serve runs export and answers its failure, if the file has not started.
func serve(logger *slog.Logger, w http.ResponseWriter, r *http.Request, export func(http.ResponseWriter, *http.Request) error) {
	err := export(w, r)
	if err == errBadPeriod {
		refuse(w, r, "export.bad_period", http.StatusBadRequest)
		return
	}
	if err != nil && err != errNotFound && !ent.IsNotFound(err) && !errors.Is(err, pulid.ErrMalformed) {
		logger.ErrorContext(r.Context(), "export failed", "request_id", requestid.FromContext(r.Context()), "path", r.URL.Path, "error", err)
	}
	switch {
	case err != nil && w.Header().Get("Content-Disposition") != "":
		// The file has started: its truncation is the signal.
		return
	case err == errNotFound || ent.IsNotFound(err) || errors.Is(err, pulid.ErrMalformed):
		refuse(w, r, "export.not_found", http.StatusNotFound)
	case err != nil:
		refuse(w, r, "export.failed", http.StatusInternalServerError)
	}
}

// refuse answers status with the text of key, in the request's language.
func refuse(w http.ResponseWriter, r *http.Request, key string, status int) {
	http.Error(w, i18n.T(key).In(i18n.FromContext(r.Context())), status)
}

// csvWriter starts a CSV attachment once the first row is ready, so that
// a failure before it still gets a proper status.
type csvWriter struct {
	format
	w        http.ResponseWriter
	filename string
	out      *csv.Writer
}

func newCSV(w http.ResponseWriter, f format, filename string) *csvWriter {
	return &csvWriter{format: f, w: w, filename: filename}
}

func (c *csvWriter) write(record []string) error {
	if c.out == nil {
		h := c.w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8; header=present")
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename=%q`, c.filename))
		h.Set("Cache-Control", "no-store")
		c.out = csv.NewWriter(c.w)
		if !c.rfc4180 {
			// Excel reads a file without a byte order mark in the PC's
			// code page, and splits cells on the list separator, `;` in
			// France.
			if _, err := io.WriteString(c.w, "\ufeff"); err != nil {
				return err
			}
			c.out.Comma = ';'
			c.out.UseCRLF = true
		}
	}
	return c.out.Write(record)
}

// flush sends what is buffered to the client.
func (c *csvWriter) flush() error {
	if c.out == nil {
		return nil
	}
	c.out.Flush()
	if f, ok := c.w.(http.Flusher); ok {
		f.Flush()
	}
	return c.out.Error()
}

// stream reads accompaniments by ID order, batchSize at a time, and
// hands each to row, flushing after each batch.
func stream(ctx context.Context, q *ent.AccompanimentQuery, out *csvWriter, row func(*ent.Accompaniment) error) error {
	var after pulid.ID
	for {
		page := q.Clone().Order(ent.Asc(accompaniment.FieldID)).Limit(batchSize)
		if after != "" {
			page.Where(accompaniment.IDGT(after))
		}
		items, err := page.All(ctx)
		if err != nil {
			return err
		}
		for _, a := range items {
			if err := row(a); err != nil {
				return err
			}
		}
		if err := out.flush(); err != nil {
			return err
		}
		if len(items) < batchSize {
			return nil
		}
		after = items[len(items)-1].ID
	}
}
