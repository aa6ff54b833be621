-- atlas:delimiter -- end

-- The audit trail is partitioned by month of occurred_at, so that the
-- retention job drops a whole month at once instead of deleting its rows
-- (see package audit). PostgreSQL only: SQLite keeps one table.
--
-- The table is rebuilt in this migration's transaction: the old one is
-- renamed, the partitioned one created with the same columns, a
-- partition made for every month the old rows cover (plus the DEFAULT
-- partition, for instants no month partition holds yet), the rows
-- copied as they are (before the triggers exist, so seq and hashes are
-- kept), then the old table dropped and the keys, indexes and triggers
-- recreated under their former names.
--
-- A unique index of a partitioned table must hold the partition key:
-- the primary key is (id, occurred_at) and the seq key (seq,
-- occurred_at). ids stay unique (random), and seq too (the chain trigger
-- numbers events one at a time under its lock, and Verify checks every
-- number); the migration planner expects exactly this shape (see
-- migrations.auditPartitioning).
ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned";
-- end
CREATE TABLE "audit_events" (LIKE "audit_events_unpartitioned" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE ("occurred_at");
-- end
CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;
-- end
-- Month partitions are named audit_events_YYYY_MM and bound by the
-- month's first instant in UTC, as database.EnsureAuditPartitions makes
-- them.
DO $$
DECLARE
  month timestamp;
BEGIN
  FOR month IN
    SELECT DISTINCT date_trunc('month', "occurred_at" AT TIME ZONE 'UTC')
      FROM "audit_events_unpartitioned" ORDER BY 1
  LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "audit_events" FOR VALUES FROM (%L) TO (%L)',
      'audit_events_' || to_char(month, 'YYYY_MM'),
      to_char(month, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char(month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
  END LOOP;
END
$$;
-- end
INSERT INTO "audit_events" SELECT * FROM "audit_events_unpartitioned";
-- end
DROP TABLE "audit_events_unpartitioned";
-- end
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id", "occurred_at");
-- end
CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events" ("seq", "occurred_at");
-- end
CREATE INDEX "auditevent_actor_id" ON "audit_events" ("actor_id");
-- end
CREATE INDEX "auditevent_provider_id_occurred_at" ON "audit_events" ("provider_id", "occurred_at");
-- end
CREATE INDEX "auditevent_record_id" ON "audit_events" ("record_id");
-- end
CREATE INDEX "auditevent_occurred_at" ON "audit_events" ("occurred_at");
-- end
CREATE INDEX "auditevent_family_ids" ON "audit_events" USING gin ("family_ids" jsonb_path_ops);
-- end
CREATE INDEX "auditevent_record_ids" ON "audit_events" USING gin ("record_ids" jsonb_path_ops);
-- end
-- The triggers of 20261202005800_audit_append_only_chain, on the new
-- table: row triggers reach every partition, present and future; the
-- TRUNCATE trigger guards the whole table (a partition is only ever
-- removed by the retention job, once all its events are archived).
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
-- end
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
-- end
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
-- end
CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();
-- end
