package accompaniment

import (
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema"
)

// CanMove reports whether the accompaniment's status machine
// (schema.AccompanimentMoves, enforced on every write) allows from → to.
func CanMove(from, to entacc.Status) bool {
	return schema.AccompanimentMoves.CanMove(string(from), string(to))
}

// checkMove words the refusal of a move before anything is written.
func checkMove(from, to entacc.Status) error {
	return schema.AccompanimentMoves.Check("accompaniment", string(from), string(to))
}

// isFinal reports whether nothing leaves status s.
func isFinal(s entacc.Status) bool { return schema.AccompanimentMoves.IsFinal(string(s)) }
