// Package lifecycle owns the end of a family's file: once a file is closed
// and the retention period has passed (config PORTAL_RETENTION), its names,
// contact details and free-text notes are removed, and the figures the
// activity statistics need (statuses, dates, programme, household
// composition, socio-economic situation, children's birth dates and school
// levels, territory) are kept. An erasure request by a coordinator takes
// the same path at once. Audit events are separate records, untouched.
//
// AnonymiseExpired is meant to be run periodically by the scheduler; this
// package does not schedule anything itself.
package lifecycle
