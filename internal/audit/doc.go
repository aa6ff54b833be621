// Package audit owns the audit trail: every read of a family's file
// (family, guardians, children, accompaniments, their contacts and
// documents) and every mutation made by a person appends an AuditEvent,
// saying who, when, which record, what action, from which client address,
// in which request and for which provider.
//
// It works in one place for the whole program: Install registers an ent
// interceptor (reads) and an ent hook (mutations) on the client, so no
// resolver, job or future query can forget it. Events are written as the
// portal (viewer.SystemContext), in the request's transaction when there
// is one, and can never be changed or deleted (access.AuditPolicy).
package audit
