package audit_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// TestTheRetentionJobDropsTheMonthsItArchivedWhole runs the retention job
// over five months of reads: the months wholly older than the cutoff go
// as whole partitions on PostgreSQL, the month the cutoff falls in (and
// the events of the default partition) row by row, as on SQLite; the
// archive holds exactly what left, and the chain still verifies.
func TestTheRetentionJobDropsTheMonthsItArchivedWhole(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ctx := context.Background()
	sys := viewer.SystemContext(ctx)
	dir := t.TempDir()
	const keepAll = 3 * 365 * 24 * time.Hour // a job run that archives nothing
	month := func(i int) database.AuditPartition {
		return database.AuditMonth(database.AuditMonth(api.Clock.Now()).From.AddDate(0, i, 0))
	}
	m := make([]database.AuditPartition, 9) // m[i]: i months after the demo's
	for i := range m {
		m[i] = month(i)
	}
	// Tokens for the whole scenario (the demo's last 30 days).
	tokens := map[string]string{}
	for _, a := range []string{demo.Prescriber, demo.Coordinator} {
		issued, err := api.Services.Auth.Issue(apitest.Sys, api.Demo.People[a], "test", keepAll, "")
		if err != nil {
			t.Fatal(err)
		}
		tokens[a] = issued.Secret
	}
	read := func() *ent.AuditEvent {
		t.Helper()
		api.MustSucceed(t, tokens[demo.Prescriber], readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
		if _, err := audit.Seal(sys, api.DB.Client); err != nil {
			t.Fatal(err)
		}
		return api.DB.Client.AuditEvent.Query().Order(ent.Desc(auditevent.FieldSeq)).FirstX(sys)
	}
	job := func(retention time.Duration) int {
		t.Helper()
		n, err := audit.Archive(ctx, api.DB.DB, dir, retention)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// The demo's events are in the default partition (no job ran yet);
	// then a job run at the start of each month before its reads.
	at := func(i, day int) { api.Clock.Set(m[i].From.AddDate(0, 0, day-1).Add(9 * time.Hour)) }
	at(1, 2)
	job(keepAll)
	read()
	at(2, 5)
	job(keepAll)
	read()
	at(3, 5)
	job(keepAll)
	partlyExpired := read()
	at(3, 20)
	kept := read()
	at(4, 5)
	if n := job(keepAll); n != 0 {
		t.Fatalf("archived %d within the period", n)
	}
	latest := read()

	pg := api.DB.IsPostgres()
	if pg {
		if got, want := partitionNames(t, api), names(m[1:6]); !slices.Equal(got, want) {
			t.Fatalf("partitions %v, want %v (this month's and the next made at each run)", got, want)
		}
		if p := partitionOf(t, api, kept.ID); p != m[3].Name {
			t.Fatalf("an event of %s is in %s", m[3].Name, p)
		}
	}

	// The cutoff falls on the 10th of month 3: months 1 and 2 are wholly
	// older, month 3 partly.
	at(4, 10)
	cutoff := m[3].From.AddDate(0, 0, 9)
	older := api.DB.Client.AuditEvent.Query().Where(auditevent.OccurredAtLT(cutoff)).IDsX(sys)
	n := job(api.Clock.Now().Sub(cutoff))
	if n != len(older) || n == 0 {
		t.Fatalf("archived %d events, %d were older than the cutoff", n, len(older))
	}

	t.Run("the archive holds the events removed", func(t *testing.T) {
		got := archivedIDs(t, dir)
		if !sameSet(got, older) {
			t.Fatalf("archived %d events, removed %d", len(got), len(older))
		}
		if !slices.Contains(got, partlyExpired.ID) || slices.Contains(got, kept.ID) {
			t.Fatal("the month of the cutoff was not split at the cutoff")
		}
	})
	t.Run("the database keeps what is within the period", func(t *testing.T) {
		if left := api.DB.Client.AuditEvent.Query().Where(auditevent.OccurredAtLT(cutoff)).CountX(sys); left != 0 {
			t.Fatalf("%d events older than the cutoff left", left)
		}
		for _, id := range []pulid.ID{kept.ID, latest.ID} {
			if !api.DB.Client.AuditEvent.Query().Where(auditevent.ID(id)).ExistX(sys) {
				t.Fatalf("event %s removed", id)
			}
		}
	})
	t.Run("the months archived whole are dropped, the others remain", func(t *testing.T) {
		if !pg {
			t.Skip("monthly partitions are PostgreSQL's")
		}
		if got, want := partitionNames(t, api), names(m[3:6]); !slices.Equal(got, want) {
			t.Fatalf("partitions %v, want %v", got, want)
		}
		for _, p := range m[1:3] {
			var exists bool
			if err := api.DB.SQL.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = $1)", p.Name).Scan(&exists); err != nil || exists {
				t.Fatalf("%s still exists (%v)", p.Name, err)
			}
		}
		if p := partitionOf(t, api, kept.ID); p != m[3].Name {
			t.Fatalf("the kept event of month 3 is in %s", p)
		}
	})
	t.Run("the chain verifies from the new anchor", func(t *testing.T) {
		v, err := audit.Verify(ctx, api.DB.Client)
		if err != nil || !v.OK() || v.FirstSeq != *kept.Seq {
			t.Fatalf("%+v %v", v, err)
		}
	})
	t.Run("the coordinator's audit query still answers", func(t *testing.T) {
		var got trail
		api.MustSucceed(t, tokens[demo.Coordinator], events, map[string]any{"where": map[string]any{
			"actorID": string(api.Demo.People[demo.Prescriber]), "action": "read"}}, &got)
		if got.AuditEvents.TotalCount != 2 {
			t.Fatalf("%d reads, want the 2 within the period", got.AuditEvents.TotalCount)
		}
	})
	t.Run("an event of a month without a partition lands, then moves to its month", func(t *testing.T) {
		at(7, 3) // months 6 and 7 have no partition: no job ran since month 4
		stray := read()
		if !pg {
			return
		}
		if p := partitionOf(t, api, stray.ID); p != database.AuditDefaultPartition {
			t.Fatalf("in %s", p)
		}
		job(keepAll)
		if p := partitionOf(t, api, stray.ID); p != m[7].Name {
			t.Fatalf("in %s after the job", p)
		}
		if got := partitionNames(t, api); !slices.Contains(got, m[8].Name) {
			t.Fatalf("partitions %v: next month missing", got)
		}
		v, err := audit.Verify(ctx, api.DB.Client)
		if err != nil || !v.OK() || v.LastSeq != *stray.Seq {
			t.Fatalf("%+v %v", v, err)
		}
	})
}

func names(ps []database.AuditPartition) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func partitionNames(t *testing.T, api *apitest.API) []string {
	t.Helper()
	ps, err := database.AuditPartitions(context.Background(), api.DB.SQL)
	if err != nil {
		t.Fatal(err)
	}
	return names(ps)
}

// partitionOf names the partition that holds the event.
func partitionOf(t *testing.T, api *apitest.API, id pulid.ID) string {
	t.Helper()
	var name string
	err := api.DB.SQL.QueryRowContext(context.Background(), "SELECT tableoid::regclass::text FROM audit_events WHERE id = $1", id).Scan(&name)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// archivedIDs lists the events of every archive file in dir.
func archivedIDs(t *testing.T, dir string) []pulid.ID {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "audit-*.jsonl.gz"))
	var ids []pulid.ID
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for s := bufio.NewScanner(zr); s.Scan(); {
			var ev struct{ ID pulid.ID }
			if err := json.Unmarshal(s.Bytes(), &ev); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, ev.ID)
		}
		f.Close()
	}
	return ids
}

func sameSet(a, b []pulid.ID) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(a, b)
}

// TestDroppingMonthsWhileRequestsWriteDoesNotDeadlock: the job drops
// partitions while requests append events and sealers chain them. Each
// append holds the table (shared); each sealer holds the chain's lock,
// then the table (shared) to seal. The job takes the chain's lock before
// the table (exclusive), in the sealers' order, or one of them fails.
func TestDroppingMonthsWhileRequestsWriteDoesNotDeadlock(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	if !api.DB.IsPostgres() {
		t.Skip("monthly partitions are PostgreSQL's")
	}
	ctx := context.Background()
	dir := t.TempDir()
	first := database.AuditMonth(api.Clock.Now()).To
	api.Clock.Set(first.Add(time.Hour))
	if _, err := audit.Archive(ctx, api.DB.DB, dir, 365*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		addEvent(t, api, i, api.Clock.Now())
	}
	api.Clock.Set(first.AddDate(0, 2, 0).Add(time.Hour))
	stop := make(chan struct{})
	errs := make(chan error, 4)
	sealers := make(chan error, 2)
	for range 2 {
		go func() {
			for {
				select {
				case <-stop:
					sealers <- nil
					return
				default:
				}
				if _, err := audit.Seal(ctx, api.DB.Client); err != nil {
					sealers <- err
					return
				}
			}
		}()
	}
	for w := range 4 {
		go func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				if err := tryAddEvent(api, 1_000_000*(w+1)+i, api.Clock.Now()); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	_, err := audit.Archive(ctx, api.DB.DB, dir, 24*time.Hour) // the first month is wholly older
	close(stop)
	for range 4 {
		if werr := <-errs; werr != nil {
			t.Errorf("a writer: %v", werr)
		}
	}
	for range 2 {
		if serr := <-sealers; serr != nil {
			t.Errorf("a sealer: %v", serr)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := partitionNames(t, api); slices.Contains(got, database.AuditMonth(first).Name) {
		t.Fatalf("partitions %v: the first month was not dropped", got)
	}
	if v, err := audit.Verify(ctx, api.DB.Client); err != nil || !v.OK() {
		t.Fatalf("%+v %v", v, err)
	}
}

func addEvent(t *testing.T, api *apitest.API, i int, at time.Time) {
	t.Helper()
	if err := tryAddEvent(api, i, at); err != nil {
		t.Fatal(err)
	}
}

// tryAddEvent appends an audit event as the portal does: its content
// hash, numbered and chained by the trigger.
func tryAddEvent(api *apitest.API, i int, at time.Time) error {
	ev := &ent.AuditEvent{ID: pulid.ID(fmt.Sprintf("aud_writer%08d", i)), OccurredAt: at, Action: "read", RecordType: "Family"}
	sum, err := audit.ContentHash(ev)
	if err != nil {
		return err
	}
	return api.DB.Client.AuditEvent.Create().SetID(ev.ID).SetOccurredAt(at).SetAction(ev.Action).
		SetRecordType(ev.RecordType).SetContentHash(sum).Exec(viewer.SystemContext(context.Background()))
}
