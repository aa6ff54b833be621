package lifecycle

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/audit"
	domain "github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// The codes of this package's user errors, and the audit action of an
// erasure.
const (
	// FileStillOpen: an accompaniment of the family is still in progress.
	FileStillOpen apierror.Code = "FILE_STILL_OPEN"
	// AlreadyAnonymised: the file was anonymised before.
	AlreadyAnonymised apierror.Code = "ALREADY_ANONYMISED"
	// ActionErasure is the audit action recorded for an erasure request.
	ActionErasure = "erasure"
)

// RequestErasureInput is the input of requestErasure.
type RequestErasureInput struct {
	FamilyID pulid.ID
}

// Erase carries out a family's erasure request at once: the same removal
// as AnonymiseExpired, without waiting for the retention period, recorded
// in the audit trail in the requesting coordinator's name. The file must
// be closed: an accompaniment in progress is closed first.
func (s *Service) Erase(ctx context.Context, in RequestErasureInput) (*ent.Family, error) {
	familyID := in.FamilyID
	client := database.ClientFor(ctx, s.client) // within a mutation, its transaction
	f, err := client.Family.Get(ctx, familyID)
	if err != nil {
		return nil, err // NOT_FOUND when out of the viewer's scope too
	}
	if !access.CanRequestErasure(viewer.FromContext(ctx), f.ProviderID) {
		return nil, apierror.New(apierror.Forbidden, "life.erase_forbidden")
	}
	if f.AnonymisedAt != nil {
		return nil, apierror.New(AlreadyAnonymised, "life.already_anonymised", i18n.Day(*f.AnonymisedAt)).OnField("input", "familyID")
	}
	// The portal checks every accompaniment, whoever asks.
	sys := viewer.SystemContext(ctx)
	open, err := client.Accompaniment.Query().
		Where(accompaniment.FamilyID(f.ID), accompaniment.StatusIn(openStatuses...)).Exist(sys)
	if err != nil {
		return nil, err
	}
	if open {
		return nil, apierror.New(FileStillOpen, "life.file_still_open").OnField("input", "familyID")
	}
	if err := audit.Log(ctx, client, ActionErasure, "Family", f.ID); err != nil {
		return nil, err
	}
	files, err := anonymise(sys, client, []pulid.ID{f.ID}, client.Clock.Now())
	if err != nil {
		return nil, err
	}
	// The bytes go once the erasure commits: a rollback keeps the rows
	// that name them.
	domain.AfterCommit(ctx, func(ctx context.Context) {
		if err := domain.ForgetFiles(ctx, s.client, s.files, files); err != nil && s.logger != nil {
			s.logger.ErrorContext(ctx, "erasure: removing the files", "family", f.ID, "error", err)
		}
	})
	return client.Family.Get(ctx, f.ID)
}
