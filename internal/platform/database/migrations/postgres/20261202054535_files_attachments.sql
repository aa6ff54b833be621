-- Create "attachments" table
CREATE TABLE "attachments" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "sha256" character varying NOT NULL, "size" bigint NOT NULL, "media_type" character varying NOT NULL, "file_name" character varying NOT NULL, "uploaded_by_id" character varying NULL, "document_id" character varying NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "attachments_documents_attachments" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "attachments_persons_uploaded_by" FOREIGN KEY ("uploaded_by_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "attachment_created_at" to table: "attachments"
CREATE INDEX "attachment_created_at" ON "attachments" ("created_at");
-- Create index "attachment_document_id" to table: "attachments"
CREATE INDEX "attachment_document_id" ON "attachments" ("document_id");
-- Create index "attachment_sha256" to table: "attachments"
CREATE INDEX "attachment_sha256" ON "attachments" ("sha256");
-- Create index "attachment_uploaded_by_id" to table: "attachments"
CREATE INDEX "attachment_uploaded_by_id" ON "attachments" ("uploaded_by_id");
-- Create "document_acknowledgements" table
CREATE TABLE "document_acknowledgements" ("id" character varying NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "acknowledged_on" timestamptz NOT NULL, "document_id" character varying NOT NULL, "guardian_id" character varying NOT NULL, "recorded_by_id" character varying NULL, PRIMARY KEY ("id"), CONSTRAINT "document_acknowledgements_documents_acknowledgements" FOREIGN KEY ("document_id") REFERENCES "documents" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "document_acknowledgements_guardians_guardian" FOREIGN KEY ("guardian_id") REFERENCES "guardians" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "document_acknowledgements_persons_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "persons" ("id") ON UPDATE NO ACTION ON DELETE SET NULL);
-- Create index "documentacknowledgement_created_at" to table: "document_acknowledgements"
CREATE INDEX "documentacknowledgement_created_at" ON "document_acknowledgements" ("created_at");
-- Create index "documentacknowledgement_document_id_guardian_id" to table: "document_acknowledgements"
CREATE UNIQUE INDEX "documentacknowledgement_document_id_guardian_id" ON "document_acknowledgements" ("document_id", "guardian_id");
-- Create index "documentacknowledgement_guardian_id" to table: "document_acknowledgements"
CREATE INDEX "documentacknowledgement_guardian_id" ON "document_acknowledgements" ("guardian_id");
-- Create index "documentacknowledgement_recorded_by_id" to table: "document_acknowledgements"
CREATE INDEX "documentacknowledgement_recorded_by_id" ON "document_acknowledgements" ("recorded_by_id");
