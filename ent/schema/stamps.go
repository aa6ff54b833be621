package schema

// CreationStamps lists, per type, the time fields besides created_at and
// updated_at that record when a row was written. They carry no default in
// the schema: the portal's clock fills them when the code leaves them
// unset (see database.stampTimes), so that a test running as if it were
// another day writes that day.
var CreationStamps = map[string][]string{
	"Accompaniment":    {"requested_at"},
	"AuditEvent":       {"occurred_at"},
	"Booking":          {"requested_at"},
	"Consent":          {"given_at"},
	"Orientation":      {"oriented_at"},
	"OutboxMessage":    {"queued_at"},
	"PartnerLink":      {"proposed_at"},
	"PartnerLinkEvent": {"at"},
	"WebhookDelivery":  {"next_attempt_at"},
}
