package access

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/eagerload"
)

// edge is a parent type and the type of its neighbours loaded with it.
type edge struct{ parent, child string }

// impliedByParent lists the eager loads whose parents' read rule implies
// the children's: the child's scope is "the children of visible parents"
// (for the viewers the function accepts), and the only edge from the
// parent type to the child type is that one. Such a load is already
// narrowed to the parents' ids, which passed their rule in the same
// request, so re-checking the whole scope would only cost a second pass
// over the parents' table per nested load. Anything not listed keeps its
// full scope.
var impliedByParent = map[edge]func(*viewer.Viewer) bool{
	// ChildScope, guardianScope and consentScope start with the children,
	// guardians and consents of the visible families (Family has one edge
	// to each).
	{ent.TypeFamily, ent.TypeChild}:    always,
	{ent.TypeFamily, ent.TypeGuardian}: always,
	{ent.TypeFamily, ent.TypeConsent}:  always,
	// A file's contacts, appointments, documents and first-appointment history are read
	// by its staff (staffAccompaniments): that is every visible
	// accompaniment unless the viewer is also a member of a partner (a
	// prescriber, a financer's staff), who sees files but not their
	// contents.
	{ent.TypeAccompaniment, ent.TypeContactEvent}:           notPartner,
	{ent.TypeAccompaniment, ent.TypeFirstAppointmentChange}: notPartner,
	{ent.TypeAccompaniment, ent.TypeDocument}:               notPartner,
	{ent.TypeAccompaniment, ent.TypeAppointment}:            notPartner,
	// Sessions, revisions, quote lines, conventions, link events,
	// attendances, deliveries and memberships follow their parent.
	{ent.TypeWorkshopSeries, ent.TypeWorkshopSession}:   always,
	{ent.TypeDocument, ent.TypeDocumentRevision}:        always,
	{ent.TypeDocument, ent.TypeAttachment}:              always,
	{ent.TypeDocument, ent.TypeDocumentAcknowledgement}: always,
	{ent.TypeQuote, ent.TypeQuoteLine}:                  always,
	{ent.TypePartnerLink, ent.TypeConvention}:           always,
	{ent.TypePartnerLink, ent.TypePartnerLinkEvent}:     always,
	{ent.TypeBooking, ent.TypeAttendance}:               always,
	{ent.TypeWebhookEndpoint, ent.TypeWebhookDelivery}:  always,
	{ent.TypePerson, ent.TypeMembership}:                always,
}

func always(*viewer.Viewer) bool { return true }

func notPartner(v *viewer.Viewer) bool { return !v.HasRole(prescriber) && !v.HasRole(partnerStaff) }

// loadedWithVisibleParents reports whether a query of typ in ctx loads the
// edges of parents whose read rule implies typ's (see impliedByParent).
func loadedWithVisibleParents(ctx context.Context, typ string) bool {
	parent, ok := eagerload.Parent(ctx)
	if !ok {
		return false
	}
	implied, ok := impliedByParent[edge{parent, typ}]
	return ok && implied(viewer.FromContext(ctx))
}
