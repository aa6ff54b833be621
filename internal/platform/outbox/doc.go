// Package outbox delivers the messages the portal owes people (final
// reports to parents and prescribers, reminders to coordinators). The
// workflow writes them as OutboxMessage rows in the transaction of the
// change that causes them; Dispatch sends the pending ones afterwards,
// through a Sender: by mail when SMTP is configured, to the log otherwise.
package outbox
