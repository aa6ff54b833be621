package migrations

import (
	"fmt"

	"ariga.io/atlas/sql/postgres"
	atlas "ariga.io/atlas/sql/schema"
	"entgo.io/ent/dialect/sql/schema"
)

// auditPartitioning is the one way the PostgreSQL schema departs from
// the ent schema: audit_events is partitioned by range of occurred_at
// (monthly partitions, see 20261202132500_audit_monthly_partitions.sql),
// and a partitioned table's unique indexes must hold the partition key,
// so its primary key is (id, occurred_at) and its seq key (seq,
// occurred_at). ent cannot declare either; this diff hook gives the
// desired schema that shape before it is compared with the migrations,
// so the planner neither tries to undo it nor hides any other change to
// the table (the drift test fails if the migrations lack it).
func auditPartitioning(next schema.Differ) schema.Differ {
	return schema.DiffFunc(func(current, desired *atlas.Schema) ([]atlas.Change, error) {
		if err := partitionAuditEvents(desired); err != nil {
			return nil, err
		}
		return next.Diff(current, desired)
	})
}

// auditTable is the audit trail's table, partitioned on PostgreSQL.
const auditTable = "audit_events"

func partitionAuditEvents(s *atlas.Schema) error {
	t, ok := s.Table(auditTable)
	if !ok {
		return nil // a partial schema (not the portal's)
	}
	id, ok1 := t.Column("id")
	at, ok2 := t.Column("occurred_at")
	seqKey, ok3 := t.Index(auditTable + "_seq_key")
	if !ok1 || !ok2 || !ok3 || t.PrimaryKey == nil || len(t.PrimaryKey.Parts) != 1 || len(seqKey.Parts) != 1 {
		return fmt.Errorf("migrations: %s no longer has the shape its partitioning expects (id, occurred_at, a unique seq): update auditPartitioning and the migrations", auditTable)
	}
	t.SetPrimaryKey(atlas.NewPrimaryKey(id, at))
	seqKey.AddColumns(at)
	t.AddAttrs(&postgres.Partition{
		T:     postgres.PartitionTypeRange,
		Parts: []*postgres.PartitionPart{{C: at}},
	})
	return nil
}
