// Package scheduler runs the portal's periodic jobs (outbox delivery,
// request reminders and expiry, and any job another capability registers)
// inside the server process. Several processes may run side by side: on
// PostgreSQL each run of a job first takes a session advisory lock named
// after the job (pg_try_advisory_lock), so one process at a time runs it
// and the others skip that round; SQLite serves one process only.
package scheduler
