-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_bookings" table
CREATE TABLE `new_bookings` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `status` text NOT NULL, `requested_at` datetime NOT NULL, `position` integer NOT NULL DEFAULT (0), `confirmed_at` datetime NULL, `cancelled_at` datetime NULL, `group_key` text NULL, `organisation_id` text NOT NULL, `booked_by_id` text NULL, `child_id` text NOT NULL, `series_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `bookings_organisations_organisation` FOREIGN KEY (`organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION, CONSTRAINT `bookings_persons_booked_by` FOREIGN KEY (`booked_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `bookings_children_bookings` FOREIGN KEY (`child_id`) REFERENCES `children` (`id`) ON DELETE NO ACTION, CONSTRAINT `bookings_workshop_series_bookings` FOREIGN KEY (`series_id`) REFERENCES `workshop_series` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "bookings" to new temporary table "new_bookings"
INSERT INTO `new_bookings` (`id`, `created_at`, `updated_at`, `status`, `requested_at`, `confirmed_at`, `cancelled_at`, `organisation_id`, `booked_by_id`, `child_id`, `series_id`) SELECT `id`, `created_at`, `updated_at`, `status`, `requested_at`, `confirmed_at`, `cancelled_at`, `organisation_id`, `booked_by_id`, `child_id`, `series_id` FROM `bookings`;
-- Drop "bookings" table after copying rows
DROP TABLE `bookings`;
-- Rename temporary table "new_bookings" to "bookings"
ALTER TABLE `new_bookings` RENAME TO `bookings`;
-- Create index "booking_series_id_status_requested_at" to table: "bookings"
CREATE INDEX `booking_series_id_status_requested_at` ON `bookings` (`series_id`, `status`, `requested_at`);
-- Create index "booking_series_id_child_id" to table: "bookings"
CREATE UNIQUE INDEX `booking_series_id_child_id` ON `bookings` (`series_id`, `child_id`) WHERE status <> 'CANCELLED';
-- Create "attendances" table
CREATE TABLE `attendances` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `present` bool NOT NULL, `recorded_by_id` text NULL, `booking_id` text NOT NULL, `session_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `attendances_persons_recorded_by` FOREIGN KEY (`recorded_by_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL, CONSTRAINT `attendances_bookings_attendances` FOREIGN KEY (`booking_id`) REFERENCES `bookings` (`id`) ON DELETE NO ACTION, CONSTRAINT `attendances_workshop_sessions_attendances` FOREIGN KEY (`session_id`) REFERENCES `workshop_sessions` (`id`) ON DELETE NO ACTION);
-- Create index "attendance_session_id_booking_id" to table: "attendances"
CREATE UNIQUE INDEX `attendance_session_id_booking_id` ON `attendances` (`session_id`, `booking_id`);
-- Create "idempotency_keys" table
CREATE TABLE `idempotency_keys` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `person_id` text NOT NULL, `key` text NOT NULL, `operation` text NOT NULL, `target_id` text NOT NULL, `result_ids` json NOT NULL, PRIMARY KEY (`id`));
-- Create index "idempotencykey_person_id_key" to table: "idempotency_keys"
CREATE UNIQUE INDEX `idempotencykey_person_id_key` ON `idempotency_keys` (`person_id`, `key`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
