// Package export serves the CSV files coordinators download for their
// financers' reporting: a convention's consumption and the active caseload
// of a partner. The files are read with the viewer's context through the
// same ent queries and access rules as the API, streamed page by page,
// with a stable column order.
package export
