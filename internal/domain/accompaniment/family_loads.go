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
// loaded with the families of the request's other accompaniments: a page
// costs two queries. With withFields, ctx is the GraphQL field of the
// family and the edges it selects (children, guardians…) are loaded with
// the page's families, one query per edge; whichever caller comes first
// shapes the batch, so a caller whose selection may differ from the
// others' (another alias) leaves it false and its edges are read per
// family.
func (s *Service) LoadFamily(ctx context.Context, a *ent.Accompaniment, withFields bool) (FamilyOf, error) {
	familyID := a.FamilyID
	if familyID == "" { // a selection that left the column out
		id, err := database.ClientFor(ctx, s.client).Accompaniment.Query().Where(entacc.ID(a.ID)).
			Select(entacc.FieldFamilyID).String(ctx)
		if err != nil {
			return FamilyOf{}, err
		}
		familyID = pulid.ID(id)
	}
	return familyLoads.Load(ctx, familyID, func(ctx context.Context, famIDs []pulid.ID) (map[pulid.ID]FamilyOf, error) {
		c := database.ClientFor(ctx, s.client)
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
		out := make(map[pulid.ID]FamilyOf, len(refs))
		for _, f := range refs {
			out[f.ID] = FamilyOf{Reference: f.Reference}
		}
		for _, f := range visibleFamilies {
			out[f.ID] = FamilyOf{Family: f, Reference: out[f.ID].Reference}
		}
		return out, nil
	})
}

// FamilyLoadedWithAccompaniments is the interceptor, for the query of
// accompaniments, that lets LoadFamily batch a request's pages.
func FamilyLoadedWithAccompaniments() ent.Interceptor {
	return batchload.Expecting(familyLoads, func(a *ent.Accompaniment) pulid.ID { return a.FamilyID })
}
