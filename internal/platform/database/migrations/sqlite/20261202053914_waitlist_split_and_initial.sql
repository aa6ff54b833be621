-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Add column "last_name_initial" to table: "children"
ALTER TABLE `children` ADD COLUMN `last_name_initial` text NULL;
-- Create "new_bookings" table
CREATE TABLE `new_bookings` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `status` text NOT NULL, `requested_at` datetime NOT NULL, `position` integer NOT NULL DEFAULT (0), `confirmed_at` datetime NULL, `cancelled_at` datetime NULL, `group_key` text NULL, `split_allowed` bool NOT NULL DEFAULT (false), `organisation_id` text NOT NULL, `booked_by_id` text NULL, `child_id` text NOT NULL, `series_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `bookings_organisations_organisation` FOREIGN KEY (`organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION, CONSTRAINT `bookings_persons_booked_by` FOREIGN KEY (`booked_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `bookings_children_bookings` FOREIGN KEY (`child_id`) REFERENCES `children` (`id`) ON DELETE NO ACTION, CONSTRAINT `bookings_workshop_series_bookings` FOREIGN KEY (`series_id`) REFERENCES `workshop_series` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "bookings" to new temporary table "new_bookings"
INSERT INTO `new_bookings` (`id`, `created_at`, `updated_at`, `status`, `requested_at`, `position`, `confirmed_at`, `cancelled_at`, `group_key`, `organisation_id`, `booked_by_id`, `child_id`, `series_id`) SELECT `id`, `created_at`, `updated_at`, `status`, `requested_at`, `position`, `confirmed_at`, `cancelled_at`, `group_key`, `organisation_id`, `booked_by_id`, `child_id`, `series_id` FROM `bookings`;
-- Drop "bookings" table after copying rows
DROP TABLE `bookings`;
-- Rename temporary table "new_bookings" to "bookings"
ALTER TABLE `new_bookings` RENAME TO `bookings`;
-- Create index "booking_created_at" to table: "bookings"
CREATE INDEX `booking_created_at` ON `bookings` (`created_at`);
-- Create index "booking_series_id_status_requested_at" to table: "bookings"
CREATE INDEX `booking_series_id_status_requested_at` ON `bookings` (`series_id`, `status`, `requested_at`);
-- Create index "booking_series_id_child_id" to table: "bookings"
CREATE UNIQUE INDEX `booking_series_id_child_id` ON `bookings` (`series_id`, `child_id`) WHERE status <> 'CANCELLED';
-- Create index "booking_child_id" to table: "bookings"
CREATE INDEX `booking_child_id` ON `bookings` (`child_id`);
-- Create index "booking_organisation_id" to table: "bookings"
CREATE INDEX `booking_organisation_id` ON `bookings` (`organisation_id`);
-- Create index "booking_booked_by_id" to table: "bookings"
CREATE INDEX `booking_booked_by_id` ON `bookings` (`booked_by_id`);
-- Create index "booking_status" to table: "bookings"
CREATE INDEX `booking_status` ON `bookings` (`status`);
-- Create index "booking_requested_at" to table: "bookings"
CREATE INDEX `booking_requested_at` ON `bookings` (`requested_at`);
-- Create index "booking_position" to table: "bookings"
CREATE INDEX `booking_position` ON `bookings` (`position`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
