package access

import (
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// The changes to planned workshops (package workshop): who cancels, moves
// and renames, who edits and withdraws a quote request. The write rules
// of workshop_writes.go allow exactly these.

// CanManageWorkshopSeries: a series' sessions are cancelled and moved,
// the series cancelled and renamed, by its provider's coordinators and
// by its own practitioner.
func CanManageWorkshopSeries(v *viewer.Viewer, series *ent.WorkshopSeries) error {
	return refuseUnless(!v.IsAnonymous() && (v.IsCoordinatorOf(series.ProviderID) || runs(v, series)), "wss.manage_forbidden")
}

// runs reports whether the viewer is the practitioner of the series, at
// its provider.
func runs(v *viewer.Viewer, series *ent.WorkshopSeries) bool {
	return series.PractitionerID != nil && *series.PractitionerID == v.PersonID &&
		slices.Contains(v.ProviderIDs(practitioner), series.ProviderID)
}

// managedSeries is the predicate of the series CanManageWorkshopSeries
// lets the viewer change; nil: none.
func managedSeries(v *viewer.Viewer) []predicate.WorkshopSeries {
	var or []predicate.WorkshopSeries
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, workshopseries.ProviderIDIn(ids...))
	}
	if ids := v.ProviderIDs(practitioner); len(ids) > 0 {
		or = append(or, workshopseries.And(workshopseries.ProviderIDIn(ids...), workshopseries.PractitionerID(v.PersonID)))
	}
	return or
}

// CanEditQuoteRequest: a request is edited by the partner that made it,
// and by the provider's coordinators (who may request for a partner) and
// practitioners (who price it).
func CanEditQuoteRequest(v *viewer.Viewer, q *ent.Quote) error {
	return refuseUnless(!v.IsAnonymous() && (slices.Contains(v.OrganisationIDs(partnerStaff), q.OrganisationID) ||
		v.IsCoordinatorOf(q.ProviderID) || slices.Contains(v.ProviderIDs(practitioner), q.ProviderID)),
		"wss.quote_edit_forbidden")
}

// CanCancelQuoteRequest: a partner withdraws its own requests only.
func CanCancelQuoteRequest(v *viewer.Viewer, q *ent.Quote) error {
	return refuseUnless(!v.IsAnonymous() && slices.Contains(v.OrganisationIDs(partnerStaff), q.OrganisationID), "wss.quote_cancel_forbidden")
}

// requestFields are the fields of a quote's request, with its stamp.
var requestFields = []string{
	quote.FieldChildrenCount, quote.FieldGroupSize, quote.FieldSessionsPerWeek,
	quote.FieldWeeks, quote.FieldPlace, quote.FieldTravelKm, quote.FieldUpdatedAt,
}

// withdraws reports whether a quote mutation only withdraws the request.
func withdraws(m *ent.QuoteMutation) bool {
	status, ok := m.Status()
	return ok && status == quote.StatusCancelled &&
		fieldsWithin(m.Fields(), quote.FieldStatus, quote.FieldCancelledAt, quote.FieldUpdatedAt)
}
