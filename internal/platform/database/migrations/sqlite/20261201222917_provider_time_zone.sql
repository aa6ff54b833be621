-- Add column "time_zone" to table: "providers". (A plain ADD COLUMN rather
-- than a copy of the table: the table is referenced, and SQLite ignores
-- PRAGMA foreign_keys inside the migration's transaction.)
ALTER TABLE `providers` ADD COLUMN `time_zone` text NOT NULL DEFAULT ('Europe/Paris');
