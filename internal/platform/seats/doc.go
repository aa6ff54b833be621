// Package seats tells the portal's processes that the seats of a workshop
// series changed, so that live subscriptions can push the new counts.
//
// On PostgreSQL, a change is announced with NOTIFY inside the transaction
// that makes it (PostgreSQL delivers it on commit, to every process
// LISTENing on the same database); a process LISTENs through one
// pq.Listener connection while it has subscribers. On SQLite (one
// process) an in-process broadcast runs after the commit.
package seats
