package accompaniment

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/documentrevision"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// WriteDocument writes the first revision of the founding document (the
// individual document or the contract, as the programme says) or of the
// stakes/missions/work map. The final report is written by
// CloseWithFinalReport.
func (s *Service) WriteDocument(ctx context.Context, in WriteDocumentInput) (*ent.Document, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if a.Status != entacc.StatusActive {
		return nil, apierror.New(NotActive, "acc.documents_when_active")
	}
	prog, err := c.Programme.Get(ctx, a.ProgrammeID)
	if err != nil {
		return nil, err
	}
	if !documentKindAllowed(prog, in.Kind) {
		return nil, apierror.New(WrongDocumentKind, "acc.wrong_document_kind", prog.Code, in.Kind).OnField("input", "kind")
	}
	exists, err := c.Document.Query().Where(document.AccompanimentID(a.ID), document.KindEQ(in.Kind)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if exists {
		return nil, apierror.New(DocumentExists, "acc.document_exists").OnField("input", "kind")
	}
	doc, err := c.Document.Create().SetAccompanimentID(a.ID).SetKind(in.Kind).SetCurrentRevision(1).Save(ctx)
	if err != nil {
		return nil, err
	}
	return doc, addRevision(ctx, c, doc, 1, revisionText{in.Body, in.Stakes, in.Missions, in.Work})
}

// documentKindAllowed: the programme's founding document, or the map.
func documentKindAllowed(prog *ent.Programme, kind document.Kind) bool {
	switch kind {
	case document.KindStakesMap:
		return true
	case document.KindIndividualDocument:
		return prog.DocumentKind == nil || *prog.DocumentKind == programme.DocumentKindIndividualDocument
	case document.KindContract:
		return prog.DocumentKind != nil && *prog.DocumentKind == programme.DocumentKindContract
	default:
		return false
	}
}

// ReviseDocument adds a revision; earlier revisions are kept as they were.
// A delivered final report is final.
func (s *Service) ReviseDocument(ctx context.Context, in ReviseDocumentInput) (*ent.Document, error) {
	c := database.ClientFor(ctx, s.client)
	dq := c.Document.Query().Where(document.ID(in.DocumentID))
	dq.Modify(lockForUpdate) // two revisions at once must not take the same number
	doc, err := dq.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("input", "documentID")
	} else if err != nil {
		return nil, err
	}
	if doc.DeliveredAt != nil {
		return nil, apierror.New(DocumentDelivered, "acc.report_delivered")
	}
	a, err := c.Accompaniment.Get(ctx, doc.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if a.Status != entacc.StatusActive {
		return nil, apierror.New(NotActive, "acc.documents_revised_active")
	}
	prev, err := c.DocumentRevision.Query().
		Where(documentrevision.DocumentID(doc.ID), documentrevision.Number(doc.CurrentRevision)).Only(ctx)
	if err != nil {
		return nil, err
	}
	next := doc.CurrentRevision + 1
	doc, err = doc.Update().SetCurrentRevision(next).Save(ctx)
	if err != nil {
		return nil, err
	}
	// A revision names what changes: a part left out (null) keeps its
	// text from the previous revision, so revising the map's missions
	// does not blank its stakes and work. An empty text clears a part.
	t := revisionText{
		body:     keep(in.Body, prev.Body),
		stakes:   keep(in.Stakes, prev.Stakes),
		missions: keep(in.Missions, prev.Missions),
		work:     keep(in.Work, prev.Work),
	}
	return doc, addRevision(ctx, c, doc, next, t)
}

// keep returns the revised text if given, else the previous one.
func keep(revised *string, previous string) *string {
	if revised != nil {
		return revised
	}
	return &previous
}

type revisionText struct{ body, stakes, missions, work *string }

func addRevision(ctx context.Context, c *ent.Client, doc *ent.Document, n int, t revisionText) error {
	create := c.DocumentRevision.Create().SetDocumentID(doc.ID).SetNumber(n).
		SetAuthorID(viewer.FromContext(ctx).PersonID)
	if t.body != nil {
		create.SetBody(*t.body)
	}
	if t.stakes != nil {
		create.SetStakes(*t.stakes)
	}
	if t.missions != nil {
		create.SetMissions(*t.missions)
	}
	if t.work != nil {
		create.SetWork(*t.work)
	}
	return create.Exec(ctx)
}
