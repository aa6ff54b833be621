// Package seats tells the portal's processes that the seats of a workshop
// series changed, so that live subscriptions can push the new counts.
//
// On PostgreSQL, a change is announced with NOTIFY inside the transaction
// that makes it (PostgreSQL delivers it on commit, to every process
// LISTENing on the same database), by a trigger on the bookings (the
// migration seats_announced_by_bookings): no booking change can forget
// it, and it costs the change no statement. A process LISTENs through one
// pq.Listener connection while it has subscribers. On SQLite (one
// process) Announce broadcasts in-process after the commit.
package seats
