-- Modify "bookings" table
ALTER TABLE "bookings" ADD COLUMN "position" bigint NOT NULL DEFAULT 0, ADD COLUMN "group_key" character varying NULL;
-- Create index "booking_series_id_child_id" to table: "bookings"
CREATE UNIQUE INDEX "booking_series_id_child_id" ON "bookings" ("series_id", "child_id") WHERE ((status)::text <> 'CANCELLED'::text);
-- Create "idempotency_keys" table
CREATE TABLE "idempotency_keys" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "person_id" character varying NOT NULL, "key" character varying NOT NULL, "operation" character varying NOT NULL, "target_id" character varying NOT NULL, "result_ids" jsonb NOT NULL, PRIMARY KEY ("id"));
-- Create index "idempotencykey_person_id_key" to table: "idempotency_keys"
CREATE UNIQUE INDEX "idempotencykey_person_id_key" ON "idempotency_keys" ("person_id", "key");
-- Create "attendances" table
CREATE TABLE "attendances" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "present" boolean NOT NULL, "recorded_by_id" character varying NULL, "booking_id" character varying NOT NULL, "session_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "attendances_bookings_attendances" FOREIGN KEY ("booking_id") REFERENCES "bookings" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "attendances_persons_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "attendances_workshop_sessions_attendances" FOREIGN KEY ("session_id") REFERENCES "workshop_sessions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "attendance_session_id_booking_id" to table: "attendances"
CREATE UNIQUE INDEX "attendance_session_id_booking_id" ON "attendances" ("session_id", "booking_id");
