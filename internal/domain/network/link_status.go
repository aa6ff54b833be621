package network

import (
	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// LinkStatus is the subquery of the status of the link between an
// organisation and the provider named by providerColumn (a column of the
// outer query), NULL when there is none: a step reads it as a column of
// the row it locks (a booking, with its series) instead of in a query of
// its own, and answers with CheckLink. As in RequireActiveLink, the
// portal reads the link itself, whoever the requester.
func LinkStatus(providerColumn string, organisationID pulid.ID) *sql.Selector {
	t := sql.Table(partnerlink.Table)
	return sql.Select(t.C(partnerlink.FieldStatus)).From(t).Where(sql.And(
		sql.ColumnsEQ(t.C(partnerlink.FieldProviderID), providerColumn),
		sql.EQ(t.C(partnerlink.FieldOrganisationID), organisationID),
	))
}

// ParseLinkStatus reads the column LinkStatus selected.
func ParseLinkStatus(v any) (*partnerlink.Status, error) {
	s, err := database.NullString(v)
	if err != nil || s == nil {
		return nil, err
	}
	status := partnerlink.Status(*s)
	if err := partnerlink.StatusValidator(status); err != nil {
		return nil, err
	}
	return &status, nil
}
