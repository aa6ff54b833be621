-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_workshop_series" table
CREATE TABLE `new_workshop_series` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `open_to_partners` bool NOT NULL DEFAULT (false), `title` text NOT NULL, `place` text NOT NULL, `capacity` integer NOT NULL, `first_session_at` datetime NULL, `status` text NOT NULL DEFAULT ('SCHEDULED'), `provider_id` text NOT NULL, `programme_id` text NOT NULL, `host_organisation_id` text NOT NULL, `practitioner_id` text NULL, `quote_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `workshop_series_providers_provider` FOREIGN KEY (`provider_id`) REFERENCES `providers` (`id`) ON DELETE NO ACTION, CONSTRAINT `workshop_series_programmes_programme` FOREIGN KEY (`programme_id`) REFERENCES `programmes` (`id`) ON DELETE NO ACTION, CONSTRAINT `workshop_series_organisations_host_organisation` FOREIGN KEY (`host_organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION, CONSTRAINT `workshop_series_persons_practitioner` FOREIGN KEY (`practitioner_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `workshop_series_quotes_quote` FOREIGN KEY (`quote_id`) REFERENCES `quotes` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "workshop_series" to new temporary table "new_workshop_series"
INSERT INTO `new_workshop_series` (`id`, `created_at`, `updated_at`, `title`, `place`, `capacity`, `first_session_at`, `status`, `provider_id`, `programme_id`, `host_organisation_id`, `practitioner_id`, `quote_id`) SELECT `id`, `created_at`, `updated_at`, `title`, `place`, `capacity`, `first_session_at`, `status`, `provider_id`, `programme_id`, `host_organisation_id`, `practitioner_id`, `quote_id` FROM `workshop_series`;
-- Drop "workshop_series" table after copying rows
DROP TABLE `workshop_series`;
-- Rename temporary table "new_workshop_series" to "workshop_series"
ALTER TABLE `new_workshop_series` RENAME TO `workshop_series`;
-- Create "report_deliveries" table
CREATE TABLE `report_deliveries` (`id` text NOT NULL, `recipient` text NOT NULL, `outcome` text NOT NULL, `reason` text NOT NULL DEFAULT (''), `recorded_at` datetime NOT NULL, `accompaniment_id` text NOT NULL, `document_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `report_deliveries_accompaniments_report_deliveries` FOREIGN KEY (`accompaniment_id`) REFERENCES `accompaniments` (`id`) ON DELETE NO ACTION, CONSTRAINT `report_deliveries_documents_document` FOREIGN KEY (`document_id`) REFERENCES `documents` (`id`) ON DELETE SET NULL);
-- Create index "reportdelivery_accompaniment_id_recorded_at" to table: "report_deliveries"
CREATE INDEX `reportdelivery_accompaniment_id_recorded_at` ON `report_deliveries` (`accompaniment_id`, `recorded_at`);
-- Create index "reportdelivery_document_id" to table: "report_deliveries"
CREATE INDEX `reportdelivery_document_id` ON `report_deliveries` (`document_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
