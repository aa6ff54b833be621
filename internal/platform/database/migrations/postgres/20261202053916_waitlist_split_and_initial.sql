-- Modify "bookings" table
ALTER TABLE "bookings" ADD COLUMN "split_allowed" boolean NOT NULL DEFAULT false;
-- Modify "children" table
ALTER TABLE "children" ADD COLUMN "last_name_initial" character varying NULL;
