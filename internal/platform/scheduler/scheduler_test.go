package scheduler_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
	"github.com/reseau-liens/portal/internal/platform/scheduler"
)

func TestAJobRunsInOneProcessAtATime(t *testing.T) {
	db := dbtest.Open(t)
	if !db.IsPostgres() {
		t.Skip("SQLite serves one process; the lock is PostgreSQL's")
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Two processes: two schedulers, each with its own view of the job.
	first, second := scheduler.New(db.DB, logger), scheduler.New(db.DB, logger)
	inside, release := make(chan struct{}), make(chan struct{})
	var runs atomic.Int32
	job := scheduler.Job{Name: "reminders", Every: time.Minute, Run: func(context.Context) error {
		runs.Add(1)
		close(inside)
		<-release
		return nil
	}}
	done := make(chan bool)
	go func() {
		ran, _ := first.RunOnce(context.Background(), job)
		done <- ran
	}()
	<-inside
	t.Run("while one process runs it, another skips it", func(t *testing.T) {
		ran, err := second.RunOnce(context.Background(), job)
		if err != nil || ran {
			t.Fatalf("ran %v, %v", ran, err)
		}
	})
	close(release)
	if !<-done || runs.Load() != 1 {
		t.Fatalf("%d runs", runs.Load())
	}
	t.Run("once it is done, the next round runs again", func(t *testing.T) {
		other := scheduler.Job{Name: "reminders", Every: time.Minute, Run: func(context.Context) error { runs.Add(1); return nil }}
		if ran, err := second.RunOnce(context.Background(), other); err != nil || !ran {
			t.Fatalf("ran %v, %v", ran, err)
		}
	})
}

func TestRunStopsWithItsContext(t *testing.T) {
	db := dbtest.Open(t)
	var runs atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	s := scheduler.New(db.DB, slog.New(slog.NewTextHandler(io.Discard, nil)), scheduler.Job{
		Name: "tick", Every: 10 * time.Millisecond,
		Run: func(context.Context) error {
			if runs.Add(1) == 3 {
				cancel()
			}
			return nil
		},
	})
	finished := make(chan struct{})
	go func() { s.Run(ctx); close(finished) }()
	select {
	case <-finished:
	case <-time.After(5 * time.Second):
		t.Fatal("the scheduler did not stop")
	}
	if runs.Load() < 3 {
		t.Fatalf("%d runs", runs.Load())
	}
}
