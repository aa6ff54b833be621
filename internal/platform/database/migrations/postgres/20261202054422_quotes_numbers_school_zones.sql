-- Modify "organisations" table
ALTER TABLE "organisations" ADD COLUMN "school_zone" character varying NULL;
-- Modify "quotes" table
ALTER TABLE "quotes" ADD COLUMN "number" character varying NULL;
-- Create index "quote_provider_id_number" to table: "quotes"
CREATE UNIQUE INDEX "quote_provider_id_number" ON "quotes" ("provider_id", "number");
-- Create "document_sequences" table
CREATE TABLE "document_sequences" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "provider_id" character varying NOT NULL, "prefix" character varying NOT NULL, "year" bigint NOT NULL, "last" bigint NOT NULL, PRIMARY KEY ("id"));
-- Create index "documentsequence_created_at" to table: "document_sequences"
CREATE INDEX "documentsequence_created_at" ON "document_sequences" ("created_at");
-- Create index "documentsequence_provider_id_prefix_year" to table: "document_sequences"
CREATE UNIQUE INDEX "documentsequence_provider_id_prefix_year" ON "document_sequences" ("provider_id", "prefix", "year");
