package access_test

import (
	"slices"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// This file states, in the words of the table, what each role
// should see of the demo data. It reads every record as the portal and
// decides record by record in plain Go, without the SQL scopes of package
// access: the tests compare the API against this independent statement.

// ids is a set of record IDs.
type ids map[pulid.ID]bool

func (s ids) add(id pulid.ID) { s[id] = true }

// world is every record of the database, read as the portal.
type world struct {
	// now is the portal's clock when the world was read.
	now            time.Time
	providers      []*ent.Provider
	programmes     []*ent.Programme
	organisations  []*ent.Organisation
	families       []*ent.Family
	guardians      []*ent.Guardian
	children       []*ent.Child
	consents       []*ent.Consent
	accompaniments []*ent.Accompaniment
	contacts       []*ent.ContactEvent
	documents      []*ent.Document
	revisions      []*ent.DocumentRevision
	series         []*ent.WorkshopSeries
	sessions       []*ent.WorkshopSession
	bookings       []*ent.Booking
	quotes         []*ent.Quote
	quoteLines     []*ent.QuoteLine
	links          []*ent.PartnerLink
	conventions    []*ent.Convention
	people         []*ent.Person
	memberships    []*ent.Membership
	tokens         []*ent.AccessToken
	audit          []*ent.AuditEvent
	offers         []*ent.DirectoryOffer
	orientations   []*ent.Orientation
	endpoints      []*ent.WebhookEndpoint
}

func loadWorld(t *testing.T, c *ent.Client) *world {
	t.Helper()
	ctx := apitest.Sys
	w := &world{now: c.Clock.Now()}
	var err error
	must := func(e error) {
		if e != nil && err == nil {
			err = e
		}
	}
	w.providers, err = c.Provider.Query().All(ctx)
	var e error
	w.programmes, e = c.Programme.Query().All(ctx)
	must(e)
	w.organisations, e = c.Organisation.Query().All(ctx)
	must(e)
	w.families, e = c.Family.Query().All(ctx)
	must(e)
	w.guardians, e = c.Guardian.Query().All(ctx)
	must(e)
	w.children, e = c.Child.Query().All(ctx)
	must(e)
	w.consents, e = c.Consent.Query().All(ctx)
	must(e)
	w.accompaniments, e = c.Accompaniment.Query().WithEducators().All(ctx)
	must(e)
	w.contacts, e = c.ContactEvent.Query().All(ctx)
	must(e)
	w.documents, e = c.Document.Query().All(ctx)
	must(e)
	w.revisions, e = c.DocumentRevision.Query().All(ctx)
	must(e)
	w.series, e = c.WorkshopSeries.Query().All(ctx)
	must(e)
	w.sessions, e = c.WorkshopSession.Query().All(ctx)
	must(e)
	w.bookings, e = c.Booking.Query().All(ctx)
	must(e)
	w.quotes, e = c.Quote.Query().All(ctx)
	must(e)
	w.quoteLines, e = c.QuoteLine.Query().All(ctx)
	must(e)
	w.links, e = c.PartnerLink.Query().All(ctx)
	must(e)
	w.conventions, e = c.Convention.Query().All(ctx)
	must(e)
	w.people, e = c.Person.Query().All(ctx)
	must(e)
	w.memberships, e = c.Membership.Query().All(ctx)
	must(e)
	w.tokens, e = c.AccessToken.Query().All(ctx)
	must(e)
	w.audit, e = c.AuditEvent.Query().All(ctx)
	must(e)
	w.offers, e = c.DirectoryOffer.Query().All(ctx)
	must(e)
	w.orientations, e = c.Orientation.Query().All(ctx)
	must(e)
	w.endpoints, e = c.WebhookEndpoint.Query().All(ctx)
	must(e)
	if err != nil {
		t.Fatalf("reading the demo data as the portal: %v", err)
	}
	return w
}

// someone is a demo account: a person and their (single) live membership.
type someone struct {
	person       pulid.ID
	role         membership.Role
	provider     pulid.ID
	organisation pulid.ID
}

func (w *world) someone(personID pulid.ID) someone {
	s := someone{person: personID}
	for _, m := range w.memberships {
		if m.PersonID == personID && m.EndedAt == nil {
			s.role = m.Role
			if m.ProviderID != nil {
				s.provider = *m.ProviderID
			}
			if m.OrganisationID != nil {
				s.organisation = *m.OrganisationID
			}
		}
	}
	return s
}

// visible returns, per GraphQL type, the records the account should see;
// apitest.Anonymous is the zero someone.
func (w *world) visible(s someone) map[string]ids {
	v := map[string]ids{}
	for _, typ := range nodeTypes {
		v[typ] = ids{}
	}
	// The public catalogue: providers, programmes, the partner directory,
	// upcoming scheduled workshop series and their sessions.
	for _, p := range w.providers {
		v["Provider"].add(p.ID)
	}
	for _, p := range w.programmes {
		v["Programme"].add(p.ID)
	}
	for _, o := range w.organisations {
		v["Organisation"].add(o.ID)
	}
	now := w.now
	for _, ws := range w.series {
		upcoming := ws.Status == workshopseries.StatusScheduled && ws.FirstSessionAt != nil && ws.FirstSessionAt.After(now)
		mine := false
		switch s.role {
		case membership.RoleCoordinator:
			mine = ws.ProviderID == s.provider
		case membership.RolePractitioner:
			mine = ws.PractitionerID != nil && *ws.PractitionerID == s.person
		case membership.RolePartnerStaff, membership.RolePrescriber:
			mine = ws.HostOrganisationID == s.organisation
		}
		if upcoming || mine {
			v["WorkshopSeries"].add(ws.ID)
		}
	}
	for _, ss := range w.sessions {
		if v["WorkshopSeries"][ss.SeriesID] {
			v["WorkshopSession"].add(ss.ID)
		}
	}
	// The directory of partner offers is published: families are pointed
	// to it, so apitest.Anonymous visitors search it too.
	for _, o := range w.offers {
		v["DirectoryOffer"].add(o.ID)
	}
	if s.person == "" {
		return v
	}
	// A partner organisation's webhook endpoints are its members' own.
	for _, e := range w.endpoints {
		if s.organisation != "" && e.OrganisationID == s.organisation {
			v["WebhookEndpoint"].add(e.ID)
		}
	}

	// Accompaniments: the coordinator's provider, the assigned ones of an
	// educator or practitioner (a MADI team), the prescriber's requests (whose family file they see only
	// while the family consents to share it with them). Their file (contacts, documents)
	// goes to the provider's staff only; a prescriber gets the delivered
	// final reports.
	staffFile := ids{}
	for _, a := range w.accompaniments {
		seen := false
		switch s.role {
		case membership.RoleCoordinator:
			seen = a.ProviderID == s.provider
			staffFile[a.ID] = seen
		case membership.RoleEducator, membership.RolePractitioner:
			seen = a.ProviderID == s.provider && slices.ContainsFunc(a.Edges.Educators, func(p *ent.Person) bool { return p.ID == s.person })
			staffFile[a.ID] = seen
		case membership.RolePrescriber, membership.RolePartnerStaff:
			// The prescriber's own requests, and for any member of a
			// financer the files it finances (issue 15): the family file
			// only to the prescriber who referred it.
			referred := s.role == membership.RolePrescriber && a.PrescriberID != nil && *a.PrescriberID == s.person
			seen = referred || w.financer(a) == s.organisation
			if referred && w.sharesWithPrescriber(a.FamilyID) {
				v["Family"].add(a.FamilyID)
			}
		}
		if seen {
			v["Accompaniment"].add(a.ID)
			if staffFile[a.ID] {
				v["Family"].add(a.FamilyID)
			}
		}
	}
	if s.role == membership.RoleCoordinator {
		for _, f := range w.families {
			if f.ProviderID == s.provider {
				v["Family"].add(f.ID)
			}
		}
	}
	for _, c := range w.contacts {
		if staffFile[c.AccompanimentID] {
			v["ContactEvent"].add(c.ID)
		}
	}
	for _, d := range w.documents {
		partner := s.role == membership.RolePrescriber || s.role == membership.RolePartnerStaff
		if staffFile[d.AccompanimentID] || (partner && v["Accompaniment"][d.AccompanimentID] &&
			d.Kind == document.KindFinalReport && d.DeliveredAt != nil && w.sharesWithPrescriber(w.familyOf(d.AccompanimentID))) {
			v["Document"].add(d.ID)
		}
	}
	for _, r := range w.revisions {
		if v["Document"][r.DocumentID] {
			v["DocumentRevision"].add(r.ID)
		}
	}

	// Orientations towards the directory's offers belong to the family's
	// follow-up: its provider's coordinator and the educators assigned to
	// one of its accompaniments, not the prescriber.
	followers := map[pulid.ID]bool{} // families the viewer follows as staff
	for _, a := range w.accompaniments {
		if staffFile[a.ID] {
			followers[a.FamilyID] = true
		}
	}
	for _, f := range w.families {
		if s.role == membership.RoleCoordinator && f.ProviderID == s.provider {
			followers[f.ID] = true
		}
	}
	for _, o := range w.orientations {
		if followers[o.FamilyID] {
			v["Orientation"].add(o.ID)
		}
	}

	// Workshops: the coordinator's provider, the practitioner's series,
	// the partner organisation's own bookings and quotes.
	for _, b := range w.bookings {
		var series *ent.WorkshopSeries
		for _, ws := range w.series {
			if ws.ID == b.SeriesID {
				series = ws
			}
		}
		seen := false
		switch s.role {
		case membership.RoleCoordinator:
			seen = series.ProviderID == s.provider
		case membership.RolePractitioner:
			seen = series.PractitionerID != nil && *series.PractitionerID == s.person
		case membership.RolePartnerStaff:
			seen = b.OrganisationID == s.organisation
		}
		if seen {
			v["Booking"].add(b.ID)
			v["Child"].add(b.ChildID)
		}
	}
	for _, q := range w.quotes {
		if (s.role == membership.RoleCoordinator && q.ProviderID == s.provider) ||
			(s.role == membership.RolePractitioner && q.PractitionerID != nil && *q.PractitionerID == s.person) ||
			(s.role == membership.RolePartnerStaff && q.OrganisationID == s.organisation) {
			v["Quote"].add(q.ID)
		}
	}
	for _, l := range w.quoteLines {
		if v["Quote"][l.QuoteID] {
			v["QuoteLine"].add(l.ID)
		}
	}

	// A family's people and consents go with the family.
	for _, c := range w.children {
		if v["Family"][c.FamilyID] {
			v["Child"].add(c.ID)
		}
	}
	for _, g := range w.guardians {
		if v["Family"][g.FamilyID] {
			v["Guardian"].add(g.ID)
		}
	}
	for _, c := range w.consents {
		if v["Family"][c.FamilyID] {
			v["Consent"].add(c.ID)
		}
	}

	// The network: the links of one's provider or organisation and their
	// conventions; the people one works with (for a coordinator, also the
	// people of live partners) and their memberships; one's own tokens, and
	// a coordinator's people's tokens; a coordinator's audit trail.
	linked := ids{} // organisations with a live link to the coordinator's provider
	for _, l := range w.links {
		if l.ProviderID == s.provider || l.OrganisationID == s.organisation {
			v["PartnerLink"].add(l.ID)
		}
		if s.role == membership.RoleCoordinator && l.ProviderID == s.provider && l.Status != partnerlink.StatusEnded {
			linked.add(l.OrganisationID)
		}
	}
	for _, c := range w.conventions {
		if v["PartnerLink"][c.PartnerLinkID] || (s.organisation != "" && c.FinancerID == s.organisation) {
			v["Convention"].add(c.ID)
		}
	}
	colleagues := ids{s.person: true}
	for _, m := range w.memberships {
		if (m.ProviderID != nil && *m.ProviderID == s.provider) ||
			(m.OrganisationID != nil && (*m.OrganisationID == s.organisation || linked[*m.OrganisationID])) {
			colleagues.add(m.PersonID)
		}
	}
	// A prescriber also sees who follows the families he referred.
	if s.role == membership.RolePrescriber {
		for _, a := range w.accompaniments {
			if a.PrescriberID != nil && *a.PrescriberID == s.person {
				for _, e := range a.Edges.Educators {
					colleagues.add(e.ID)
				}
			}
		}
	}
	v["Person"] = colleagues
	for _, m := range w.memberships {
		if colleagues[m.PersonID] {
			v["Membership"].add(m.ID)
		}
	}
	for _, tk := range w.tokens {
		if tk.PersonID == s.person || (s.role == membership.RoleCoordinator && colleagues[tk.PersonID]) {
			v["AccessToken"].add(tk.ID)
		}
	}
	for _, a := range w.audit {
		if s.role == membership.RoleCoordinator && a.ProviderID != nil && *a.ProviderID == string(s.provider) {
			v["AuditEvent"].add(a.ID)
		}
	}
	return v
}

// nodeTypes are the GraphQL types of the records.
var nodeTypes = []string{
	"AccessToken", "Accompaniment", "AuditEvent", "Booking", "Child", "Consent",
	"ContactEvent", "Convention", "DirectoryOffer", "Document", "DocumentRevision", "Family",
	"Guardian", "Membership", "Organisation", "Orientation", "PartnerLink", "Person",
	"Programme", "Provider", "Quote", "QuoteLine", "WebhookEndpoint", "WorkshopSeries", "WorkshopSession",
}

// sharesWithPrescriber: the family consents (and has not withdrawn) to
// share its file with the prescriber who referred it.
func (w *world) sharesWithPrescriber(familyID pulid.ID) bool {
	for _, c := range w.consents {
		if c.FamilyID == familyID && c.Purpose == consent.PurposeSharingWithPrescriber && c.WithdrawnAt == nil {
			return true
		}
	}
	return false
}

// financer is the organisation that finances a's place: its convention's
// financer, else the one named with the request; "" for none.
func (w *world) financer(a *ent.Accompaniment) pulid.ID {
	if a.ConventionID != nil {
		for _, c := range w.conventions {
			if c.ID == *a.ConventionID {
				return c.FinancerID
			}
		}
	}
	if a.FinancerID != nil {
		return *a.FinancerID
	}
	return ""
}

func (w *world) familyOf(accompanimentID pulid.ID) pulid.ID {
	for _, a := range w.accompaniments {
		if a.ID == accompanimentID {
			return a.FamilyID
		}
	}
	return ""
}

// needsAttention keeps the conventions a coordinator should look at, as
// issue 6 words it: nearly used up (80 % of the places taken by validated
// accompaniments: active, closed or interrupted) or ending within 30 days.
func (w *world) needsAttention(conventions ids) ids {
	now := w.now
	out := ids{}
	for _, c := range w.conventions {
		if !conventions[c.ID] {
			continue
		}
		taken := 0
		for _, a := range w.accompaniments {
			if a.ConventionID != nil && *a.ConventionID == c.ID && (a.Status == accompaniment.StatusActive ||
				a.Status == accompaniment.StatusSuspended || a.Status == accompaniment.StatusClosed || a.Status == accompaniment.StatusInterrupted) {
				taken++
			}
		}
		nearlyUsedUp := taken*100 >= c.Places*80
		endsSoon := c.EndsAt.After(now) && c.EndsAt.Before(now.AddDate(0, 0, 30))
		if nearlyUsedUp || endsSoon {
			out.add(c.ID)
		}
	}
	return out
}

// seedFollowUps adds to the demo data what it lacks for the root fields
// of issue 6 to show anything: an orientation of a family of each
// provider, webhook endpoints of three partners, and conventions ending
// soon (one per provider, on a link whose partner has a demo account for
// the first) and one already ended.
func seedFollowUps(t *testing.T, api *apitest.API) {
	t.Helper()
	c, ctx := api.DB.Client, apitest.Sys
	offer := c.DirectoryOffer.Query().FirstIDX(ctx)
	c.Orientation.Create().SetFamilyID(api.Demo.FamilyID).SetOfferID(offer).
		SetEducatorID(api.Demo.People[demo.Educator]).ExecX(ctx)
	c.Orientation.Create().SetFamilyID(api.Demo.RelianceFamilyID).SetOfferID(offer).
		SetEducatorID(api.Demo.People[demo.RelianceEducator]).ExecX(ctx)
	link := func(provider, org pulid.ID) *ent.PartnerLink {
		return c.PartnerLink.Query().Where(partnerlink.ProviderID(provider), partnerlink.OrganisationID(org)).OnlyX(ctx)
	}
	cafID := c.Organisation.Query().Where(organisation.NameHasPrefix("Caisse d'allocations familiales")).OnlyIDX(ctx)
	for _, org := range []pulid.ID{api.Demo.SchoolID, api.Demo.DepartmentalCouncilID, api.Demo.CCASID} {
		c.WebhookEndpoint.Create().SetOrganisationID(org).SetURL("https://hooks.test.invalid/" + string(org)).
			SetSecret("secret").SetEventKinds([]string{"partner_link.status_changed"}).ExecX(ctx)
	}
	now := api.Clock.Now()
	for _, cv := range []struct {
		link      *ent.PartnerLink
		programme string
		ends      time.Time
	}{
		{link(api.Demo.ProviderID, api.Demo.SchoolID), "ARCS", now.AddDate(0, 0, 10)},
		{link(api.Demo.RelianceProviderID, cafID), "RELIANCE", now.AddDate(0, 0, 10)},
		{link(api.Demo.ProviderID, api.Demo.CCASID), "MAPA", now.AddDate(0, 0, -10)},
	} {
		c.Convention.Create().SetPartnerLinkID(cv.link.ID).SetProgrammeID(api.Demo.Programmes[cv.programme]).
			SetFinancerID(cv.link.OrganisationID).SetPlaces(5).SetUnitPriceCents(10000).
			SetStartsAt(cv.ends.AddDate(0, -6, 0)).SetEndsAt(cv.ends).ExecX(ctx)
	}
}
