package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/lib/pq"

	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// loadAudit fills the audit trail with n past read events of the demo
// provider (a national network's months of reads, one every 5 seconds),
// in one server-side INSERT … SELECT per million rows, not through ent one
// by one, then analyses the table. The events go to their months'
// partitions, created first as the retention job would have; they are
// loaded numbered, oldest first, with placeholder hashes (the chain
// trigger off for the load): sealing five million events one at a time
// would take the bench minutes and measure nothing of the portal, and
// the bench never verifies the chain.
func loadAudit(ctx context.Context, db *database.DB, d *demo.Result, n int) error {
	if n == 0 {
		return nil
	}
	now := db.Clock.Now()
	oldest := now.Add(-5 * secondsOf(n))
	for m := database.AuditMonth(oldest); m.To.Before(database.AuditMonth(now).To); m = database.AuditMonth(m.To) {
		if _, err := db.SQL.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s PARTITION OF audit_events FOR VALUES FROM (%s) TO (%s)`,
			pq.QuoteIdentifier(m.Name), pq.QuoteLiteral(m.From.Format("2006-01-02 15:04:05Z07:00")), pq.QuoteLiteral(m.To.Format("2006-01-02 15:04:05Z07:00")))); err != nil {
			return fmt.Errorf("audit partition %s: %w", m.Name, err)
		}
	}
	if _, err := db.SQL.ExecContext(ctx, `ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain`); err != nil {
		return err
	}
	const chunk = 1_000_000
	actor := d.People[demo.Coordinator]
	for from := 0; from < n; from += chunk {
		to := min(n, from+chunk)
		if _, err := db.SQL.ExecContext(ctx, `INSERT INTO audit_events (id, occurred_at, provider_id, actor_id, action, record_type, client_address, request_id, operation,
				records, record_ids, family_ids, content_hash, seq, prev_hash, hash)
			SELECT 'aud_bench' || lpad(g::text, 20, '0'), $5::timestamptz - make_interval(secs => g * 5), $1, $2, 'read', '', '127.0.0.1', 'bench-' || g, 'query Families',
				jsonb_build_object('Family', jsonb_build_array('fam_bench' || (g % 20000))), jsonb_build_array('fam_bench' || (g % 20000)), jsonb_build_array('fam_bench' || (g % 20000)),
				encode(sha256(g::text::bytea), 'hex'), $6::bigint - g + 1,
				encode(sha256(('prev' || g)::bytea), 'hex'), encode(sha256(('hash' || g)::bytea), 'hex')
			FROM generate_series($3::bigint, $4::bigint) AS g`, string(d.ProviderID), string(actor), from+1, to, now, n); err != nil {
			return fmt.Errorf("audit events: %w", err)
		}
	}
	if _, err := db.SQL.ExecContext(ctx, `ALTER TABLE audit_events ENABLE TRIGGER audit_events_chain`); err != nil {
		return err
	}
	_, err := db.SQL.ExecContext(ctx, "ANALYZE audit_events")
	return err
}

// secondsOf is n seconds.
func secondsOf(n int) time.Duration { return time.Duration(n) * time.Second }

// sealEverySecond chains the audit events every second until ctx is done,
// as the portal's audit-chain job does.
func sealEverySecond(ctx context.Context, db *database.DB) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if _, err := audit.Seal(ctx, db.SQL); err != nil && ctx.Err() == nil {
				fmt.Fprintln(os.Stderr, "bench: sealing the audit chain:", err)
			}
		}
	}
}
