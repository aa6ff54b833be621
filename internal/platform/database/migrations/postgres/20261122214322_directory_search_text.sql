-- Modify "directory_offers" table
ALTER TABLE "directory_offers" ADD COLUMN "search_text" text NOT NULL DEFAULT '';
