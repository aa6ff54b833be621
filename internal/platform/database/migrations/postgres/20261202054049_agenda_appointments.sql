-- Modify "families" table
ALTER TABLE "families" ADD COLUMN "postal_address" character varying NULL, ADD COLUMN "phone" character varying NULL;
-- Create "appointments" table
CREATE TABLE "appointments" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "starts_at" timestamptz NOT NULL, "ends_at" timestamptz NOT NULL, "place" character varying NULL, "status" character varying NOT NULL DEFAULT 'PLANNED', "cancelled_at" timestamptz NULL, "cancel_reason" text NULL, "accompaniment_id" character varying NOT NULL, "provider_id" character varying NOT NULL, "educator_id" character varying NOT NULL, "contact_event_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "appointments_accompaniments_appointments" FOREIGN KEY ("accompaniment_id") REFERENCES "accompaniments" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "appointments_contact_events_contact_event" FOREIGN KEY ("contact_event_id") REFERENCES "contact_events" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "appointments_persons_educator" FOREIGN KEY ("educator_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "appointments_providers_provider" FOREIGN KEY ("provider_id") REFERENCES "providers" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "appointment_accompaniment_id_starts_at" to table: "appointments"
CREATE INDEX "appointment_accompaniment_id_starts_at" ON "appointments" ("accompaniment_id", "starts_at");
-- Create index "appointment_contact_event_id" to table: "appointments"
CREATE INDEX "appointment_contact_event_id" ON "appointments" ("contact_event_id");
-- Create index "appointment_created_at" to table: "appointments"
CREATE INDEX "appointment_created_at" ON "appointments" ("created_at");
-- Create index "appointment_educator_id_starts_at" to table: "appointments"
CREATE INDEX "appointment_educator_id_starts_at" ON "appointments" ("educator_id", "starts_at");
-- Create index "appointment_kind" to table: "appointments"
CREATE INDEX "appointment_kind" ON "appointments" ("kind");
-- Create index "appointment_provider_id_starts_at" to table: "appointments"
CREATE INDEX "appointment_provider_id_starts_at" ON "appointments" ("provider_id", "starts_at");
-- Create index "appointment_starts_at" to table: "appointments"
CREATE INDEX "appointment_starts_at" ON "appointments" ("starts_at");
-- Create index "appointment_status" to table: "appointments"
CREATE INDEX "appointment_status" ON "appointments" ("status");
