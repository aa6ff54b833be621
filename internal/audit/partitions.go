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

// beginRetention opens the retention job's transaction. On PostgreSQL it
// first takes the chain's lock, since it seals its archive event before
// it removes anything (see Archive); then, when it will drop partitions,
// the table's exclusive lock, which dropping needs. In that order, as a
// sealer takes them: a sealer holding the chain's lock only waits for
// this transaction, never the other way round.
func beginRetention(ctx context.Context, db *database.DB, expired []database.AuditPartition) (*ent.Tx, error) {
	tx, err := db.Client.Tx(ctx)
	if err != nil || db.Dialect != dialect.Postgres {
		return tx, err
	}
	if err := database.LockAuditChain(ctx, tx.Client()); err != nil {
		return nil, rollback(tx, fmt.Errorf("audit retention: %w", err))
	}
	if len(expired) == 0 {
		return tx, nil
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
