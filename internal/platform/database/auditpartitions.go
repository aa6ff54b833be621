package database

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"
)

// On PostgreSQL the audit trail, audit_events, is partitioned by month of
// occurred_at (see the migration 20261202132500_audit_monthly_partitions):
// one partition audit_events_YYYY_MM per month, bound by the month's first
// instant in UTC, and audit_events_default for any instant no month
// partition holds, so that an insert never fails. The retention job
// (package audit) drops the months it archived whole.

// AuditDefaultPartition holds the events of months without a partition.
const AuditDefaultPartition = "audit_events_default"

// AuditPartition is one month partition of the audit trail.
type AuditPartition struct {
	// Name is audit_events_YYYY_MM.
	Name string
	// From is the month's first instant (UTC), To the next month's.
	From, To time.Time
}

// AuditMonth is the partition that holds the events of t's month (UTC).
func AuditMonth(t time.Time) AuditPartition {
	t = t.UTC()
	from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return AuditPartition{Name: from.Format("audit_events_2006_01"), From: from, To: from.AddDate(0, 1, 0)}
}

// ExecQuerier runs SQL: a *sql.DB, a *sql.Tx or an ent client.
type ExecQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// AuditPartitions lists the month partitions of the audit trail, oldest
// first (none on SQLite, or before the table was partitioned).
func AuditPartitions(ctx context.Context, q ExecQuerier) ([]AuditPartition, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.relname FROM pg_catalog.pg_inherits i
		JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = to_regclass('audit_events') ORDER BY c.relname`)
	if err != nil {
		return nil, fmt.Errorf("database: listing the audit partitions: %w", err)
	}
	defer rows.Close()
	var out []AuditPartition
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		month, err := time.Parse("audit_events_2006_01", name)
		if err != nil {
			continue // the default partition
		}
		out = append(out, AuditMonth(month))
	}
	return out, rows.Err()
}

// EnsureAuditPartitions makes sure the audit trail has the partitions of
// the current month and the next one, by the database's clock, so that
// events land in a month partition (which the retention job can drop
// whole) rather than in the default one. Events that landed in the
// default partition meanwhile move to their month's new partition,
// unchanged. It does nothing on SQLite, and is safe to run from several
// processes at once.
func (db *DB) EnsureAuditPartitions(ctx context.Context) error {
	if db.Dialect != dialect.Postgres {
		return nil
	}
	month := AuditMonth(db.Clock.Now())
	for _, p := range []AuditPartition{month, AuditMonth(month.To)} {
		if err := db.ensureAuditPartition(ctx, p); err != nil {
			return fmt.Errorf("database: creating the audit partition %s: %w", p.Name, err)
		}
	}
	return nil
}

func (db *DB) ensureAuditPartition(ctx context.Context, p AuditPartition) error {
	var exists, partitioned bool
	err := db.SQL.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL, to_regclass($2) IS NOT NULL`,
		p.Name, AuditDefaultPartition).Scan(&exists, &partitioned)
	if err != nil || exists || !partitioned {
		return err
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	// Adding a partition locks the table anyway; taking the lock first
	// lets no event land in the default partition between the check and
	// the move, and makes a second process wait, then find it done.
	// Requests queue behind a waiting lock: give up soon rather than
	// hold them (the next run tries again).
	if err := LockAuditEvents(ctx, tx); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, p.Name).Scan(&exists); err != nil || exists {
		return err
	}
	var stray bool
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM "audit_events_default" WHERE "occurred_at" >= $1 AND "occurred_at" < $2)`,
		p.From, p.To).Scan(&stray)
	if err != nil {
		return err
	}
	bounds := fmt.Sprintf("FOR VALUES FROM (%s) TO (%s)", pqTime(p.From), pqTime(p.To))
	name := pq.QuoteIdentifier(p.Name)
	statements := []string{fmt.Sprintf(`CREATE TABLE %s PARTITION OF "audit_events" %s`, name, bounds)}
	if stray {
		// PostgreSQL refuses a partition whose rows the default one
		// holds: move them while the default partition is detached
		// (without the table's triggers, which would renumber the events
		// on insert and refuse the delete), then attach both.
		in := `WHERE "occurred_at" >= ` + pqTime(p.From) + ` AND "occurred_at" < ` + pqTime(p.To)
		statements = []string{
			`ALTER TABLE "audit_events" DETACH PARTITION "audit_events_default"`,
			fmt.Sprintf(`CREATE TABLE %s (LIKE "audit_events" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`, name),
			fmt.Sprintf(`INSERT INTO %s SELECT * FROM "audit_events_default" %s`, name, in),
			`DELETE FROM "audit_events_default" ` + in,
			fmt.Sprintf(`ALTER TABLE "audit_events" ATTACH PARTITION %s %s`, name, bounds),
			`ALTER TABLE "audit_events" ATTACH PARTITION "audit_events_default" DEFAULT`,
		}
	}
	for _, s := range statements {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// DropArchivedAuditPartition drops, in the transaction tx, the month
// partition p if every event it holds is archived: numbered through at
// most, or unchained when unchainedArchived. It reports whether it
// dropped it; one holding a later event stays.
func DropArchivedAuditPartition(ctx context.Context, tx ExecQuerier, p AuditPartition, through int64, unchainedArchived bool) (bool, error) {
	name := pq.QuoteIdentifier(p.Name)
	rows, err := tx.QueryContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+name+` WHERE "seq" > $1 OR ("seq" IS NULL AND NOT $2))`,
		through, unchainedArchived)
	if err != nil {
		return false, err
	}
	var later bool
	if rows.Next() {
		err = rows.Scan(&later)
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil || later {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DROP TABLE `+name); err != nil {
		return false, fmt.Errorf("dropping %s: %w", p.Name, err)
	}
	return true, nil
}

// LockAuditTimeout bounds the wait for the audit trail's exclusive lock
// (adding or dropping a partition).
const LockAuditTimeout = 10 * time.Second

// LockAuditEvents takes the exclusive lock on audit_events for the rest
// of the transaction tx, waiting at most LockAuditTimeout.
func LockAuditEvents(ctx context.Context, tx ExecQuerier) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`SET LOCAL lock_timeout = '%dms'`, LockAuditTimeout.Milliseconds()))
	if err == nil {
		_, err = tx.ExecContext(ctx, `LOCK TABLE "audit_events" IN ACCESS EXCLUSIVE MODE`)
	}
	return err
}

// pqTime is a timestamptz literal for DDL, which takes no parameters.
func pqTime(t time.Time) string {
	return pq.QuoteLiteral(t.UTC().Format("2006-01-02 15:04:05.999999Z07:00"))
}
