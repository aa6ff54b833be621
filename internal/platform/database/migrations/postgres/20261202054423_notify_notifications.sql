-- Modify "outbox_messages" table
ALTER TABLE "outbox_messages" ADD COLUMN "notification_id" character varying NULL;
-- Create "notification_preferences" table
CREATE TABLE "notification_preferences" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "email" boolean NOT NULL DEFAULT true, "person_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "notification_preferences_persons_person" FOREIGN KEY ("person_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "notificationpreference_created_at" to table: "notification_preferences"
CREATE INDEX "notificationpreference_created_at" ON "notification_preferences" ("created_at");
-- Create index "notificationpreference_person_id_kind" to table: "notification_preferences"
CREATE UNIQUE INDEX "notificationpreference_person_id_kind" ON "notification_preferences" ("person_id", "kind");
-- Create "notifications" table
CREATE TABLE "notifications" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "provider_id" character varying NOT NULL, "accompaniment_id" character varying NULL, "programme_id" character varying NULL, "family_id" character varying NULL, "family_reference" character varying NOT NULL DEFAULT '', "programme_name" character varying NOT NULL DEFAULT '', "detail" character varying NOT NULL DEFAULT '', "day" timestamptz NULL, "read_at" timestamptz NULL, "recipient_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "notifications_persons_recipient" FOREIGN KEY ("recipient_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "notification_accompaniment_id_kind" to table: "notifications"
CREATE INDEX "notification_accompaniment_id_kind" ON "notifications" ("accompaniment_id", "kind");
-- Create index "notification_created_at" to table: "notifications"
CREATE INDEX "notification_created_at" ON "notifications" ("created_at");
-- Create index "notification_recipient_id_created_at" to table: "notifications"
CREATE INDEX "notification_recipient_id_created_at" ON "notifications" ("recipient_id", "created_at");
-- Create index "notification_recipient_id_read_at" to table: "notifications"
CREATE INDEX "notification_recipient_id_read_at" ON "notifications" ("recipient_id", "read_at");
