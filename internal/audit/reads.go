package audit

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/documentrevision"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// readTrail notes the records of a family's file that a query returned
// to a person, for the request's read log (one event per request and
// provider, see write). Counts and ID lists reveal no content and are not recorded;
// eager-loaded edges go through the same path, so nested reads are.
type readTrail struct {
	fallback *ent.Client
}

// Traverse makes the file's records load the column that leads to their
// provider, whatever columns GraphQL selected, so that finding it costs
// no query when the parent was read in the same request.
func (readTrail) Traverse(_ context.Context, q ent.Query) error {
	switch q := q.(type) {
	case *ent.GuardianQuery:
		q.KeepColumns(guardian.FieldFamilyID)
	case *ent.ChildQuery:
		q.KeepColumns(child.FieldFamilyID)
	case *ent.AccompanimentQuery:
		q.KeepColumns(accompaniment.FieldProviderID, accompaniment.FieldFamilyID)
	case *ent.ContactEventQuery:
		q.KeepColumns(contactevent.FieldAccompanimentID)
	case *ent.DocumentQuery:
		q.KeepColumns(document.FieldAccompanimentID)
	case *ent.DocumentRevisionQuery:
		q.KeepColumns(documentrevision.FieldDocumentID)
	case *ent.AuditEventQuery:
		// reads and familyIDs are resolved from columns GraphQL does not
		// name.
		q.KeepColumns(auditevent.FieldRecords, auditevent.FieldFamilyIds)
	}
	return nil
}

// Intercept records what the query returned.
func (r readTrail) Intercept(next ent.Querier) ent.Querier {
	return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
		value, err := next.Query(ctx, q)
		if err != nil {
			return value, err
		}
		noteOwners(ctx, value)
		if v := viewer.FromContext(ctx); v.IsSystem() || v.IsAnonymous() {
			return value, nil
		}
		if err := record(ctx, r.fallback, fileRecords(value)); err != nil {
			return nil, err // no trace, no data
		}
		return value, nil
	})
}

// fileRecords lists the records of a family's file in a query result.
func fileRecords(value ent.Value) []entry {
	var out []entry
	read := func(typ, id, provider, parentType, parentID string) {
		e := entry{action: ActionRead, recordType: typ, recordID: id,
			provider: pulid.ID(provider), parentType: parentType, parentID: pulid.ID(parentID)}
		if parentType == "Family" {
			e.family = pulid.ID(parentID)
		}
		out = append(out, e)
	}
	switch rows := value.(type) {
	case []*ent.Family:
		out = make([]entry, 0, len(rows))
		for _, r := range rows {
			read("Family", string(r.ID), string(r.ProviderID), "", "")
			out[len(out)-1].family = r.ID
		}
	case []*ent.Accompaniment:
		out = make([]entry, 0, len(rows))
		for _, r := range rows {
			read("Accompaniment", string(r.ID), string(r.ProviderID), "", "")
			out[len(out)-1].family = r.FamilyID
		}
	case []*ent.Guardian:
		out = make([]entry, 0, len(rows))
		for _, r := range rows {
			read("Guardian", string(r.ID), "", "Family", string(r.FamilyID))
		}
	case []*ent.Child:
		out = make([]entry, 0, len(rows))
		for _, r := range rows {
			read("Child", string(r.ID), "", "Family", string(r.FamilyID))
		}
	case []*ent.ContactEvent:
		out = make([]entry, 0, len(rows))
		for _, r := range rows {
			read("ContactEvent", string(r.ID), "", "Accompaniment", string(r.AccompanimentID))
		}
	case []*ent.Document:
		out = make([]entry, 0, len(rows))
		for _, r := range rows {
			read("Document", string(r.ID), "", "Accompaniment", string(r.AccompanimentID))
		}
	case []*ent.DocumentRevision:
		out = make([]entry, 0, len(rows))
		for _, r := range rows {
			read("DocumentRevision", string(r.ID), "", "Document", string(r.DocumentID))
		}
	}
	return out
}
