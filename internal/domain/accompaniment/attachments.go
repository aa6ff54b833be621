package accompaniment

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/gabriel-vasile/mimetype"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/attachment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/filestore"
)

// The codes of the files' refusals.
const (
	// FileTooLarge: the file is over the portal's size limit.
	FileTooLarge apierror.Code = "FILE_TOO_LARGE"
	// FileTypeNotAllowed: the file's content is not of an allowed type.
	FileTypeNotAllowed apierror.Code = "FILE_TYPE_NOT_ALLOWED"
	// FileAlreadyAttached: the document already has this very file.
	FileAlreadyAttached apierror.Code = "FILE_ALREADY_ATTACHED"
)

// AttachFileInput is a file for a document, sent as a GraphQL multipart
// request (gqlgen's Upload).
type AttachFileInput struct {
	DocumentID pulid.ID
	File       graphql.Upload
}

// RemoveAttachmentInput names the attachment to remove.
type RemoveAttachmentInput struct {
	AttachmentID pulid.ID
}

// AttachFile checks the file (size, then type read from its content),
// stores its bytes once by their SHA-256 and records the attachment in
// the viewer's name. Nothing is stored for a refused file. The documents
// of a running accompaniment take files; a final report, delivered at
// closing, takes them until the family's file is anonymised.
func (s *Service) AttachFile(ctx context.Context, in AttachFileInput) (*ent.Attachment, error) {
	c := database.ClientFor(ctx, s.client)
	doc, a, err := s.workedDocument(ctx, c, in.DocumentID)
	if err != nil {
		return nil, err
	}
	if doc.Kind == document.KindFinalReport {
		if err := notAnonymised(ctx, c, a); err != nil {
			return nil, err
		}
	} else if a.Status != entacc.StatusActive {
		return nil, apierror.New(NotActive, "files.attach_when_active")
	}
	if s.files.Store == nil {
		return nil, fmt.Errorf("accompaniment: no file store")
	}
	max := s.files.MaxBytes
	if in.File.Size > max {
		return nil, tooLarge(max)
	}
	detected, err := mimetype.DetectReader(in.File.File)
	if err != nil {
		return nil, fmt.Errorf("accompaniment: reading the upload: %w", err)
	}
	mediaType, ok := allowedType(detected)
	if !ok {
		return nil, apierror.New(FileTypeNotAllowed, "files.type_not_allowed", detected.String()).OnField("input", "file")
	}
	if _, err := in.File.File.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("accompaniment: rewinding the upload: %w", err)
	}
	blob, created, err := s.files.Store.Put(ctx, in.File.File, max)
	if err == filestore.ErrTooLarge { // the announced size was wrong
		return nil, tooLarge(max)
	} else if err != nil {
		return nil, err
	}
	if created { // a rollback leaves no content that nothing names
		afterRollback(ctx, func(ctx context.Context) {
			_ = ForgetFiles(ctx, s.client, s.files.Store, []string{blob.SHA256})
		})
	}
	dup, err := c.Attachment.Query().Where(attachment.DocumentID(doc.ID), attachment.Sha256(blob.SHA256)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if dup {
		return nil, apierror.New(FileAlreadyAttached, "files.already_attached").OnField("input", "file")
	}
	return c.Attachment.Create().
		SetDocumentID(doc.ID).
		SetSha256(blob.SHA256).
		SetSize(blob.Size).
		SetMediaType(mediaType).
		SetFileName(CleanFileName(in.File.Filename)).
		SetUploadedByID(viewer.FromContext(ctx).PersonID).
		Save(ctx)
}

// RemoveAttachment removes a file attached by mistake while the
// accompaniment runs; its bytes go once the removal commits and no other
// attachment has them. A delivered final report's files stay: its
// recipients may have read them.
func (s *Service) RemoveAttachment(ctx context.Context, in RemoveAttachmentInput) (*ent.Attachment, error) {
	c := database.ClientFor(ctx, s.client)
	att, err := c.Attachment.Get(ctx, in.AttachmentID)
	if ent.IsNotFound(err) {
		return nil, notFound("input", "attachmentID")
	} else if err != nil {
		return nil, err
	}
	doc, a, err := s.workedDocument(ctx, c, att.DocumentID)
	if err != nil {
		return nil, err
	}
	if doc.DeliveredAt != nil {
		return nil, apierror.New(DocumentDelivered, "files.report_delivered")
	}
	if a.Status != entacc.StatusActive {
		return nil, apierror.New(NotActive, "files.remove_when_active")
	}
	if err := c.Attachment.DeleteOne(att).Exec(ctx); err != nil {
		return nil, err
	}
	AfterCommit(ctx, func(ctx context.Context) {
		_ = ForgetFiles(ctx, s.client, s.files.Store, []string{att.Sha256})
	})
	return att, nil
}

// tooLarge words the size limit in megabytes when it is a whole number of them.
func tooLarge(max int64) error {
	if max >= 1<<20 && max%(1<<20) == 0 {
		return apierror.New(FileTooLarge, "files.too_large_mb", max>>20).OnField("input", "file")
	}
	return apierror.New(FileTooLarge, "files.too_large_bytes", max).OnField("input", "file")
}

// workedDocument loads a document the viewer reads and works on (FORBIDDEN
// for a reader who does not, such as the prescriber of a final report),
// with its accompaniment.
func (s *Service) workedDocument(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.Document, *ent.Accompaniment, error) {
	doc, err := c.Document.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, notFound("input", "documentID")
	} else if err != nil {
		return nil, nil, err
	}
	if err := access.CanWorkOnDocument(ctx, c, viewer.FromContext(ctx), doc.ID); err != nil {
		return nil, nil, err
	}
	a, err := c.Accompaniment.Get(ctx, doc.AccompanimentID)
	if err != nil {
		return nil, nil, err
	}
	return doc, a, nil
}

// notAnonymised refuses a file once the family's file was anonymised.
func notAnonymised(ctx context.Context, c *ent.Client, a *ent.Accompaniment) error {
	f, err := c.Family.Get(viewer.SystemContext(ctx), a.FamilyID)
	if err != nil {
		return err
	}
	if f.AnonymisedAt != nil {
		return apierror.New(NotActive, "files.family_anonymised")
	}
	return nil
}

// DownloadURL is where an attachment is downloaded (see OpenAttachment).
func (s *Service) DownloadURL(a *ent.Attachment) string {
	return strings.TrimSuffix(s.files.PublicURL, "/") + "/files/" + string(a.ID)
}

// OpenAttachment returns an attachment the viewer may read, and its
// content; NOT_FOUND when it is missing or out of the viewer's reach.
func (s *Service) OpenAttachment(ctx context.Context, id pulid.ID) (*ent.Attachment, io.ReadSeekCloser, error) {
	att, err := s.client.Attachment.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if s.files.Store == nil {
		return nil, nil, fmt.Errorf("accompaniment: no file store")
	}
	content, err := s.files.Store.Open(ctx, att.Sha256)
	if err != nil {
		return nil, nil, fmt.Errorf("accompaniment: the content of %s: %w", att.ID, err)
	}
	return att, content, nil
}
