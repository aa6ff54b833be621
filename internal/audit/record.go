package audit

import (
	"context"
	"fmt"
	"sync"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// Actions recorded besides the mutation operations (create, update,
// delete).
const (
	// ActionRead is a read of a record of a family's file.
	ActionRead = "read"
)

// entry is one event to append. The provider is filled in when the record
// carries it, or found at flush time from the parent record.
type entry struct {
	action     string
	recordType string
	recordID   string
	provider   pulid.ID
	// parentType and parentID point at the record that knows the provider
	// (Family, Accompaniment or Document) when the record does not.
	parentType string
	parentID   pulid.ID
	// fallback is the actor's provider, for records that have none.
	fallback pulid.ID
	// actor, address and request are taken when the event happens.
	actor, address, request string
}

// buffer gathers the events of one request, so that they are written in
// one statement at its end (Trail).
type buffer struct {
	mu      sync.Mutex
	entries []entry
}

type bufferKey struct{}

// record appends events for the person of ctx: to the request's buffer
// when there is one, at once otherwise (jobs, command line).
func record(ctx context.Context, fallback *ent.Client, entries []entry) error {
	v := viewer.FromContext(ctx)
	if len(entries) == 0 || v.IsSystem() || v.IsAnonymous() {
		return nil
	}
	fallbackProvider := pulid.ID("")
	if ids := v.ProviderIDs(roles()...); len(ids) > 0 {
		fallbackProvider = ids[0]
	}
	addr, reqID := ClientAddress(ctx), requestid.FromContext(ctx)
	for i := range entries {
		e := &entries[i]
		e.actor, e.address, e.request, e.fallback = string(v.PersonID), addr, reqID, fallbackProvider
		if e.provider == "" && e.parentID == "" && e.recordID != "" {
			e.parentType, e.parentID = e.recordType, pulid.ID(e.recordID)
		}
	}
	if b, ok := ctx.Value(bufferKey{}).(*buffer); ok {
		b.mu.Lock()
		b.entries = append(b.entries, entries...)
		b.mu.Unlock()
		return nil
	}
	return write(ctx, database.ClientFor(ctx, fallback), entries)
}

// write resolves the missing providers and appends the events as the
// portal, in one INSERT.
func write(ctx context.Context, client *ent.Client, entries []entry) error {
	if len(entries) == 0 {
		return nil
	}
	sys := viewer.SystemContext(ctx)
	if err := resolveProviders(sys, client, entries); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	creates := make([]*ent.AuditEventCreate, len(entries))
	for i, e := range entries {
		c := client.AuditEvent.Create().
			SetActorID(e.actor).
			SetAction(e.action).
			SetRecordType(e.recordType).
			SetClientAddress(truncate(e.address, 80)).
			SetRequestID(truncate(e.request, 80))
		if e.recordID != "" {
			c.SetRecordID(e.recordID)
		}
		if e.provider != "" {
			c.SetProviderID(string(e.provider))
		}
		creates[i] = c
	}
	if err := client.AuditEvent.CreateBulk(creates...).Exec(sys); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Log appends an event for an action the portal carries out at a person's
// request (an erasure): its writes run as the portal, which the mutation
// hook does not record, so the person's request is recorded here.
func Log(ctx context.Context, client *ent.Client, action, recordType string, recordID pulid.ID) error {
	return record(ctx, client, []entry{{action: action, recordType: recordType, recordID: string(recordID)}})
}
