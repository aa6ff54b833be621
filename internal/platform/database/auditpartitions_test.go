package database_test

import (
	"context"
	"fmt"
	"slices"
	stdstrings "strings" // strings is a helper of indexes_test.go
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"
)

// TestThePartitioningMigrationKeepsTheAuditTrail upgrades a PostgreSQL
// database holding three months of chained audit events: the table is
// partitioned by month, each event kept as it was (number and hashes
// included) in its month's partition, the chain verifies and goes on,
// and the triggers still refuse changes.
func TestThePartitioningMigrationKeepsTheAuditTrail(t *testing.T) {
	t.Parallel()
	db := dbtest.OpenUnmigrated(t)
	if !db.IsPostgres() {
		t.Skip("the audit trail is partitioned on PostgreSQL only")
	}
	ctx := context.Background()
	sys := viewer.SystemContext(ctx)
	const before = "20261202054535" // the last migration before 20261202132500_audit_monthly_partitions
	if _, err := db.ApplyUpTo(ctx, before); err != nil {
		t.Fatal(err)
	}
	now := db.Clock.Now()
	this := database.AuditMonth(now)
	months := []database.AuditPartition{database.AuditMonth(this.From.AddDate(0, -2, 0)), database.AuditMonth(this.From.AddDate(0, -1, 0)), this}
	// The months' last microsecond and first: the bounds are UTC.
	var ats []time.Time
	for _, m := range months {
		ats = append(ats, m.From, m.From.Add(36*time.Hour), m.To.Add(-time.Microsecond))
	}
	for i, at := range ats {
		addEvent(t, db.Client, i, at)
	}
	was := db.Client.AuditEvent.Query().Order(ent.Asc(auditevent.FieldSeq)).AllX(sys)

	if applied, err := db.Apply(ctx); err != nil || !slices.Contains(applied, "20261202132500") {
		t.Fatalf("applied %v: %v", applied, err)
	}
	t.Run("one partition per month of events, and the default one", func(t *testing.T) {
		got, err := database.AuditPartitions(ctx, db.SQL)
		if err != nil || !slices.Equal(got, months) {
			t.Fatalf("partitions %v, want %v (%v)", got, months, err)
		}
		var kind string
		if err := db.SQL.QueryRowContext(ctx, "SELECT relkind::text FROM pg_class WHERE oid = to_regclass('audit_events_default')").Scan(&kind); err != nil || kind != "r" {
			t.Fatalf("default partition: %q %v", kind, err)
		}
	})
	t.Run("every event is kept, in its month", func(t *testing.T) {
		now := db.Client.AuditEvent.Query().Order(ent.Asc(auditevent.FieldSeq)).AllX(sys)
		if len(now) != len(was) {
			t.Fatalf("%d events, were %d", len(now), len(was))
		}
		for i, ev := range now {
			if ev.ID != was[i].ID || *ev.Seq != *was[i].Seq || *ev.Hash != *was[i].Hash || !ev.OccurredAt.Equal(was[i].OccurredAt) {
				t.Fatalf("event %d: %+v, was %+v", i, ev, was[i])
			}
			var in string
			if err := db.SQL.QueryRowContext(ctx, "SELECT tableoid::regclass::text FROM audit_events WHERE id = $1", ev.ID).Scan(&in); err != nil ||
				in != database.AuditMonth(ev.OccurredAt).Name {
				t.Fatalf("event at %s in %s (%v)", ev.OccurredAt, in, err)
			}
		}
	})
	t.Run("the chain verifies and goes on", func(t *testing.T) {
		addEvent(t, db.Client, len(ats), now)
		v, err := audit.Verify(ctx, db.Client)
		if err != nil || !v.OK() || v.Events != len(ats)+1 || v.LastSeq != int64(len(ats)+1) {
			t.Fatalf("%+v %v", v, err)
		}
	})
	t.Run("events are still append-only", func(t *testing.T) {
		for _, stmt := range []string{"UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events", "TRUNCATE audit_events"} {
			if _, err := db.SQL.ExecContext(ctx, stmt); err == nil || !stdstrings.Contains(err.Error(), "append-only") {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
	})
	t.Run("the next months are made ahead, once", func(t *testing.T) {
		for range 2 {
			if err := db.EnsureAuditPartitions(ctx); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := database.AuditPartitions(ctx, db.SQL)
		if want := append(months, database.AuditMonth(months[2].To)); !slices.Equal(got, want) {
			t.Fatalf("partitions %v, want %v", got, want)
		}
	})
}

// addEvent appends an audit event as the portal does (its content hash;
// the trigger numbers and chains it).
func addEvent(t *testing.T, client *ent.Client, i int, at time.Time) {
	t.Helper()
	ev := &ent.AuditEvent{ID: pulid.ID(fmt.Sprintf("aud_migrated%03d", i)), OccurredAt: at, Action: "read", RecordType: "Family"}
	sum, err := audit.ContentHash(ev)
	if err != nil {
		t.Fatal(err)
	}
	client.AuditEvent.Create().SetID(ev.ID).SetOccurredAt(at).SetAction(ev.Action).SetRecordType(ev.RecordType).
		SetContentHash(sum).SaveX(viewer.SystemContext(context.Background()))
}
