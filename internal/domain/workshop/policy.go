package workshop

import (
	"fmt"
	"io"
	"strconv"

	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// BookingPolicy says how a request for several children is served when
// seats are short.
type BookingPolicy string

// The booking policies.
const (
	// ConfirmWhatFits confirms the children that fit, in the order given,
	// and puts the others on the waiting list one by one.
	ConfirmWhatFits BookingPolicy = "CONFIRM_WHAT_FITS"
	// AsOneGroup confirms all the children together, or puts them all on
	// the waiting list, where they are promoted together.
	AsOneGroup BookingPolicy = "AS_ONE_GROUP"
)

func (p BookingPolicy) validate() error {
	if p != ConfirmWhatFits && p != AsOneGroup {
		return apierror.New(apierror.BadUserInput, "ws.unknown_policy", string(p)).OnField("input", "policy")
	}
	return nil
}

// confirmed is how many of n children, served in order, are confirmed
// when free seats remain.
func (p BookingPolicy) confirmed(n, free int) int {
	switch {
	case n <= free:
		return n
	case p == AsOneGroup:
		return 0
	default:
		return max(free, 0)
	}
}

// MarshalGQL implements graphql.Marshaler.
func (p BookingPolicy) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(p))) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (p *BookingPolicy) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("BookingPolicy must be a string")
	}
	*p = BookingPolicy(s)
	return p.validate()
}
