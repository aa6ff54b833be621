-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_accompaniments" table
CREATE TABLE `new_accompaniments` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `status` text NOT NULL DEFAULT ('REQUESTED'), `self_referral` bool NOT NULL DEFAULT (false), `request_note` text NULL, `requested_at` datetime NOT NULL, `evaluation_started_at` datetime NULL, `validated_at` datetime NULL, `first_appointment_at` datetime NULL, `starts_at` datetime NULL, `ends_at` datetime NULL, `closed_at` datetime NULL, `suspended_on` datetime NULL, `suspended_days` integer NOT NULL DEFAULT (0), `extended_months` integer NOT NULL DEFAULT (0), `decline_reason` text NULL, `status_reason` text NULL, `provider_id` text NOT NULL, `programme_id` text NOT NULL, `prescriber_id` text NULL, `prescriber_organisation_id` text NULL, `financer_id` text NULL, `convention_id` text NULL, `predecessor_id` text NULL, `family_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `accompaniments_providers_provider` FOREIGN KEY (`provider_id`) REFERENCES `providers` (`id`) ON DELETE NO ACTION, CONSTRAINT `accompaniments_programmes_programme` FOREIGN KEY (`programme_id`) REFERENCES `programmes` (`id`) ON DELETE NO ACTION, CONSTRAINT `accompaniments_persons_prescriber` FOREIGN KEY (`prescriber_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `accompaniments_organisations_prescriber_organisation` FOREIGN KEY (`prescriber_organisation_id`) REFERENCES `organisations` (`id`) ON DELETE SET NULL, CONSTRAINT `accompaniments_organisations_financer` FOREIGN KEY (`financer_id`) REFERENCES `organisations` (`id`) ON DELETE SET NULL, CONSTRAINT `accompaniments_conventions_convention` FOREIGN KEY (`convention_id`) REFERENCES `conventions` (`id`) ON DELETE SET NULL, CONSTRAINT `accompaniments_accompaniments_successor` FOREIGN KEY (`predecessor_id`) REFERENCES `accompaniments` (`id`) ON DELETE SET NULL, CONSTRAINT `accompaniments_families_accompaniments` FOREIGN KEY (`family_id`) REFERENCES `families` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "accompaniments" to new temporary table "new_accompaniments"
INSERT INTO `new_accompaniments` (`id`, `created_at`, `updated_at`, `status`, `self_referral`, `request_note`, `requested_at`, `evaluation_started_at`, `validated_at`, `first_appointment_at`, `starts_at`, `ends_at`, `closed_at`, `decline_reason`, `status_reason`, `provider_id`, `programme_id`, `prescriber_id`, `prescriber_organisation_id`, `financer_id`, `convention_id`, `predecessor_id`, `family_id`) SELECT `id`, `created_at`, `updated_at`, `status`, `self_referral`, `request_note`, `requested_at`, `evaluation_started_at`, `validated_at`, `first_appointment_at`, `starts_at`, `ends_at`, `closed_at`, `decline_reason`, `status_reason`, `provider_id`, `programme_id`, `prescriber_id`, `prescriber_organisation_id`, `financer_id`, `convention_id`, `predecessor_id`, `family_id` FROM `accompaniments`;
-- Drop "accompaniments" table after copying rows
DROP TABLE `accompaniments`;
-- Rename temporary table "new_accompaniments" to "accompaniments"
ALTER TABLE `new_accompaniments` RENAME TO `accompaniments`;
-- Create index "accompaniments_predecessor_id_key" to table: "accompaniments"
CREATE UNIQUE INDEX `accompaniments_predecessor_id_key` ON `accompaniments` (`predecessor_id`);
-- Create index "accompaniment_created_at" to table: "accompaniments"
CREATE INDEX `accompaniment_created_at` ON `accompaniments` (`created_at`);
-- Create index "accompaniment_provider_id_status" to table: "accompaniments"
CREATE INDEX `accompaniment_provider_id_status` ON `accompaniments` (`provider_id`, `status`);
-- Create index "accompaniment_programme_id_status" to table: "accompaniments"
CREATE INDEX `accompaniment_programme_id_status` ON `accompaniments` (`programme_id`, `status`);
-- Create index "accompaniment_family_id" to table: "accompaniments"
CREATE INDEX `accompaniment_family_id` ON `accompaniments` (`family_id`);
-- Create index "accompaniment_convention_id" to table: "accompaniments"
CREATE INDEX `accompaniment_convention_id` ON `accompaniments` (`convention_id`);
-- Create index "accompaniment_financer_id" to table: "accompaniments"
CREATE INDEX `accompaniment_financer_id` ON `accompaniments` (`financer_id`);
-- Create index "accompaniment_prescriber_id" to table: "accompaniments"
CREATE INDEX `accompaniment_prescriber_id` ON `accompaniments` (`prescriber_id`);
-- Create index "accompaniment_prescriber_organisation_id" to table: "accompaniments"
CREATE INDEX `accompaniment_prescriber_organisation_id` ON `accompaniments` (`prescriber_organisation_id`);
-- Create index "accompaniment_status" to table: "accompaniments"
CREATE INDEX `accompaniment_status` ON `accompaniments` (`status`);
-- Create index "accompaniment_requested_at" to table: "accompaniments"
CREATE INDEX `accompaniment_requested_at` ON `accompaniments` (`requested_at`);
-- Create index "accompaniment_starts_at" to table: "accompaniments"
CREATE INDEX `accompaniment_starts_at` ON `accompaniments` (`starts_at`);
-- Create index "accompaniment_ends_at" to table: "accompaniments"
CREATE INDEX `accompaniment_ends_at` ON `accompaniments` (`ends_at`);
-- Create "extensions" table
CREATE TABLE `extensions` (`id` text NOT NULL, `months` integer NOT NULL, `reason` text NOT NULL, `status` text NOT NULL DEFAULT ('REQUESTED'), `requested_at` datetime NOT NULL, `decided_at` datetime NULL, `decision_note` text NOT NULL DEFAULT (''), `previous_ends_at` datetime NULL, `ends_at` datetime NULL, `accompaniment_id` text NOT NULL, `requested_by_id` text NULL, `decided_by_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `extensions_accompaniments_extensions` FOREIGN KEY (`accompaniment_id`) REFERENCES `accompaniments` (`id`) ON DELETE NO ACTION, CONSTRAINT `extensions_persons_requested_by` FOREIGN KEY (`requested_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `extensions_persons_decided_by` FOREIGN KEY (`decided_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL);
-- Create index "extension_accompaniment_id_requested_at" to table: "extensions"
CREATE INDEX `extension_accompaniment_id_requested_at` ON `extensions` (`accompaniment_id`, `requested_at`);
-- Create index "extension_requested_at" to table: "extensions"
CREATE INDEX `extension_requested_at` ON `extensions` (`requested_at`);
-- Create index "extension_status" to table: "extensions"
CREATE INDEX `extension_status` ON `extensions` (`status`);
-- Create index "extension_requested_by_id" to table: "extensions"
CREATE INDEX `extension_requested_by_id` ON `extensions` (`requested_by_id`);
-- Create index "extension_decided_by_id" to table: "extensions"
CREATE INDEX `extension_decided_by_id` ON `extensions` (`decided_by_id`);
-- Create "suspensions" table
CREATE TABLE `suspensions` (`id` text NOT NULL, `reason` text NOT NULL, `comment` text NOT NULL DEFAULT (''), `starts_on` datetime NOT NULL, `resumed_on` datetime NULL, `days` integer NULL, `recorded_at` datetime NOT NULL, `resumed_at` datetime NULL, `accompaniment_id` text NOT NULL, `suspended_by_id` text NULL, `resumed_by_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `suspensions_accompaniments_suspensions` FOREIGN KEY (`accompaniment_id`) REFERENCES `accompaniments` (`id`) ON DELETE NO ACTION, CONSTRAINT `suspensions_persons_suspended_by` FOREIGN KEY (`suspended_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `suspensions_persons_resumed_by` FOREIGN KEY (`resumed_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL);
-- Create index "suspension_accompaniment_id_starts_on" to table: "suspensions"
CREATE INDEX `suspension_accompaniment_id_starts_on` ON `suspensions` (`accompaniment_id`, `starts_on`);
-- Create index "suspension_starts_on" to table: "suspensions"
CREATE INDEX `suspension_starts_on` ON `suspensions` (`starts_on`);
-- Create index "suspension_suspended_by_id" to table: "suspensions"
CREATE INDEX `suspension_suspended_by_id` ON `suspensions` (`suspended_by_id`);
-- Create index "suspension_resumed_by_id" to table: "suspensions"
CREATE INDEX `suspension_resumed_by_id` ON `suspensions` (`resumed_by_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
