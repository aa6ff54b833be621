-- Modify "organisations" table
ALTER TABLE "organisations" ADD COLUMN "match_key" character varying NULL;
-- Create index "organisations_match_key_key" to table: "organisations"
CREATE UNIQUE INDEX "organisations_match_key_key" ON "organisations" ("match_key");
