// Package app is the portal's one composition root: it builds the clock's
// readers, the database client with its audit trail, the HTTP handler and
// the scheduled jobs, once, for the binary (cmd/portal, cmd/bench) and
// for the tests' harness (package apitest).
package app

import (
	"log/slog"
	"net/http"

	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database"
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

// HTTPServer is the portal's HTTP server over db, with the connection
// timeouts of cfg.HTTP; the caller sets its listener and base context.
func HTTPServer(cfg config.Config, db *database.DB, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           Handler(cfg, db, logger),
		ReadHeaderTimeout: cfg.HTTP.ReadHeaderTimeout,
		ReadTimeout:       cfg.HTTP.ReadTimeout,
		IdleTimeout:       cfg.HTTP.IdleTimeout,
	}
}

// Handler is the portal's HTTP handler over db.
func Handler(cfg config.Config, db *database.DB, logger *slog.Logger) http.Handler {
	installSecrets(db, cfg.SecretKeys, logger)
	return server.New(cfg, db, logger)
}
