-- Add column "postal_address" to table: "families"
ALTER TABLE `families` ADD COLUMN `postal_address` text NULL;
-- Add column "phone" to table: "families"
ALTER TABLE `families` ADD COLUMN `phone` text NULL;
-- Create "appointments" table
CREATE TABLE `appointments` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `starts_at` datetime NOT NULL, `ends_at` datetime NOT NULL, `place` text NULL, `status` text NOT NULL DEFAULT ('PLANNED'), `cancelled_at` datetime NULL, `cancel_reason` text NULL, `accompaniment_id` text NOT NULL, `provider_id` text NOT NULL, `educator_id` text NOT NULL, `contact_event_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `appointments_accompaniments_appointments` FOREIGN KEY (`accompaniment_id`) REFERENCES `accompaniments` (`id`) ON DELETE NO ACTION, CONSTRAINT `appointments_providers_provider` FOREIGN KEY (`provider_id`) REFERENCES `providers` (`id`) ON DELETE NO ACTION, CONSTRAINT `appointments_persons_educator` FOREIGN KEY (`educator_id`) REFERENCES `persons` (`id`) ON DELETE NO ACTION, CONSTRAINT `appointments_contact_events_contact_event` FOREIGN KEY (`contact_event_id`) REFERENCES `contact_events` (`id`) ON DELETE SET NULL);
-- Create index "appointment_created_at" to table: "appointments"
CREATE INDEX `appointment_created_at` ON `appointments` (`created_at`);
-- Create index "appointment_educator_id_starts_at" to table: "appointments"
CREATE INDEX `appointment_educator_id_starts_at` ON `appointments` (`educator_id`, `starts_at`);
-- Create index "appointment_accompaniment_id_starts_at" to table: "appointments"
CREATE INDEX `appointment_accompaniment_id_starts_at` ON `appointments` (`accompaniment_id`, `starts_at`);
-- Create index "appointment_provider_id_starts_at" to table: "appointments"
CREATE INDEX `appointment_provider_id_starts_at` ON `appointments` (`provider_id`, `starts_at`);
-- Create index "appointment_starts_at" to table: "appointments"
CREATE INDEX `appointment_starts_at` ON `appointments` (`starts_at`);
-- Create index "appointment_kind" to table: "appointments"
CREATE INDEX `appointment_kind` ON `appointments` (`kind`);
-- Create index "appointment_status" to table: "appointments"
CREATE INDEX `appointment_status` ON `appointments` (`status`);
-- Create index "appointment_contact_event_id" to table: "appointments"
CREATE INDEX `appointment_contact_event_id` ON `appointments` (`contact_event_id`);
