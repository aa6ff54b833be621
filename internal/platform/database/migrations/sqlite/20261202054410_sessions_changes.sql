-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Add column "cancelled_at" to table: "quotes"
ALTER TABLE `quotes` ADD COLUMN `cancelled_at` datetime NULL;
-- Create "new_workshop_sessions" table
CREATE TABLE `new_workshop_sessions` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `starts_at` datetime NOT NULL, `duration_minutes` integer NOT NULL DEFAULT (60), `place` text NULL, `status` text NOT NULL DEFAULT ('SCHEDULED'), `cancelled_at` datetime NULL, `cancellation_reason` text NULL, `revision` integer NOT NULL DEFAULT (0), `series_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `workshop_sessions_workshop_series_sessions` FOREIGN KEY (`series_id`) REFERENCES `workshop_series` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "workshop_sessions" to new temporary table "new_workshop_sessions"
INSERT INTO `new_workshop_sessions` (`id`, `created_at`, `updated_at`, `starts_at`, `duration_minutes`, `series_id`) SELECT `id`, `created_at`, `updated_at`, `starts_at`, `duration_minutes`, `series_id` FROM `workshop_sessions`;
-- Drop "workshop_sessions" table after copying rows
DROP TABLE `workshop_sessions`;
-- Rename temporary table "new_workshop_sessions" to "workshop_sessions"
ALTER TABLE `new_workshop_sessions` RENAME TO `workshop_sessions`;
-- Create index "workshopsession_created_at" to table: "workshop_sessions"
CREATE INDEX `workshopsession_created_at` ON `workshop_sessions` (`created_at`);
-- Create index "workshopsession_series_id_starts_at" to table: "workshop_sessions"
CREATE INDEX `workshopsession_series_id_starts_at` ON `workshop_sessions` (`series_id`, `starts_at`);
-- Create index "workshopsession_starts_at" to table: "workshop_sessions"
CREATE INDEX `workshopsession_starts_at` ON `workshop_sessions` (`starts_at`);
-- Add column "cancelled_at" to table: "workshop_series"
ALTER TABLE `workshop_series` ADD COLUMN `cancelled_at` datetime NULL;
-- Add column "cancellation_reason" to table: "workshop_series"
ALTER TABLE `workshop_series` ADD COLUMN `cancellation_reason` text NULL;
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
