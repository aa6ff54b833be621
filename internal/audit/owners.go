package audit

import (
	"context"
	"maps"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// What a request learns of its records' providers as it runs, so that
// filing its events reads only what it did not already read: the rows of
// the types that carry a provider, whoever queried them (a series locked
// for a booking), and what a step's own query established (NoteFamilies).
// A record's provider never changes (provider_id is immutable in every
// schema that has one), so a fact learnt early in a request still holds
// when the request's events are written.

// know adds facts to the request's memo.
func (b *buffer) know(facts map[ref]owner) {
	if len(facts) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.owners == nil {
		b.owners = map[ref]owner{}
	}
	maps.Copy(b.owners, facts)
}

// known returns a copy of the request's memo.
func (b *buffer) known() map[ref]owner {
	b.mu.Lock()
	defer b.mu.Unlock()
	return maps.Clone(b.owners)
}

// noteOwners keeps, for the request of ctx, the providers that the rows
// of a query result carry.
func noteOwners(ctx context.Context, value ent.Value) {
	if b, ok := ctx.Value(bufferKey{}).(*buffer); ok {
		b.know(ownersIn(value))
	}
}

// NoteFamilies tells the audit trail of the request of ctx that the
// families with these IDs belong to provider, as the caller's own query
// established (children read on the condition that their family is the
// provider's): the events about those families' records are then filed
// without reading the families again. Outside a request it does nothing.
func NoteFamilies(ctx context.Context, provider pulid.ID, familyIDs ...pulid.ID) {
	b, ok := ctx.Value(bufferKey{}).(*buffer)
	if !ok || provider == "" {
		return
	}
	facts := make(map[ref]owner, len(familyIDs))
	for _, id := range familyIDs {
		facts[ref{"Family", id}] = owner{provider: provider, family: id}
	}
	b.know(facts)
}
