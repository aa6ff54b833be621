package audit

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// expiredPartitions lists the month partitions of the audit trail
// (PostgreSQL) whose whole month is older than cutoff: the retention job
// drops them, once archived, rather than delete their rows.
func expiredPartitions(ctx context.Context, db *database.DB, cutoff time.Time) ([]database.AuditPartition, error) {
	if db.Dialect != dialect.Postgres {
		return nil, nil
	}
	all, err := database.AuditPartitions(ctx, db.SQL)
	if err != nil {
		return nil, err
	}
	var out []database.AuditPartition
	for _, p := range all {
		if !p.To.After(cutoff) {
			out = append(out, p)
		}
	}
	return out, nil
}

// beginRetention opens the retention job's transaction. When it will drop
// partitions, it first takes the table's exclusive lock, which dropping
// needs: taken after the archive event's insert, it would wait for
// requests that wait, for their own inserts, on the chain's lock that
// this insert holds.
func beginRetention(ctx context.Context, client *ent.Client, expired []database.AuditPartition) (*ent.Tx, error) {
	tx, err := client.Tx(ctx)
	if err != nil || len(expired) == 0 {
		return tx, err
	}
	if err := database.LockAuditEvents(ctx, tx.Client()); err != nil {
		return nil, rollback(tx, fmt.Errorf("audit retention: %w", err))
	}
	return tx, nil
}

// dropArchived drops, in tx, the expired partitions all of whose events
// are archived: numbered through at most, or unchained when
// unchainedExported (the job exported the unchained events older than
// the cutoff). One holding a later event (written out of order around
// the cutoff) stays for a later run; its archived rows are deleted as
// the others are.
func dropArchived(ctx context.Context, tx *ent.Tx, expired []database.AuditPartition, through int64, unchainedExported bool) error {
	for _, p := range expired {
		if _, err := database.DropArchivedAuditPartition(ctx, tx.Client(), p, through, unchainedExported); err != nil {
			return fmt.Errorf("audit retention: %w", err)
		}
	}
	return nil
}
