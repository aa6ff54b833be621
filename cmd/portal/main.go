// Command portal runs the partner-network portal.
//
//	portal                 start the server (same as "portal serve"),
//	                       after applying pending migrations
//	portal migrate         apply pending migrations and exit
//	portal token create    issue an access token for a person
//	portal audit verify    check the audit trail's hash chain
//
// Configuration comes from the environment: see package config and the
// README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/app"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/auth"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	cfg, err := config.FromEnv()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	command := "serve"
	if len(args) > 0 {
		command, args = args[0], args[1:]
	}
	switch command {
	case "serve":
		app.TuneRuntime()
		err = serve(ctx, cfg, logger, stdout)
	case "token":
		err = token(ctx, cfg, logger, args, stdout)
	case "migrate":
		err = migrate(ctx, cfg, stdout)
	case "audit":
		err = auditCommand(ctx, cfg, args, stdout)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, i18n.T("console.usage").French())
		return 0
	default:
		fmt.Fprintln(stderr, i18n.T("console.unknown_command", command).French())
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "portal:", err)
		return 1
	}
	return 0
}

// migrate implements "portal migrate".
func migrate(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	db, err := app.OpenDatabase(cfg.DatabaseURL, clock.System())
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Apply(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, i18n.T("console.up_to_date").French())
		return nil
	}
	for _, v := range applied {
		fmt.Fprintln(stdout, i18n.T("console.applied_migration", v).French())
	}
	return nil
}

// openDatabase opens the configured database and applies pending
// migrations; it refuses a database migrated by a newer portal.
func openDatabase(ctx context.Context, cfg config.Config) (*database.DB, error) {
	db, err := app.OpenDatabase(cfg.DatabaseURL, clock.System())
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func serve(ctx context.Context, cfg config.Config, logger *slog.Logger, stdout io.Writer) error {
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()

	listener, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	baseURL := "http://" + displayAddr(listener.Addr())

	if cfg.Demo {
		loaded, err := demo.Load(ctx, db)
		if err != nil {
			return fmt.Errorf("loading demo data: %w", err)
		}
		demo.PrintWelcome(stdout, baseURL, loaded)
	} else {
		fmt.Fprintln(stdout, i18n.T("console.graphiql", baseURL).French())
	}

	if cfg.SecretKeys, err = app.SecretKeys(cfg, db, logger); err != nil {
		return err
	}
	portal := app.New(cfg, db, logger)
	defer portal.Close()
	srv := portal.HTTPServer()
	if n, err := app.SealSecrets(ctx, db); err != nil {
		return fmt.Errorf("sealing stored secrets: %w", err)
	} else if n > 0 {
		logger.Info("stored secrets sealed under the first key of PORTAL_SECRET_KEY", "count", n)
	}
	srv.BaseContext = func(net.Listener) context.Context { return context.WithoutCancel(ctx) }
	jobs, err := portal.Jobs()
	if err != nil {
		return err
	}
	// The jobs stop with the server, before the database closes.
	jobsCtx, stopJobs := context.WithCancel(ctx)
	jobsDone := make(chan struct{})
	go func() { jobs.Run(jobsCtx); close(jobsDone) }()
	defer func() { stopJobs(); <-jobsDone }()

	errs := make(chan error, 1)
	go func() { errs <- srv.Serve(listener) }()
	logger.Info("portal listening", "addr", listener.Addr().String(), "dialect", db.Dialect)

	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-errs; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr turns a listening address into one a browser can open.
func displayAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// token implements "portal token create": the way to get the first
// coordinator in, and to recover access from the machine itself.
func token(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New(i18n.T("console.usage").French())
	}
	flags := flag.NewFlagSet("token create", flag.ContinueOnError)
	email := flags.String("email", "", "email of the person the token is for")
	label := flags.String("label", "command line", "what the token is for")
	ttl := flags.Duration("ttl", auth.DefaultTTL, "how long the token lives")
	if err := flags.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New(i18n.T("console.email_required").French())
	}
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := viewer.SystemContext(ctx)
	p, err := db.Client.Person.Query().Where(person.Email(*email)).Only(sys)
	if err != nil {
		return errors.New(i18n.T("console.no_person", *email).French())
	}
	issued, err := app.New(cfg, db, logger).Services.Auth.Issue(sys, p.ID, *label, *ttl, "")
	if err != nil {
		return err
	}
	expires := issued.Token.ExpiresAt
	fmt.Fprintln(stdout, i18n.T("console.token_issued", p.DisplayName,
		i18n.T("console.day_at_hour", i18n.Day(expires), i18n.Hour(expires))).French())
	fmt.Fprintf(stdout, "Authorization: Bearer %s\n", issued.Secret)
	return nil
}
