package app

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/outbox"
	"github.com/reseau-liens/portal/internal/platform/scheduler"
)

// Jobs lists the portal's periodic jobs, each run by one process at a time.
func (p *Portal) Jobs() (*scheduler.Scheduler, error) {
	cfg, db, logger, s := p.cfg, p.db, p.logger, p.Services
	sender, err := outbox.NewSender(cfg.SMTPURL, logger)
	if err != nil {
		return nil, err
	}
	logged := func(name string, run func(context.Context) (int, error)) func(context.Context) error {
		return func(ctx context.Context) error {
			n, err := run(ctx)
			if n > 0 {
				logger.InfoContext(ctx, "scheduled job", "job", name, "count", n)
			}
			return err
		}
	}
	webhooks := webhook.NewDispatcher(db.Client, logger, cfg.WebhookAllowedNetworks...)
	// Each job runs in one process at a time (see package scheduler), so
	// several portal processes never send a delivery twice.
	return scheduler.New(db, logger,
		scheduler.Job{Name: "webhooks", Every: min(15*time.Second, cfg.JobsEvery), Run: logged("webhooks", webhooks.RunOnce)},
		scheduler.Job{Name: "outbox", Every: min(time.Minute, cfg.JobsEvery), Run: logged("outbox", func(ctx context.Context) (int, error) {
			return outbox.Dispatch(ctx, db.Client, sender, logger)
		})},
		scheduler.Job{Name: "request-deadlines", Every: cfg.JobsEvery, Run: logged("request-deadlines", func(ctx context.Context) (int, error) {
			return s.Accompaniment.EnforceRequestDeadlines(ctx)
		})},
		scheduler.Job{Name: "quote-expiry", Every: min(15*time.Minute, cfg.JobsEvery), Run: logged("quote-expiry", func(ctx context.Context) (int, error) {
			return s.Workshop.ExpireQuotes(ctx, db.Clock.Now())
		})},
		// Read logs are chained after they commit (see audit.Seal); not
		// logged, it runs every second.
		scheduler.Job{Name: "audit-chain", Every: min(time.Second, cfg.JobsEvery), Run: func(ctx context.Context) error {
			_, err := audit.Seal(ctx, db.Client)
			return err
		}},
		scheduler.Job{Name: "audit-retention", Every: cfg.JobsEvery, Run: logged("audit-retention", func(ctx context.Context) (int, error) {
			return audit.Archive(ctx, db, cfg.Audit.ArchiveDir, cfg.Audit.Retention)
		})},
		scheduler.Job{Name: "anonymisation", Every: cfg.JobsEvery, Run: logged("anonymisation", func(ctx context.Context) (int, error) {
			return s.Lifecycle.AnonymiseExpired(ctx, db.Clock.Now())
		})},
	), nil
}
