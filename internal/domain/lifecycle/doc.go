// Package lifecycle owns the end of a family's file: once the retention
// period (config PORTAL_RETENTION) has passed since the family's last
// activity (its last file closed, its children's last booking or session
// attended), with no file open and no seat to come, its names,
// contact details and free-text notes are removed, and the figures the
// activity statistics need (statuses, dates, programme, household
// composition, socio-economic situation, children's birth dates and school
// levels, territory) are kept. An erasure request by a coordinator takes
// the same path at once. Every copy kept outside the file (outbox
// messages, webhook payloads) is cleared too (copies.go). Audit events
// hold no personal data today and are untouched.
//
// AnonymiseExpired is meant to be run periodically by the scheduler; this
// package does not schedule anything itself.
package lifecycle
