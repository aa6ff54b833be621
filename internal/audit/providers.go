package audit

import (
	"context"
	"maps"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/documentrevision"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
)

// roles are the provider-side roles; an event about a record with no
// provider of its own is filed under the actor's provider.
func roles() []membership.Role {
	return []membership.Role{membership.RoleCoordinator, membership.RoleEducator, membership.RolePractitioner}
}

// ref is a record by type and ID.
type ref struct {
	typ string
	id  pulid.ID
}

// resolveProviders fills in the provider of each entry, so that the
// provider's coordinators see the event: from the records of the same
// batch when they carry it (a family read with its guardians costs
// nothing), otherwise by climbing to the parent that carries it, one
// query per type and level.
func resolveProviders(ctx context.Context, c *ent.Client, entries []entry, read map[ref]owner) error {
	known := maps.Clone(read)
	if known == nil {
		known = map[ref]owner{}
	}
	for _, e := range entries {
		if e.provider != "" && e.recordID != "" {
			known[ref{e.recordType, pulid.ID(e.recordID)}] = owner{e.provider, e.family}
		}
	}
	// Climb from records without a provider column to their parent.
	for range 3 {
		pending := map[string][]pulid.ID{}
		for _, e := range entries {
			if e.provider == "" && e.parentID != "" && !hasProvider(e.parentType) {
				pending[e.parentType] = append(pending[e.parentType], e.parentID)
			}
		}
		if len(pending) == 0 {
			break
		}
		for typ, ids := range pending {
			parents, err := parentsOf(ctx, c, typ, ids)
			if err != nil {
				return err
			}
			for i := range entries {
				e := &entries[i]
				if e.provider == "" && e.parentType == typ {
					if p, ok := parents[e.parentID]; ok {
						e.parentType, e.parentID = p.typ, p.id
						if p.typ == "Family" && e.family == "" {
							e.family = p.id
						}
					} else {
						e.parentType, e.parentID = "", "" // no provider to find
					}
				}
			}
		}
	}
	// Read the providers (and families) of the parents not in the batch.
	missing := map[string][]pulid.ID{}
	for _, e := range entries {
		if e.provider == "" && e.parentID != "" {
			if _, ok := known[ref{e.parentType, e.parentID}]; !ok {
				missing[e.parentType] = append(missing[e.parentType], e.parentID)
			}
		}
	}
	for typ, ids := range missing {
		found, err := providersOf(ctx, c, typ, ids)
		if err != nil {
			return err
		}
		for id, o := range found {
			known[ref{typ, id}] = o
		}
	}
	for i := range entries {
		e := &entries[i]
		if e.provider == "" {
			o := known[ref{e.parentType, e.parentID}]
			e.provider = o.provider
			if e.family == "" {
				e.family = o.family
			}
		}
		if e.provider == "" {
			e.provider = e.fallback
		}
	}
	return nil
}

// owner is the provider of a record and the family whose file it is in.
type owner struct{ provider, family pulid.ID }

// hasProvider reports whether records of typ carry a provider_id column.
func hasProvider(typ string) bool {
	switch typ {
	case "Family", "Accompaniment", "WorkshopSeries", "Quote", "PartnerLink":
		return true
	}
	return false
}

// ownersIn lists the providers (and families) that the rows of a query
// result carry, for the types hasProvider names; rows read without their
// provider column are left out.
func ownersIn(value ent.Value) map[ref]owner {
	var out map[ref]owner // most results carry none
	note := func(typ string, id pulid.ID, o owner) {
		if o.provider == "" {
			return
		}
		if out == nil {
			out = map[ref]owner{}
		}
		out[ref{typ, id}] = o
	}
	switch rows := value.(type) {
	case []*ent.Family:
		for _, r := range rows {
			note("Family", r.ID, owner{r.ProviderID, r.ID})
		}
	case []*ent.Accompaniment:
		for _, r := range rows {
			if r.FamilyID != "" {
				note("Accompaniment", r.ID, owner{r.ProviderID, r.FamilyID})
			}
		}
	case []*ent.WorkshopSeries:
		for _, r := range rows {
			note("WorkshopSeries", r.ID, owner{provider: r.ProviderID})
		}
	case []*ent.Quote:
		for _, r := range rows {
			note("Quote", r.ID, owner{provider: r.ProviderID})
		}
	case []*ent.PartnerLink:
		for _, r := range rows {
			note("PartnerLink", r.ID, owner{provider: r.ProviderID})
		}
	}
	return out
}

// providerColumn is the column of the records of the types hasProvider
// names that holds their provider.
const providerColumn = "provider_id"

// parentColumns are, for the records that carry no provider, the column
// that leads to the parent that does (or to the next parent up), as
// parentsOf climbs it.
var parentColumns = map[string]struct{ typ, column string }{
	"Guardian":         {"Family", guardian.FieldFamilyID},
	"Child":            {"Family", child.FieldFamilyID},
	"Consent":          {"Family", consent.FieldFamilyID},
	"ContactEvent":     {"Accompaniment", contactevent.FieldAccompanimentID},
	"Document":         {"Accompaniment", document.FieldAccompanimentID},
	"DocumentRevision": {"Document", documentrevision.FieldDocumentID},
	"Booking":          {"WorkshopSeries", booking.FieldSeriesID},
}

// fromFields fills in what the fields of a record being created say of
// its provider, or of the parent that leads to it (a booking's series),
// so that filing its event does not read back what the mutation wrote.
func fromFields(m ent.Mutation, e *entry) {
	field := func(name string) pulid.ID {
		v, _ := m.Field(name)
		id, _ := v.(pulid.ID)
		return id
	}
	// As providersOf: a family is its own file, an accompaniment is in
	// its family's.
	switch typ := m.Type(); {
	case typ == "Family":
		e.provider, e.family = field(providerColumn), pulid.ID(e.recordID)
	case typ == "Accompaniment":
		if family := field(accompaniment.FieldFamilyID); family != "" {
			e.provider, e.family = field(providerColumn), family
		}
	case hasProvider(typ):
		e.provider = field(providerColumn)
	default:
		if p, ok := parentColumns[typ]; ok {
			if id := field(p.column); id != "" {
				e.parentType, e.parentID = p.typ, id
			}
		}
	}
}

// providersOf reads the provider_id of records that carry one (and the
// family of families and accompaniments).
func providersOf(ctx context.Context, c *ent.Client, typ string, ids []pulid.ID) (map[pulid.ID]owner, error) {
	out := map[pulid.ID]owner{}
	var err error
	switch typ {
	case "Family":
		var rows []*ent.Family
		rows, err = c.Family.Query().Where(family.IDIn(ids...)).Select(family.FieldID, family.FieldProviderID).All(ctx)
		for _, r := range rows {
			out[r.ID] = owner{r.ProviderID, r.ID}
		}
	case "Accompaniment":
		var rows []*ent.Accompaniment
		rows, err = c.Accompaniment.Query().Where(accompaniment.IDIn(ids...)).
			Select(accompaniment.FieldID, accompaniment.FieldProviderID, accompaniment.FieldFamilyID).All(ctx)
		for _, r := range rows {
			out[r.ID] = owner{r.ProviderID, r.FamilyID}
		}
	case "WorkshopSeries":
		var rows []*ent.WorkshopSeries
		rows, err = c.WorkshopSeries.Query().Where(workshopseries.IDIn(ids...)).Select(workshopseries.FieldID, workshopseries.FieldProviderID).All(ctx)
		for _, r := range rows {
			out[r.ID] = owner{provider: r.ProviderID}
		}
	case "Quote":
		var rows []*ent.Quote
		rows, err = c.Quote.Query().Where(quote.IDIn(ids...)).Select(quote.FieldID, quote.FieldProviderID).All(ctx)
		for _, r := range rows {
			out[r.ID] = owner{provider: r.ProviderID}
		}
	case "PartnerLink":
		var rows []*ent.PartnerLink
		rows, err = c.PartnerLink.Query().Where(partnerlink.IDIn(ids...)).Select(partnerlink.FieldID, partnerlink.FieldProviderID).All(ctx)
		for _, r := range rows {
			out[r.ID] = owner{provider: r.ProviderID}
		}
	}
	return out, err
}

// parentsOf reads the parent that leads to the provider of records that
// carry none; types it does not know have no provider.
func parentsOf(ctx context.Context, c *ent.Client, typ string, ids []pulid.ID) (map[pulid.ID]ref, error) {
	out := map[pulid.ID]ref{}
	p, ok := parentColumns[typ]
	if !ok {
		return out, nil
	}
	var err error
	switch typ {
	case "Guardian":
		var rows []*ent.Guardian
		rows, err = c.Guardian.Query().Where(guardian.IDIn(ids...)).Select(guardian.FieldID, p.column).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{p.typ, r.FamilyID}
		}
	case "Child":
		var rows []*ent.Child
		rows, err = c.Child.Query().Where(child.IDIn(ids...)).Select(child.FieldID, p.column).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{p.typ, r.FamilyID}
		}
	case "Consent":
		var rows []*ent.Consent
		rows, err = c.Consent.Query().Where(consent.IDIn(ids...)).Select(consent.FieldID, p.column).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{p.typ, r.FamilyID}
		}
	case "ContactEvent":
		var rows []*ent.ContactEvent
		rows, err = c.ContactEvent.Query().Where(contactevent.IDIn(ids...)).Select(contactevent.FieldID, p.column).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{p.typ, r.AccompanimentID}
		}
	case "Document":
		var rows []*ent.Document
		rows, err = c.Document.Query().Where(document.IDIn(ids...)).Select(document.FieldID, p.column).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{p.typ, r.AccompanimentID}
		}
	case "DocumentRevision":
		var rows []*ent.DocumentRevision
		rows, err = c.DocumentRevision.Query().Where(documentrevision.IDIn(ids...)).Select(documentrevision.FieldID, p.column).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{p.typ, r.DocumentID}
		}
	case "Booking":
		var rows []*ent.Booking
		rows, err = c.Booking.Query().Where(booking.IDIn(ids...)).Select(booking.FieldID, p.column).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{p.typ, r.SeriesID}
		}
	}
	return out, err
}
