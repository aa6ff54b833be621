-- Modify "quotes" table
ALTER TABLE "quotes" ADD COLUMN "cancelled_at" timestamptz NULL;
-- Modify "workshop_series" table
ALTER TABLE "workshop_series" ADD COLUMN "cancelled_at" timestamptz NULL, ADD COLUMN "cancellation_reason" character varying NULL;
-- Modify "workshop_sessions" table
ALTER TABLE "workshop_sessions" ADD COLUMN "place" character varying NULL, ADD COLUMN "status" character varying NOT NULL DEFAULT 'SCHEDULED', ADD COLUMN "cancelled_at" timestamptz NULL, ADD COLUMN "cancellation_reason" character varying NULL, ADD COLUMN "revision" bigint NOT NULL DEFAULT 0;
