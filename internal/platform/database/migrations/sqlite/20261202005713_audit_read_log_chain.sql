-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_audit_events" table
CREATE TABLE `new_audit_events` (`id` text NOT NULL, `occurred_at` datetime NOT NULL, `provider_id` text NULL, `actor_id` text NULL, `action` text NOT NULL, `record_type` text NOT NULL, `record_id` text NULL, `client_address` text NOT NULL DEFAULT (''), `request_id` text NOT NULL DEFAULT (''), `operation` text NOT NULL DEFAULT (''), `records` json NULL, `record_ids` json NULL, `family_ids` json NULL, `seq` integer NULL, `prev_hash` text NULL, `content_hash` text NULL, `hash` text NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "audit_events" to new temporary table "new_audit_events"
INSERT INTO `new_audit_events` (`id`, `occurred_at`, `provider_id`, `actor_id`, `action`, `record_type`, `record_id`, `client_address`, `request_id`) SELECT `id`, `occurred_at`, `provider_id`, `actor_id`, `action`, `record_type`, `record_id`, `client_address`, `request_id` FROM `audit_events`;
-- Drop "audit_events" table after copying rows
DROP TABLE `audit_events`;
-- Rename temporary table "new_audit_events" to "audit_events"
ALTER TABLE `new_audit_events` RENAME TO `audit_events`;
-- Create index "audit_events_seq_key" to table: "audit_events"
CREATE UNIQUE INDEX `audit_events_seq_key` ON `audit_events` (`seq`);
-- Create index "auditevent_provider_id_occurred_at" to table: "audit_events"
CREATE INDEX `auditevent_provider_id_occurred_at` ON `audit_events` (`provider_id`, `occurred_at`);
-- Create index "auditevent_record_id" to table: "audit_events"
CREATE INDEX `auditevent_record_id` ON `audit_events` (`record_id`);
-- Create index "auditevent_actor_id" to table: "audit_events"
CREATE INDEX `auditevent_actor_id` ON `audit_events` (`actor_id`);
-- Create index "auditevent_occurred_at" to table: "audit_events"
CREATE INDEX `auditevent_occurred_at` ON `audit_events` (`occurred_at`);
-- Create index "auditevent_record_ids" to table: "audit_events"
CREATE INDEX `auditevent_record_ids` ON `audit_events` (`record_ids`);
-- Create index "auditevent_family_ids" to table: "audit_events"
CREATE INDEX `auditevent_family_ids` ON `audit_events` (`family_ids`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
