package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/reseau-liens/portal/internal/demo"
)

// loadAudit fills the audit trail with n past read events of the demo
// provider (a national network's months of reads), in one server-side
// INSERT … SELECT per million rows, not through ent one by one, then
// analyses the table.
func loadAudit(ctx context.Context, db *sql.DB, d *demo.Result, n int) error {
	const chunk = 1_000_000
	actor := d.People[demo.Coordinator]
	for from := 0; from < n; from += chunk {
		to := min(n, from+chunk)
		if _, err := db.ExecContext(ctx, `INSERT INTO audit_events (id, occurred_at, provider_id, actor_id, action, record_type, record_id, client_address, request_id)
			SELECT 'aud_bench' || lpad(g::text, 20, '0'), now() - make_interval(secs => g * 5), $1, $2, 'read', 'Family', 'fam_bench' || (g % 20000), '127.0.0.1', 'bench-' || (g / 400)
			FROM generate_series($3::bigint, $4::bigint) AS g`, string(d.ProviderID), string(actor), from+1, to); err != nil {
			return fmt.Errorf("audit events: %w", err)
		}
	}
	if n > 0 {
		if _, err := db.ExecContext(ctx, "ANALYZE audit_events"); err != nil {
			return err
		}
	}
	return nil
}
