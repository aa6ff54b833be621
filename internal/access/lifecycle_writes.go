package access

import (
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// CanRequestErasure reports whether the viewer may have a family's file of
// providerID erased at once: its coordinators only. The erasure itself is
// then carried out by the portal (package lifecycle), the same way as the
// scheduled anonymisation, across the write rules of each record.
func CanRequestErasure(v *viewer.Viewer, providerID pulid.ID) bool {
	return v.IsCoordinatorOf(providerID)
}
