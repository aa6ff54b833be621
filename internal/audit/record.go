package audit

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// Actions recorded besides the mutation operations (create, update,
// delete).
const (
	// ActionRead is the read log of a request: the records of family
	// files it returned, by type.
	ActionRead = "read"
	// ActionRefused is an access the rules refused (FORBIDDEN, or
	// NOT_FOUND on a record that exists).
	ActionRefused = "refused"
	// ActionArchive marks the removal of archived events (see Archive).
	ActionArchive = "archive"
)

// entry is one record touched. Reads are gathered into one event per
// provider at flush time; other actions give an event each. The provider
// is filled in when the record carries it, or found at flush time from
// the parent record.
type entry struct {
	action     string
	recordType string
	recordID   string
	provider   pulid.ID
	// family is the family whose file the record belongs to, when known.
	family pulid.ID
	// parentType and parentID point at the record that knows the provider
	// (Family, Accompaniment or Document) when the record does not.
	parentType string
	parentID   pulid.ID
	// fallback is the actor's provider, for records that have none.
	fallback pulid.ID
	// actor, address, request and operation are taken when it happens.
	actor, address, request, operation string
}

// buffer gathers the entries of one request, so that they are written in
// one statement at its end (Trail), and what the request learnt of its
// records' providers (see owners.go). It keeps each query's entries as
// they came and joins them once, at the end: a page of 100 families adds
// five lists of up to 200 entries.
type buffer struct {
	mu     sync.Mutex
	chunks [][]entry
	n      int
	owners map[ref]owner
}

func (b *buffer) add(entries []entry) {
	b.mu.Lock()
	b.chunks = append(b.chunks, entries)
	b.n += len(entries)
	b.mu.Unlock()
}

func (b *buffer) take() []entry {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n == 0 {
		b.chunks = nil
		return nil
	}
	out := make([]entry, 0, b.n)
	for _, c := range b.chunks {
		out = append(out, c...)
	}
	b.chunks, b.n = nil, 0
	return out
}

type bufferKey struct{}

// record appends entries for the person of ctx: to the request's buffer
// when there is one, at once otherwise (exports, jobs, command line).
func record(ctx context.Context, fallback *ent.Client, entries []entry) error {
	v := viewer.FromContext(ctx)
	if len(entries) == 0 || v.IsSystem() || v.IsAnonymous() {
		return nil
	}
	stamp(ctx, v, entries)
	if b, ok := ctx.Value(bufferKey{}).(*buffer); ok {
		b.add(entries)
		return nil
	}
	return write(ctx, database.ClientFor(ctx, fallback), entries, nil)
}

// stamp fills in who, from where and in which request.
func stamp(ctx context.Context, v *viewer.Viewer, entries []entry) {
	fallbackProvider := pulid.ID("")
	if ids := v.ProviderIDs(roles()...); len(ids) > 0 {
		fallbackProvider = ids[0]
	}
	addr, reqID, op := ClientAddress(ctx), requestid.FromContext(ctx), operation(ctx)
	actor := "" // an anonymous visitor, refused
	if v != nil {
		actor = string(v.PersonID)
	}
	for i := range entries {
		e := &entries[i]
		e.actor, e.address, e.request, e.operation, e.fallback = actor, addr, reqID, op, fallbackProvider
		if e.provider == "" && e.parentID == "" && e.recordID != "" {
			e.parentType, e.parentID = e.recordType, pulid.ID(e.recordID)
		}
	}
}

// write resolves the missing providers and families (known holds those
// the request already read) and appends the events as the portal, in one
// INSERT: one event per change or refusal, and one read event per
// provider whose file records were read.
func write(ctx context.Context, client *ent.Client, entries []entry, known map[ref]owner) error {
	if len(entries) == 0 {
		return nil
	}
	sys := viewer.SystemContext(ctx)
	if err := resolveProviders(sys, client, entries, known); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	now := client.Clock.Now().UTC().Truncate(time.Microsecond)
	var events []*ent.AuditEvent
	reads := map[pulid.ID]*ent.AuditEvent{}
	var readOrder []pulid.ID
	for _, e := range entries {
		if e.action != ActionRead {
			events = append(events, eventOf(e, now))
			continue
		}
		ev, ok := reads[e.provider]
		if !ok {
			ev = eventOf(entry{action: ActionRead, provider: e.provider, actor: e.actor,
				address: e.address, request: e.request, operation: e.operation}, now)
			ev.Records = map[string][]string{}
			reads[e.provider] = ev
			readOrder = append(readOrder, e.provider)
		}
		ev.Records[e.recordType] = append(ev.Records[e.recordType], e.recordID)
		ev.RecordIds = append(ev.RecordIds, e.recordID)
		if e.family != "" {
			ev.FamilyIds = append(ev.FamilyIds, string(e.family))
		}
	}
	for _, p := range readOrder {
		ev := reads[p]
		for typ, ids := range ev.Records {
			ev.Records[typ] = sortedSet(ids)
		}
		ev.RecordIds, ev.FamilyIds = sortedSet(ev.RecordIds), sortedSet(ev.FamilyIds)
		events = append(events, ev)
	}
	return insert(sys, client, events)
}

// eventOf is the event of one entry, before it is chained.
func eventOf(e entry, at time.Time) *ent.AuditEvent {
	ev := &ent.AuditEvent{
		ID:            pulid.New("aud"),
		OccurredAt:    at,
		Action:        e.action,
		RecordType:    e.recordType,
		ClientAddress: truncate(e.address, 80),
		RequestID:     truncate(e.request, 80),
		Operation:     truncate(e.operation, 200),
	}
	if e.actor != "" {
		ev.ActorID = &e.actor
	}
	if e.recordID != "" {
		id := e.recordID
		ev.RecordID = &id
	}
	if e.provider != "" {
		p := string(e.provider)
		ev.ProviderID = &p
	}
	return ev
}

// insert appends events in one statement. The database chains them (the
// triggers of the migrations set seq, prev_hash and hash from the content
// hash given here).
func insert(sys context.Context, client *ent.Client, events []*ent.AuditEvent) error {
	if len(events) == 0 {
		return nil
	}
	creates := make([]*ent.AuditEventCreate, len(events))
	for i, ev := range events {
		sum, err := ContentHash(ev)
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		creates[i] = client.AuditEvent.Create().
			SetID(ev.ID).
			SetOccurredAt(ev.OccurredAt).
			SetNillableProviderID(ev.ProviderID).
			SetNillableActorID(ev.ActorID).
			SetAction(ev.Action).
			SetRecordType(ev.RecordType).
			SetNillableRecordID(ev.RecordID).
			SetClientAddress(ev.ClientAddress).
			SetRequestID(ev.RequestID).
			SetOperation(ev.Operation).
			SetContentHash(sum)
		if ev.Records != nil {
			creates[i].SetRecords(ev.Records).SetRecordIds(ev.RecordIds).SetFamilyIds(ev.FamilyIds)
		}
	}
	if err := client.AuditEvent.CreateBulk(creates...).Exec(sys); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// sortedSet sorts ids and removes repeats; never nil, so that the JSON
// column holds [] rather than null.
func sortedSet(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
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
