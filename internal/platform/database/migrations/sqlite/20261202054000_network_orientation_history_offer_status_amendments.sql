-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_orientations" table
CREATE TABLE `new_orientations` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider_id` text NULL, `family_reference` text NULL, `oriented_at` datetime NOT NULL, `note` text NULL, `outcome` text NOT NULL DEFAULT ('PENDING'), `outcome_at` datetime NULL, `outcome_note` text NULL, `family_id` text NOT NULL, `offer_id` text NOT NULL, `educator_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `orientations_families_family` FOREIGN KEY (`family_id`) REFERENCES `families` (`id`) ON DELETE NO ACTION, CONSTRAINT `orientations_directory_offers_offer` FOREIGN KEY (`offer_id`) REFERENCES `directory_offers` (`id`) ON DELETE NO ACTION, CONSTRAINT `orientations_persons_educator` FOREIGN KEY (`educator_id`) REFERENCES `persons` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "orientations" to new temporary table "new_orientations"
INSERT INTO `new_orientations` (`id`, `created_at`, `updated_at`, `oriented_at`, `note`, `outcome`, `outcome_at`, `outcome_note`, `family_id`, `offer_id`, `educator_id`) SELECT `id`, `created_at`, `updated_at`, `oriented_at`, `note`, `outcome`, `outcome_at`, `outcome_note`, `family_id`, `offer_id`, `educator_id` FROM `orientations`;
-- Drop "orientations" table after copying rows
DROP TABLE `orientations`;
-- Rename temporary table "new_orientations" to "orientations"
ALTER TABLE `new_orientations` RENAME TO `orientations`;
-- Create index "orientation_created_at" to table: "orientations"
CREATE INDEX `orientation_created_at` ON `orientations` (`created_at`);
-- Create index "orientation_family_id" to table: "orientations"
CREATE INDEX `orientation_family_id` ON `orientations` (`family_id`);
-- Create index "orientation_educator_id" to table: "orientations"
CREATE INDEX `orientation_educator_id` ON `orientations` (`educator_id`);
-- Create index "orientation_offer_id" to table: "orientations"
CREATE INDEX `orientation_offer_id` ON `orientations` (`offer_id`);
-- Create index "orientation_provider_id" to table: "orientations"
CREATE INDEX `orientation_provider_id` ON `orientations` (`provider_id`);
-- Create "new_directory_offers" table
CREATE TABLE `new_directory_offers` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `category` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL, `territory` text NOT NULL, `audience` text NOT NULL, `contact` text NOT NULL, `status` text NOT NULL DEFAULT ('PUBLISHED'), `status_changed_at` datetime NULL, `search_text` text NOT NULL DEFAULT (''), `organisation_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `directory_offers_organisations_organisation` FOREIGN KEY (`organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "directory_offers" to new temporary table "new_directory_offers"
INSERT INTO `new_directory_offers` (`id`, `created_at`, `updated_at`, `category`, `title`, `description`, `territory`, `audience`, `contact`, `search_text`, `organisation_id`) SELECT `id`, `created_at`, `updated_at`, `category`, `title`, `description`, `territory`, `audience`, `contact`, `search_text`, `organisation_id` FROM `directory_offers`;
-- Drop "directory_offers" table after copying rows
DROP TABLE `directory_offers`;
-- Rename temporary table "new_directory_offers" to "directory_offers"
ALTER TABLE `new_directory_offers` RENAME TO `directory_offers`;
-- Create index "directoryoffer_created_at" to table: "directory_offers"
CREATE INDEX `directoryoffer_created_at` ON `directory_offers` (`created_at`);
-- Create index "directoryoffer_territory_category" to table: "directory_offers"
CREATE INDEX `directoryoffer_territory_category` ON `directory_offers` (`territory`, `category`);
-- Create index "directoryoffer_status" to table: "directory_offers"
CREATE INDEX `directoryoffer_status` ON `directory_offers` (`status`);
-- Create index "directoryoffer_organisation_id" to table: "directory_offers"
CREATE INDEX `directoryoffer_organisation_id` ON `directory_offers` (`organisation_id`);
-- Create index "directoryoffer_title" to table: "directory_offers"
CREATE INDEX `directoryoffer_title` ON `directory_offers` (`title`);
-- Create "convention_amendments" table
CREATE TABLE `convention_amendments` (`id` text NOT NULL, `at` datetime NOT NULL, `places_before` integer NOT NULL, `places_after` integer NOT NULL, `ends_at_before` datetime NOT NULL, `ends_at_after` datetime NOT NULL, `reason` text NOT NULL, `convention_id` text NOT NULL, `author_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `convention_amendments_conventions_amendments` FOREIGN KEY (`convention_id`) REFERENCES `conventions` (`id`) ON DELETE NO ACTION, CONSTRAINT `convention_amendments_persons_author` FOREIGN KEY (`author_id`) REFERENCES `persons` (`id`) ON DELETE NO ACTION);
-- Create index "conventionamendment_convention_id_at" to table: "convention_amendments"
CREATE INDEX `conventionamendment_convention_id_at` ON `convention_amendments` (`convention_id`, `at`);
-- Create index "conventionamendment_author_id" to table: "convention_amendments"
CREATE INDEX `conventionamendment_author_id` ON `convention_amendments` (`author_id`);
-- Create "orientation_events" table
CREATE TABLE `orientation_events` (`id` text NOT NULL, `from_outcome` text NULL, `to_outcome` text NOT NULL, `at` datetime NOT NULL, `note` text NULL, `orientation_id` text NOT NULL, `actor_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `orientation_events_orientations_events` FOREIGN KEY (`orientation_id`) REFERENCES `orientations` (`id`) ON DELETE NO ACTION, CONSTRAINT `orientation_events_persons_actor` FOREIGN KEY (`actor_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL);
-- Create index "orientationevent_orientation_id_at" to table: "orientation_events"
CREATE INDEX `orientationevent_orientation_id_at` ON `orientation_events` (`orientation_id`, `at`);
-- Create index "orientationevent_actor_id" to table: "orientation_events"
CREATE INDEX `orientationevent_actor_id` ON `orientation_events` (`actor_id`);
-- Backfill the orientations recorded before: the family's provider and reference
UPDATE "orientations" SET "provider_id" = (SELECT "provider_id" FROM "families" WHERE "families"."id" = "orientations"."family_id"), "family_reference" = (SELECT "reference" FROM "families" WHERE "families"."id" = "orientations"."family_id");
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
