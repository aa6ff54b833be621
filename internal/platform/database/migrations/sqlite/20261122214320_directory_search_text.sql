-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_directory_offers" table
CREATE TABLE `new_directory_offers` (`id` text NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `category` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL, `territory` text NOT NULL, `audience` text NOT NULL, `contact` text NOT NULL, `search_text` text NOT NULL DEFAULT (''), `organisation_id` text NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `directory_offers_organisations_organisation` FOREIGN KEY (`organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "directory_offers" to new temporary table "new_directory_offers"
INSERT INTO `new_directory_offers` (`id`, `created_at`, `updated_at`, `category`, `title`, `description`, `territory`, `audience`, `contact`, `organisation_id`) SELECT `id`, `created_at`, `updated_at`, `category`, `title`, `description`, `territory`, `audience`, `contact`, `organisation_id` FROM `directory_offers`;
-- Drop "directory_offers" table after copying rows
DROP TABLE `directory_offers`;
-- Rename temporary table "new_directory_offers" to "directory_offers"
ALTER TABLE `new_directory_offers` RENAME TO `directory_offers`;
-- Create index "directoryoffer_territory_category" to table: "directory_offers"
CREATE INDEX `directoryoffer_territory_category` ON `directory_offers` (`territory`, `category`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
