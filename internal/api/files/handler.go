package files

import (
	"errors"
	"log/slog"
	"mime"
	"net/http"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// ActionDownload is the audit action recorded for a download.
const ActionDownload = "download"

// Handler serves GET /files/{id}. It expects the viewer of the request's
// bearer token in the context (the server's authentication middleware):
// 401 to anonymous visitors, 404 for a file missing or out of the
// viewer's reach alike. Each download is recorded in the audit trail.
func Handler(service *accompaniment.Service, client *ent.Client, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /files/{id}", func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if viewer.FromContext(ctx).IsAnonymous() {
			w.Header().Set("WWW-Authenticate", `Bearer realm="portal"`)
			refuse(w, r, "files.sign_in", http.StatusUnauthorized)
			return
		}
		att, content, err := service.OpenAttachment(ctx, pulid.ID(r.PathValue("id")))
		switch {
		case ent.IsNotFound(err) || errors.Is(err, pulid.ErrMalformed):
			refuse(w, r, "files.not_found", http.StatusNotFound)
			return
		case err != nil:
			logger.ErrorContext(ctx, "download failed", "request_id", requestid.FromContext(ctx), "path", r.URL.Path, "error", err)
			refuse(w, r, "files.failed", http.StatusInternalServerError)
			return
		}
		defer content.Close()
		if err := audit.Log(ctx, client, ActionDownload, ent.TypeAttachment, att.ID); err != nil {
			logger.ErrorContext(ctx, "download not audited", "request_id", requestid.FromContext(ctx), "error", err)
			refuse(w, r, "files.failed", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", att.MediaType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": att.FileName}))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		h.Set("Cache-Control", "no-store")
		h.Set("ETag", `"`+att.Sha256+`"`)
		http.ServeContent(w, r, "", att.CreatedAt, content)
	})
	return mux
}

// refuse answers status with the text of key, in the request's language.
func refuse(w http.ResponseWriter, r *http.Request, key string, status int) {
	http.Error(w, i18n.T(key).In(i18n.FromContext(r.Context())), status)
}
