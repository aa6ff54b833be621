// Package app is the portal's one composition root: it builds the clock's
// readers, the database client with its audit trail, the capabilities'
// services, the HTTP handler and the scheduled jobs, once, for the binary
// (cmd/portal, cmd/bench) and for the tests' harness (package apitest).
package app

import (
	"log/slog"
	"net/http"

	"github.com/reseau-liens/portal/graph"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/domain/auth"
	"github.com/reseau-liens/portal/internal/domain/calendar"
	"github.com/reseau-liens/portal/internal/domain/consent"
	"github.com/reseau-liens/portal/internal/domain/directory"
	"github.com/reseau-liens/portal/internal/domain/lifecycle"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/notify"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/domain/workshop"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/filestore"
	"github.com/reseau-liens/portal/internal/platform/revocation"
	"github.com/reseau-liens/portal/internal/platform/seats"
	"github.com/reseau-liens/portal/server"
)

// OpenDatabase opens the database at rawURL with a client that tells the
// time by clk and records the audit trail. It applies no migration (see
// database.DB.Migrate).
func OpenDatabase(rawURL string, clk clock.Clock) (*database.DB, error) {
	db, err := database.Open(rawURL, clk)
	if err != nil {
		return nil, err
	}
	Instrument(db)
	return db, nil
}

// Instrument adds to db's client what the portal's policy needs beside the
// access rules: the audit trail.
func Instrument(db *database.DB) { audit.Install(db.Client) }

// Portal is the portal over one database: the capabilities' services,
// built once, and what serves them (the HTTP handler, the jobs).
type Portal struct {
	Services graph.Services
	cfg      config.Config
	db       *database.DB
	logger   *slog.Logger
}

// New builds the portal's services over db with the settings of cfg.
func New(cfg config.Config, db *database.DB, logger *slog.Logger) *Portal {
	installSecrets(db, cfg.SecretKeys, logger)
	c := db.Client
	authn := auth.NewService(c).WithTokenCache(auth.TokenCache{
		TTL: cfg.TokenCacheTTL, Dialect: db.Dialect, URL: db.URL, Logger: logger,
	})
	authn.AnnounceRevocations(revocation.New(db.Dialect, db.URL, logger))
	files := filestore.Disk{Root: cfg.Files.Dir}
	return &Portal{
		Services: graph.Services{
			Accompaniment: accompaniment.NewService(c, accompaniment.RequestDeadlines{
				RemindAfter: cfg.RequestReminderAfter, ExpireAfter: cfg.RequestExpiresAfter,
			}).WithFiles(accompaniment.Files{Store: files, MaxBytes: cfg.Files.MaxUploadBytes, PublicURL: cfg.PublicURL}),
			Auth:      authn,
			Calendar:  calendar.NewService(c, cfg.PublicURL),
			Consent:   consent.NewService(c),
			Directory: directory.NewService(c),
			Lifecycle: lifecycle.NewService(c, cfg.Retention).WithFiles(files, logger),
			Network:   network.NewService(c),
			Notify:    notify.NewService(c),
			Webhook:   webhook.NewService(c),
			Workshop:  workshop.NewService(c, cfg.Workshop, seats.New(db.Dialect, db.URL, logger)),
		},
		cfg: cfg, db: db, logger: logger,
	}
}

// Close releases what the services hold beside the database (the token
// cache's LISTEN connection).
func (p *Portal) Close() { p.Services.Auth.Close() }

// Handler is the portal's HTTP handler.
func (p *Portal) Handler() http.Handler {
	return server.New(p.cfg, p.db, p.Services, p.logger)
}

// HTTPServer is the portal's HTTP server, with the connection timeouts of
// cfg.HTTP; the caller sets its listener and base context.
func (p *Portal) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           p.Handler(),
		ReadHeaderTimeout: p.cfg.HTTP.ReadHeaderTimeout,
		ReadTimeout:       p.cfg.HTTP.ReadTimeout,
		IdleTimeout:       p.cfg.HTTP.IdleTimeout,
	}
}
