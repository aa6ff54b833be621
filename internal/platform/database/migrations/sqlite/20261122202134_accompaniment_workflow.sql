-- Create "outbox_messages" table
CREATE TABLE `outbox_messages` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider_id` text NOT NULL, `accompaniment_id` text NULL, `document_id` text NULL, `recipient_kind` text NOT NULL, `recipient_id` text NULL, `recipient_address` text NOT NULL DEFAULT (''), `subject` text NOT NULL, `body` text NOT NULL, `status` text NOT NULL DEFAULT ('PENDING'), `attempts` integer NOT NULL DEFAULT (0), `sent_at` datetime NULL, `queued_at` datetime NOT NULL, PRIMARY KEY (`id`));
-- Create index "outboxmessage_status_queued_at" to table: "outbox_messages"
CREATE INDEX `outboxmessage_status_queued_at` ON `outbox_messages` (`status`, `queued_at`);
