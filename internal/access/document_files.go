package access

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/attachment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/documentacknowledgement"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// The files attached to documents and the parents' acknowledgements have
// the readers of their document: the staff who work on the file, and the
// prescriber for a delivered final report's.

// ReadAttachments filters attachments to the visible documents.
func ReadAttachments() privacy.QueryRule {
	return privacy.AttachmentQueryRuleFunc(func(ctx context.Context, q *ent.AttachmentQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeAttachment)
	})
}

func attachmentScope(v *viewer.Viewer) []predicate.Attachment {
	if docs := DocumentScope(v); len(docs) > 0 {
		return []predicate.Attachment{attachment.HasDocumentWith(document.Or(docs...))}
	}
	return nil
}

// ReadDocumentAcknowledgements filters acknowledgements to the visible documents.
func ReadDocumentAcknowledgements() privacy.QueryRule {
	return privacy.DocumentAcknowledgementQueryRuleFunc(func(ctx context.Context, q *ent.DocumentAcknowledgementQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeDocumentAcknowledgement)
	})
}

func documentAcknowledgementScope(v *viewer.Viewer) []predicate.DocumentAcknowledgement {
	if docs := DocumentScope(v); len(docs) > 0 {
		return []predicate.DocumentAcknowledgement{documentacknowledgement.HasDocumentWith(document.Or(docs...))}
	}
	return nil
}

// CanWorkOnDocument: the coordinators of the file's provider and its
// assigned educators attach files to a document, remove them and record
// the parents' acknowledgement, as WriteAttachments and
// WriteDocumentAcknowledgements let them. The domain asks it before it
// stores a file's bytes, which no rollback takes back.
func CanWorkOnDocument(ctx context.Context, c *ent.Client, v *viewer.Viewer, documentID pulid.ID) error {
	return refuseUnless(!v.IsAnonymous() && worksOnDocument(ctx, c, v, documentID), "files.forbidden")
}

func worksOnDocument(ctx context.Context, c *ent.Client, v *viewer.Viewer, documentID pulid.ID) bool {
	accID, err := c.Document.Query().Where(document.ID(documentID)).
		QueryAccompaniment().OnlyID(viewer.SystemContext(ctx))
	return err == nil && worksOn(ctx, c, v, accID)
}

// WriteAttachments lets the staff who work on a file attach files in
// their own name and remove them; attachments are never changed.
func WriteAttachments() privacy.MutationRule {
	return privacy.AttachmentMutationRuleFunc(func(ctx context.Context, m *ent.AttachmentMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		var docID pulid.ID
		switch {
		case m.Op().Is(ent.OpCreate):
			uploader, _ := m.UploadedByID()
			if uploader != v.PersonID {
				return privacy.Skip
			}
			docID, _ = m.DocumentID()
		case m.Op().Is(ent.OpDeleteOne):
			id, _ := m.ID()
			a, err := m.Client().Attachment.Get(viewer.SystemContext(ctx), id)
			if err != nil {
				return privacy.Skip
			}
			docID = a.DocumentID
		default:
			return privacy.Skip
		}
		if worksOnDocument(ctx, m.Client(), v, docID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteDocumentAcknowledgements lets the staff who work on a file record,
// in their own name, the parents' acknowledgement; it is never changed.
func WriteDocumentAcknowledgements() privacy.MutationRule {
	return privacy.DocumentAcknowledgementMutationRuleFunc(func(ctx context.Context, m *ent.DocumentAcknowledgementMutation) error {
		v := viewer.FromContext(ctx)
		recorder, _ := m.RecordedByID()
		docID, ok := m.DocumentID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) || !ok || recorder != v.PersonID {
			return privacy.Skip
		}
		if worksOnDocument(ctx, m.Client(), v, docID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}
