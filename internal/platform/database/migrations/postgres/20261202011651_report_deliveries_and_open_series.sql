-- Modify "workshop_series" table
ALTER TABLE "workshop_series" ADD COLUMN "open_to_partners" boolean NOT NULL DEFAULT false;
-- Create "report_deliveries" table
CREATE TABLE "report_deliveries" ("id" character varying NOT NULL, "recipient" character varying NOT NULL, "outcome" character varying NOT NULL, "reason" character varying NOT NULL DEFAULT '', "recorded_at" timestamptz NOT NULL, "accompaniment_id" character varying NOT NULL, "document_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "report_deliveries_accompaniments_report_deliveries" FOREIGN KEY ("accompaniment_id") REFERENCES "accompaniments" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "report_deliveries_documents_document" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "reportdelivery_accompaniment_id_recorded_at" to table: "report_deliveries"
CREATE INDEX "reportdelivery_accompaniment_id_recorded_at" ON "report_deliveries" ("accompaniment_id", "recorded_at");
-- Create index "reportdelivery_document_id" to table: "report_deliveries"
CREATE INDEX "reportdelivery_document_id" ON "report_deliveries" ("document_id");
