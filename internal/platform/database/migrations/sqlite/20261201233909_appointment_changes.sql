-- Create "appointment_changes" table
CREATE TABLE `appointment_changes` (`id` text NOT NULL, `previous_at` datetime NULL, `at` datetime NOT NULL, `changed_at` datetime NOT NULL, `accompaniment_id` text NOT NULL, `actor_id` text NULL, PRIMARY KEY (`id`), CONSTRAINT `appointment_changes_accompaniments_first_appointment_changes` FOREIGN KEY (`accompaniment_id`) REFERENCES `accompaniments` (`id`) ON DELETE NO ACTION, CONSTRAINT `appointment_changes_persons_actor` FOREIGN KEY (`actor_id`) REFERENCES `persons` (`id`) ON DELETE SET NULL);
-- Create index "firstappointmentchange_accompaniment_id_changed_at" to table: "appointment_changes"
CREATE INDEX `firstappointmentchange_accompaniment_id_changed_at` ON `appointment_changes` (`accompaniment_id`, `changed_at`);
