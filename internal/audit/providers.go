package audit

import (
	"context"

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
func resolveProviders(ctx context.Context, c *ent.Client, entries []entry) error {
	known := map[ref]owner{}
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
	var err error
	switch typ {
	case "Guardian":
		var rows []*ent.Guardian
		rows, err = c.Guardian.Query().Where(guardian.IDIn(ids...)).Select(guardian.FieldID, guardian.FieldFamilyID).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{"Family", r.FamilyID}
		}
	case "Child":
		var rows []*ent.Child
		rows, err = c.Child.Query().Where(child.IDIn(ids...)).Select(child.FieldID, child.FieldFamilyID).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{"Family", r.FamilyID}
		}
	case "Consent":
		var rows []*ent.Consent
		rows, err = c.Consent.Query().Where(consent.IDIn(ids...)).Select(consent.FieldID, consent.FieldFamilyID).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{"Family", r.FamilyID}
		}
	case "ContactEvent":
		var rows []*ent.ContactEvent
		rows, err = c.ContactEvent.Query().Where(contactevent.IDIn(ids...)).Select(contactevent.FieldID, contactevent.FieldAccompanimentID).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{"Accompaniment", r.AccompanimentID}
		}
	case "Document":
		var rows []*ent.Document
		rows, err = c.Document.Query().Where(document.IDIn(ids...)).Select(document.FieldID, document.FieldAccompanimentID).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{"Accompaniment", r.AccompanimentID}
		}
	case "DocumentRevision":
		var rows []*ent.DocumentRevision
		rows, err = c.DocumentRevision.Query().Where(documentrevision.IDIn(ids...)).Select(documentrevision.FieldID, documentrevision.FieldDocumentID).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{"Document", r.DocumentID}
		}
	case "Booking":
		var rows []*ent.Booking
		rows, err = c.Booking.Query().Where(booking.IDIn(ids...)).Select(booking.FieldID, booking.FieldSeriesID).All(ctx)
		for _, r := range rows {
			out[r.ID] = ref{"WorkshopSeries", r.SeriesID}
		}
	}
	return out, err
}
