-- Create index "calendarfeed_created_at" to table: "calendar_feeds"
CREATE INDEX "calendarfeed_created_at" ON "calendar_feeds" ("created_at");
-- Create index "reportdelivery_recorded_at" to table: "report_deliveries"
CREATE INDEX "reportdelivery_recorded_at" ON "report_deliveries" ("recorded_at");
