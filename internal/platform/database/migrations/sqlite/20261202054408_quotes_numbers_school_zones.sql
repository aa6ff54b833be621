-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_quotes" table
CREATE TABLE `new_quotes` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `status` text NOT NULL DEFAULT ('REQUESTED'), `children_count` integer NOT NULL, `group_size` integer NOT NULL, `sessions_per_week` integer NOT NULL DEFAULT (1), `weeks` integer NOT NULL, `place` text NOT NULL, `travel_km` integer NOT NULL DEFAULT (0), `total_cents` integer NOT NULL DEFAULT (0), `number` text NULL, `sent_at` datetime NULL, `expires_at` datetime NULL, `responded_at` datetime NULL, `provider_id` text NOT NULL, `programme_id` text NOT NULL, `organisation_id` text NOT NULL, `requested_by_id` text NULL, `practitioner_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `quotes_providers_provider` FOREIGN KEY (`provider_id`) REFERENCES `providers` (`id`) ON DELETE NO ACTION, CONSTRAINT `quotes_programmes_programme` FOREIGN KEY (`programme_id`) REFERENCES `programmes` (`id`) ON DELETE NO ACTION, CONSTRAINT `quotes_organisations_organisation` FOREIGN KEY (`organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION, CONSTRAINT `quotes_persons_requested_by` FOREIGN KEY (`requested_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `quotes_persons_practitioner` FOREIGN KEY (`practitioner_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "quotes" to new temporary table "new_quotes"
INSERT INTO `new_quotes` (`id`, `created_at`, `updated_at`, `status`, `children_count`, `group_size`, `sessions_per_week`, `weeks`, `place`, `travel_km`, `total_cents`, `sent_at`, `expires_at`, `responded_at`, `provider_id`, `programme_id`, `organisation_id`, `requested_by_id`, `practitioner_id`) SELECT `id`, `created_at`, `updated_at`, `status`, `children_count`, `group_size`, `sessions_per_week`, `weeks`, `place`, `travel_km`, `total_cents`, `sent_at`, `expires_at`, `responded_at`, `provider_id`, `programme_id`, `organisation_id`, `requested_by_id`, `practitioner_id` FROM `quotes`;
-- Drop "quotes" table after copying rows
DROP TABLE `quotes`;
-- Rename temporary table "new_quotes" to "quotes"
ALTER TABLE `new_quotes` RENAME TO `quotes`;
-- Create index "quote_created_at" to table: "quotes"
CREATE INDEX `quote_created_at` ON `quotes` (`created_at`);
-- Create index "quote_provider_id" to table: "quotes"
CREATE INDEX `quote_provider_id` ON `quotes` (`provider_id`);
-- Create index "quote_organisation_id" to table: "quotes"
CREATE INDEX `quote_organisation_id` ON `quotes` (`organisation_id`);
-- Create index "quote_practitioner_id" to table: "quotes"
CREATE INDEX `quote_practitioner_id` ON `quotes` (`practitioner_id`);
-- Create index "quote_programme_id" to table: "quotes"
CREATE INDEX `quote_programme_id` ON `quotes` (`programme_id`);
-- Create index "quote_requested_by_id" to table: "quotes"
CREATE INDEX `quote_requested_by_id` ON `quotes` (`requested_by_id`);
-- Create index "quote_status" to table: "quotes"
CREATE INDEX `quote_status` ON `quotes` (`status`);
-- Create index "quote_provider_id_number" to table: "quotes"
CREATE UNIQUE INDEX `quote_provider_id_number` ON `quotes` (`provider_id`, `number`);
-- Add column "school_zone" to table: "organisations"
ALTER TABLE `organisations` ADD COLUMN `school_zone` text NULL;
-- Create "document_sequences" table
CREATE TABLE `document_sequences` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider_id` text NOT NULL, `prefix` text NOT NULL, `year` integer NOT NULL, `last` integer NOT NULL, PRIMARY KEY (`id`));
-- Create index "documentsequence_created_at" to table: "document_sequences"
CREATE INDEX `documentsequence_created_at` ON `document_sequences` (`created_at`);
-- Create index "documentsequence_provider_id_prefix_year" to table: "document_sequences"
CREATE UNIQUE INDEX `documentsequence_provider_id_prefix_year` ON `document_sequences` (`provider_id`, `prefix`, `year`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
