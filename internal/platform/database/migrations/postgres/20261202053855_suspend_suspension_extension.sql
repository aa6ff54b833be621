-- Modify "accompaniments" table
ALTER TABLE "accompaniments" ADD COLUMN "suspended_on" timestamptz NULL, ADD COLUMN "suspended_days" bigint NOT NULL DEFAULT 0, ADD COLUMN "extended_months" bigint NOT NULL DEFAULT 0;
-- Create "extensions" table
CREATE TABLE "extensions" ("id" character varying NOT NULL, "months" bigint NOT NULL, "reason" text NOT NULL, "status" character varying NOT NULL DEFAULT 'REQUESTED', "requested_at" timestamptz NOT NULL, "decided_at" timestamptz NULL, "decision_note" text NOT NULL DEFAULT '', "previous_ends_at" timestamptz NULL, "ends_at" timestamptz NULL, "accompaniment_id" character varying NOT NULL, "requested_by_id" character varying NULL, "decided_by_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "extensions_accompaniments_extensions" FOREIGN KEY ("accompaniment_id") REFERENCES "accompaniments" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "extensions_persons_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "extensions_persons_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "extension_accompaniment_id_requested_at" to table: "extensions"
CREATE INDEX "extension_accompaniment_id_requested_at" ON "extensions" ("accompaniment_id", "requested_at");
-- Create index "extension_decided_by_id" to table: "extensions"
CREATE INDEX "extension_decided_by_id" ON "extensions" ("decided_by_id");
-- Create index "extension_requested_at" to table: "extensions"
CREATE INDEX "extension_requested_at" ON "extensions" ("requested_at");
-- Create index "extension_requested_by_id" to table: "extensions"
CREATE INDEX "extension_requested_by_id" ON "extensions" ("requested_by_id");
-- Create index "extension_status" to table: "extensions"
CREATE INDEX "extension_status" ON "extensions" ("status");
-- Create "suspensions" table
CREATE TABLE "suspensions" ("id" character varying NOT NULL, "reason" character varying NOT NULL, "comment" text NOT NULL DEFAULT '', "starts_on" timestamptz NOT NULL, "resumed_on" timestamptz NULL, "days" bigint NULL, "recorded_at" timestamptz NOT NULL, "resumed_at" timestamptz NULL, "accompaniment_id" character varying NOT NULL, "suspended_by_id" character varying NULL, "resumed_by_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "suspensions_accompaniments_suspensions" FOREIGN KEY ("accompaniment_id") REFERENCES "accompaniments" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "suspensions_persons_resumed_by" FOREIGN KEY ("resumed_by_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL, CONSTRAINT "suspensions_persons_suspended_by" FOREIGN KEY ("suspended_by_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "suspension_accompaniment_id_starts_on" to table: "suspensions"
CREATE INDEX "suspension_accompaniment_id_starts_on" ON "suspensions" ("accompaniment_id", "starts_on");
-- Create index "suspension_resumed_by_id" to table: "suspensions"
CREATE INDEX "suspension_resumed_by_id" ON "suspensions" ("resumed_by_id");
-- Create index "suspension_starts_on" to table: "suspensions"
CREATE INDEX "suspension_starts_on" ON "suspensions" ("starts_on");
-- Create index "suspension_suspended_by_id" to table: "suspensions"
CREATE INDEX "suspension_suspended_by_id" ON "suspensions" ("suspended_by_id");
