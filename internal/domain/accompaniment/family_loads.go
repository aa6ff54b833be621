package accompaniment

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/batchload"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// FamilyOf is what the viewer of an accompaniment learns of its family:
// the family itself when they may read its file (nil otherwise, as for a
// prescriber whose family withdrew its consent to share), and always its
// pseudonymous reference.
type FamilyOf struct {
	Family    *ent.Family
	Reference string
}

var familyLoads = batchload.NewKey[FamilyOf]()

// LoadFamily returns the family of an accompaniment the viewer sees,
// loaded with the other accompaniments of the request: a page costs three
// queries. With withFields, ctx is the GraphQL field of the family and the
// edges it selects (children, guardians…) are loaded with the page's
// families, one query per edge; whichever caller comes first shapes the
// batch, so a caller whose selection may differ from the others' (another
// alias) leaves it false and its edges are read per family.
func (s *Service) LoadFamily(ctx context.Context, id pulid.ID, withFields bool) (FamilyOf, error) {
	return familyLoads.Load(ctx, id, func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]FamilyOf, error) {
		c := database.ClientFor(ctx, s.client)
		// The accompaniments the viewer sees, with their family column:
		// scanned, not loaded as nodes, so that the interceptor noting
		// loaded accompaniments for this very loader does not run again.
		var accs []struct {
			ID       pulid.ID `json:"id"`
			FamilyID pulid.ID `json:"family_id"`
		}
		err := c.Accompaniment.Query().Where(entacc.IDIn(ids...)).
			Select(entacc.FieldID, entacc.FieldFamilyID).Scan(ctx, &accs)
		if err != nil || len(accs) == 0 {
			return nil, err
		}
		famIDs := make([]pulid.ID, 0, len(accs))
		for _, a := range accs {
			famIDs = append(famIDs, a.FamilyID)
		}
		// The references as the portal: whoever sees the accompaniment may
		// read its family's pseudonym; the family itself as the viewer.
		refs, err := c.Family.Query().Where(family.IDIn(famIDs...)).
			Select(family.FieldID, family.FieldReference).All(viewer.SystemContext(ctx))
		if err != nil {
			return nil, err
		}
		visible := c.Family.Query().Where(family.IDIn(famIDs...))
		if withFields {
			if visible, err = visible.CollectFields(ctx); err != nil {
				return nil, err
			}
			// Every column still: the family is shared by every caller.
			visible.Select(family.Columns...)
		}
		visibleFamilies, err := visible.All(ctx)
		if err != nil {
			return nil, err
		}
		byID := map[pulid.ID]FamilyOf{}
		for _, f := range refs {
			byID[f.ID] = FamilyOf{Reference: f.Reference}
		}
		for _, f := range visibleFamilies {
			byID[f.ID] = FamilyOf{Family: f, Reference: byID[f.ID].Reference}
		}
		out := make(map[pulid.ID]FamilyOf, len(accs))
		for _, a := range accs {
			out[a.ID] = byID[a.FamilyID]
		}
		return out, nil
	})
}

// FamilyLoadedWithAccompaniments is the interceptor, for the query of
// accompaniments, that lets LoadFamily batch a request's pages.
func FamilyLoadedWithAccompaniments() ent.Interceptor {
	return batchload.Expecting(familyLoads, func(a *ent.Accompaniment) pulid.ID { return a.ID })
}
