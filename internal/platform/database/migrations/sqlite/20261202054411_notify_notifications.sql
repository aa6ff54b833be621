-- Add column "notification_id" to table: "outbox_messages"
ALTER TABLE `outbox_messages` ADD COLUMN `notification_id` text NULL;
-- Create "notifications" table
CREATE TABLE `notifications` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `provider_id` text NOT NULL, `accompaniment_id` text NULL, `programme_id` text NULL, `family_id` text NULL, `family_reference` text NOT NULL DEFAULT (''), `programme_name` text NOT NULL DEFAULT (''), `detail` text NOT NULL DEFAULT (''), `day` datetime NULL, `read_at` datetime NULL, `recipient_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `notifications_persons_recipient` FOREIGN KEY (`recipient_id`) REFERENCES `persons` (`id`) ON DELETE NO ACTION);
-- Create index "notification_created_at" to table: "notifications"
CREATE INDEX `notification_created_at` ON `notifications` (`created_at`);
-- Create index "notification_recipient_id_created_at" to table: "notifications"
CREATE INDEX `notification_recipient_id_created_at` ON `notifications` (`recipient_id`, `created_at`);
-- Create index "notification_recipient_id_read_at" to table: "notifications"
CREATE INDEX `notification_recipient_id_read_at` ON `notifications` (`recipient_id`, `read_at`);
-- Create index "notification_accompaniment_id_kind" to table: "notifications"
CREATE INDEX `notification_accompaniment_id_kind` ON `notifications` (`accompaniment_id`, `kind`);
-- Create "notification_preferences" table
CREATE TABLE `notification_preferences` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `email` bool NOT NULL DEFAULT (true), `person_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `notification_preferences_persons_person` FOREIGN KEY (`person_id`) REFERENCES `persons` (`id`) ON DELETE NO ACTION);
-- Create index "notificationpreference_created_at" to table: "notification_preferences"
CREATE INDEX `notificationpreference_created_at` ON `notification_preferences` (`created_at`);
-- Create index "notificationpreference_person_id_kind" to table: "notification_preferences"
CREATE UNIQUE INDEX `notificationpreference_person_id_kind` ON `notification_preferences` (`person_id`, `kind`);
