package audit

import (
	"github.com/reseau-liens/portal/ent"
)

// Install makes client (and the transactions opened from it) record the
// audit trail.
func Install(client *ent.Client) {
	client.Intercept(readTrail{fallback: client})
	client.Use(mutations(client))
}
