package scheduler

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/internal/platform/database"
)

// Job is a unit of periodic work.
type Job struct {
	// Name identifies the job in logs and names its lock.
	Name string
	// Every is the pause between two runs.
	Every time.Duration
	// Run does one round of work.
	Run func(ctx context.Context) error
}

// Scheduler runs jobs periodically over a database.
type Scheduler struct {
	db     *database.DB
	logger *slog.Logger
	jobs   []Job
}

// New returns a scheduler of jobs.
func New(db *database.DB, logger *slog.Logger, jobs ...Job) *Scheduler {
	return &Scheduler{db: db, logger: logger, jobs: jobs}
}

// Run runs every job at its pace until ctx is done, then waits for the
// runs in flight.
func (s *Scheduler) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, job := range s.jobs {
		wg.Go(func() {
			ticker := time.NewTicker(job.Every)
			defer ticker.Stop()
			for {
				if _, err := s.RunOnce(ctx, job); err != nil && ctx.Err() == nil {
					s.logger.ErrorContext(ctx, "scheduled job failed", "job", job.Name, "error", err)
				}
				select {
				case <-ctx.Done():
					return
				case <-ticker.C:
				}
			}
		})
	}
	wg.Wait()
}

// RunOnce runs one round of job unless another process is running it
// (PostgreSQL); it reports whether it ran.
func (s *Scheduler) RunOnce(ctx context.Context, job Job) (bool, error) {
	if s.db.Dialect != dialect.Postgres {
		return true, job.Run(ctx)
	}
	// A session lock lives on one connection: hold that connection for
	// the whole run, and unlock on it.
	conn, err := s.db.SQL.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	key := lockKey(job.Name)
	var locked bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&locked); err != nil {
		return false, fmt.Errorf("scheduler: locking %s: %w", job.Name, err)
	}
	if !locked {
		return false, nil
	}
	defer func() {
		// Unlock even when ctx is done, so the connection goes back clean.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
	}()
	return true, job.Run(ctx)
}

// lockKey is the advisory lock number of a job.
func lockKey(name string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte("portal-scheduler:" + name))
	return int64(h.Sum64())
}
