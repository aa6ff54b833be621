// Package pubsub tells the portal's processes that a record changed, on a
// named channel, so that what watches it (live seat counts, the sockets
// held open in a person's name) looks again at once.
//
// On PostgreSQL a change is announced with NOTIFY inside the transaction
// that makes it (PostgreSQL delivers it on commit, to every process
// LISTENing on the same database); a process LISTENs through one
// pq.Listener connection per channel while it has subscribers. On SQLite
// (one process) an in-process broadcast runs after the commit.
package pubsub
