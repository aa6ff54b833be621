// Package types holds the value types that ent fields and the GraphQL
// schema share.
package types

import (
	"fmt"
	"io"
	"strconv"
)

// ProtectiveMeasure is a child-protection measure a family may be under.
// Some programmes exclude families under given measures (Reliance: IEAD,
// AEMO, article 226-4).
type ProtectiveMeasure string

// The protective measures known to the portal.
const (
	MeasureAED          ProtectiveMeasure = "AED"           // administrative home educational support
	MeasureAEMO         ProtectiveMeasure = "AEMO"          // court-ordered open-environment educational action
	MeasureIEAD         ProtectiveMeasure = "IEAD"          // intensive home educational intervention
	MeasureArticle226_4 ProtectiveMeasure = "ARTICLE_226_4" // measure under article 226-4 of the social action code
	MeasureASEPlacement ProtectiveMeasure = "ASE_PLACEMENT" // child placed with the child welfare service
)

// AllProtectiveMeasures lists every measure, in a stable order.
var AllProtectiveMeasures = []ProtectiveMeasure{
	MeasureAED, MeasureAEMO, MeasureIEAD, MeasureArticle226_4, MeasureASEPlacement,
}

// IsValid reports whether m is a known measure.
func (m ProtectiveMeasure) IsValid() bool {
	for _, known := range AllProtectiveMeasures {
		if m == known {
			return true
		}
	}
	return false
}

// String implements fmt.Stringer.
func (m ProtectiveMeasure) String() string { return string(m) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (m *ProtectiveMeasure) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("protective measure must be a string")
	}
	*m = ProtectiveMeasure(s)
	if !m.IsValid() {
		return fmt.Errorf("%q is not a valid ProtectiveMeasure", s)
	}
	return nil
}

// MarshalGQL implements graphql.Marshaler.
func (m ProtectiveMeasure) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(string(m)))
}
