-- Create index "auditevent_archive_seq" to table: "audit_events"
CREATE INDEX "auditevent_archive_seq" ON "audit_events" ("seq") WHERE ((action)::text = 'archive'::text);
