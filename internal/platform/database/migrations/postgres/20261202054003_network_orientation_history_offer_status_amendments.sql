-- Modify "directory_offers" table
ALTER TABLE "directory_offers" ADD COLUMN "status" character varying NOT NULL DEFAULT 'PUBLISHED', ADD COLUMN "status_changed_at" timestamptz NULL;
-- Create index "directoryoffer_status" to table: "directory_offers"
CREATE INDEX "directoryoffer_status" ON "directory_offers" ("status");
-- Create "convention_amendments" table
CREATE TABLE "convention_amendments" ("id" character varying NOT NULL, "at" timestamptz NOT NULL, "places_before" bigint NOT NULL, "places_after" bigint NOT NULL, "ends_at_before" timestamptz NOT NULL, "ends_at_after" timestamptz NOT NULL, "reason" character varying NOT NULL, "convention_id" character varying NOT NULL, "author_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "convention_amendments_conventions_amendments" FOREIGN KEY ("convention_id") REFERENCES "conventions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "convention_amendments_persons_author" FOREIGN KEY ("author_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "conventionamendment_author_id" to table: "convention_amendments"
CREATE INDEX "conventionamendment_author_id" ON "convention_amendments" ("author_id");
-- Create index "conventionamendment_convention_id_at" to table: "convention_amendments"
CREATE INDEX "conventionamendment_convention_id_at" ON "convention_amendments" ("convention_id", "at");
-- Modify "orientations" table
ALTER TABLE "orientations" ADD COLUMN "provider_id" character varying NULL, ADD COLUMN "family_reference" character varying NULL;
-- Create index "orientation_provider_id" to table: "orientations"
CREATE INDEX "orientation_provider_id" ON "orientations" ("provider_id");
-- Create "orientation_events" table
CREATE TABLE "orientation_events" ("id" character varying NOT NULL, "from_outcome" character varying NULL, "to_outcome" character varying NOT NULL, "at" timestamptz NOT NULL, "note" text NULL, "orientation_id" character varying NOT NULL, "actor_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "orientation_events_orientations_events" FOREIGN KEY ("orientation_id") REFERENCES "orientations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "orientation_events_persons_actor" FOREIGN KEY ("actor_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "orientationevent_actor_id" to table: "orientation_events"
CREATE INDEX "orientationevent_actor_id" ON "orientation_events" ("actor_id");
-- Create index "orientationevent_orientation_id_at" to table: "orientation_events"
CREATE INDEX "orientationevent_orientation_id_at" ON "orientation_events" ("orientation_id", "at");
-- Backfill the orientations recorded before: the family's provider and reference
UPDATE "orientations" SET "provider_id" = (SELECT "provider_id" FROM "families" WHERE "families"."id" = "orientations"."family_id"), "family_reference" = (SELECT "reference" FROM "families" WHERE "families"."id" = "orientations"."family_id");
