-- Modify "providers" table
ALTER TABLE "providers" ADD COLUMN "time_zone" character varying NOT NULL DEFAULT 'Europe/Paris';
