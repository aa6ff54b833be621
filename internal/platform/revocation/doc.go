// Package revocation tells the portal's processes that a person's tokens
// or memberships changed (a token revoked, a membership ended), so that
// the WebSockets held open in their name check their token again at once.
//
// On PostgreSQL the change is announced with NOTIFY on the token_revoked
// channel inside the transaction that makes it (PostgreSQL delivers it on
// commit, to every process LISTENing on the same database); a process
// LISTENs through one pq.Listener connection while it holds sockets. On
// SQLite (one process) an in-process broadcast runs after the commit.
package revocation
