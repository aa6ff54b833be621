package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/documentsequence"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// ReadDocumentSequences: the provider's practitioners, who number the
// quotes they send, and its coordinators.
func ReadDocumentSequences() privacy.QueryRule {
	return privacy.DocumentSequenceQueryRuleFunc(func(ctx context.Context, q *ent.DocumentSequenceQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeDocumentSequence)
	})
}

func documentSequenceScope(v *viewer.Viewer) []predicate.DocumentSequence {
	if ids := v.ProviderIDs(practitioner, coordinator); len(ids) > 0 {
		return []predicate.DocumentSequence{documentsequence.ProviderIDIn(ids...)}
	}
	return nil
}

// WriteDocumentSequences: a practitioner of the provider takes the next
// number of its sequence when sending a quote (an insert that, on
// conflict, increments the existing row).
func WriteDocumentSequences() privacy.MutationRule {
	return privacy.DocumentSequenceMutationRuleFunc(func(ctx context.Context, m *ent.DocumentSequenceMutation) error {
		p, _ := m.ProviderID()
		if m.Op().Is(ent.OpCreate) && slices.Contains(viewer.FromContext(ctx).ProviderIDs(practitioner), p) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}
