package webhook

import (
	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/webhookendpoint"
)

// ActiveEndpoints is the subquery counting an organisation's active
// endpoints, for a step that reads it as a column of the row it locks
// (a booking, with its series): when it is 0, Emit would queue nothing
// for the organisation, and the step need not call it. The count is the
// portal's own bookkeeping, as in Emit.
func ActiveEndpoints(organisationID pulid.ID) *sql.Selector {
	t := sql.Table(webhookendpoint.Table)
	return sql.Select(sql.Count("*")).From(t).Where(sql.And(
		sql.EQ(t.C(webhookendpoint.FieldOrganisationID), organisationID),
		sql.EQ(t.C(webhookendpoint.FieldActive), true),
	))
}
