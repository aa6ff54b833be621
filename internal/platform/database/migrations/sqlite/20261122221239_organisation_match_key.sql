-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_organisations" table
CREATE TABLE `new_organisations` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `territory` text NOT NULL, `contact_email` text NULL, `contact_phone` text NULL, `match_key` text NULL, PRIMARY KEY (`id`));
-- Copy rows from old table "organisations" to new temporary table "new_organisations"
INSERT INTO `new_organisations` (`id`, `created_at`, `updated_at`, `name`, `kind`, `territory`, `contact_email`, `contact_phone`) SELECT `id`, `created_at`, `updated_at`, `name`, `kind`, `territory`, `contact_email`, `contact_phone` FROM `organisations`;
-- Drop "organisations" table after copying rows
DROP TABLE `organisations`;
-- Rename temporary table "new_organisations" to "organisations"
ALTER TABLE `new_organisations` RENAME TO `organisations`;
-- Create index "organisations_match_key_key" to table: "organisations"
CREATE UNIQUE INDEX `organisations_match_key_key` ON `organisations` (`match_key`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
