-- Create index "auditevent_unsealed" to table: "audit_events"
-- (the PostgreSQL sealer reads it; on SQLite the insert trigger chains
-- each event at once, so it stays empty)
CREATE INDEX `auditevent_unsealed` ON `audit_events` (`occurred_at`, `id`) WHERE seq IS NULL;
