package accompaniment

import (
	"slices"

	"github.com/reseau-liens/portal/apierror"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
)

// transitions is the status machine: requested → evaluating → active →
// closed, with the side exits. A status absent from the keys is final.
var transitions = map[entacc.Status][]entacc.Status{
	entacc.StatusRequested:  {entacc.StatusEvaluating, entacc.StatusDeclined, entacc.StatusWithdrawn, entacc.StatusExpired},
	entacc.StatusEvaluating: {entacc.StatusActive, entacc.StatusDeclined, entacc.StatusWithdrawn, entacc.StatusExpired},
	entacc.StatusActive:     {entacc.StatusClosed, entacc.StatusWithdrawn, entacc.StatusInterrupted},
}

// CanMove reports whether the status machine allows from → to.
func CanMove(from, to entacc.Status) bool {
	return slices.Contains(transitions[from], to)
}

func checkMove(from, to entacc.Status) error {
	if !CanMove(from, to) {
		return apierror.New(InvalidTransition, "an accompaniment cannot go from %s to %s", from, to)
	}
	return nil
}
