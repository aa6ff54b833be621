package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/reseau-liens/portal/ent"
)

// canonical is the content of an event that its hash covers, in a fixed
// order; the chain columns (seq, prev_hash, hash) link it to the others.
type canonical struct {
	ID            string              `json:"id"`
	OccurredAt    string              `json:"occurredAt"`
	ProviderID    string              `json:"providerId"`
	ActorID       string              `json:"actorId"`
	Action        string              `json:"action"`
	RecordType    string              `json:"recordType"`
	RecordID      string              `json:"recordId"`
	ClientAddress string              `json:"clientAddress"`
	RequestID     string              `json:"requestId"`
	Operation     string              `json:"operation"`
	Records       map[string][]string `json:"records,omitempty"`
	RecordIDs     []string            `json:"recordIds,omitempty"`
	FamilyIDs     []string            `json:"familyIds,omitempty"`
}

// timeLayout writes instants as both databases keep them: UTC, to the
// microsecond.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// ContentHash is the hexadecimal SHA-256 of the canonical JSON of an
// event's content: what it says, not where it sits in the chain.
func ContentHash(ev *ent.AuditEvent) (string, error) {
	b, err := json.Marshal(canonical{
		ID:            string(ev.ID),
		OccurredAt:    ev.OccurredAt.UTC().Format(timeLayout),
		ProviderID:    deref(ev.ProviderID),
		ActorID:       deref(ev.ActorID),
		Action:        ev.Action,
		RecordType:    ev.RecordType,
		RecordID:      deref(ev.RecordID),
		ClientAddress: ev.ClientAddress,
		RequestID:     ev.RequestID,
		Operation:     ev.Operation,
		Records:       ev.Records,
		RecordIDs:     ev.RecordIds,
		FamilyIDs:     ev.FamilyIds,
	})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}
