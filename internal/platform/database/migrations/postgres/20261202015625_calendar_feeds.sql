-- Create "calendar_feeds" table
CREATE TABLE "calendar_feeds" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "kind" character varying NOT NULL, "subject_id" character varying NOT NULL, "secret_hash" bytea NOT NULL, "revoked_at" timestamptz NULL, "person_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "calendar_feeds_persons_person" FOREIGN KEY ("person_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "calendar_feeds_secret_hash_key" to table: "calendar_feeds"
CREATE UNIQUE INDEX "calendar_feeds_secret_hash_key" ON "calendar_feeds" ("secret_hash");
-- Create index "calendarfeed_person_id" to table: "calendar_feeds"
CREATE INDEX "calendarfeed_person_id" ON "calendar_feeds" ("person_id");
