-- Modify "audit_events" table
ALTER TABLE "audit_events" ADD COLUMN "operation" character varying NOT NULL DEFAULT '', ADD COLUMN "records" jsonb NULL, ADD COLUMN "record_ids" jsonb NULL, ADD COLUMN "family_ids" jsonb NULL, ADD COLUMN "seq" bigint NULL, ADD COLUMN "prev_hash" character varying NULL, ADD COLUMN "content_hash" character varying NULL, ADD COLUMN "hash" character varying NULL;
-- Create index "audit_events_seq_key" to table: "audit_events"
CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events" ("seq");
-- Create index "auditevent_family_ids" to table: "audit_events"
CREATE INDEX "auditevent_family_ids" ON "audit_events" USING gin ("family_ids" jsonb_path_ops);
-- Create index "auditevent_occurred_at" to table: "audit_events"
CREATE INDEX "auditevent_occurred_at" ON "audit_events" ("occurred_at");
-- Create index "auditevent_record_ids" to table: "audit_events"
CREATE INDEX "auditevent_record_ids" ON "audit_events" USING gin ("record_ids" jsonb_path_ops);
