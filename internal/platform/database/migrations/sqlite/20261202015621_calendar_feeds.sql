-- Create "calendar_feeds" table
CREATE TABLE `calendar_feeds` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `subject_id` text NOT NULL, `secret_hash` blob NOT NULL, `revoked_at` datetime NULL, `person_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `calendar_feeds_persons_person` FOREIGN KEY (`person_id`) REFERENCES `persons` (`id`) ON DELETE NO ACTION);
-- Create index "calendar_feeds_secret_hash_key" to table: "calendar_feeds"
CREATE UNIQUE INDEX `calendar_feeds_secret_hash_key` ON `calendar_feeds` (`secret_hash`);
-- Create index "calendarfeed_person_id" to table: "calendar_feeds"
CREATE INDEX `calendarfeed_person_id` ON `calendar_feeds` (`person_id`);
