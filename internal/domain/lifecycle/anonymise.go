package lifecycle

import (
	"context"
	"fmt"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/appointment"
	"github.com/reseau-liens/portal/ent/attachment"
	"github.com/reseau-liens/portal/ent/attendance"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/documentrevision"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/access/viewer"
	domain "github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// openStatuses are the accompaniment statuses of a file still in progress.
var openStatuses = []accompaniment.Status{
	accompaniment.StatusRequested, accompaniment.StatusEvaluating, accompaniment.StatusActive,
	accompaniment.StatusSuspended,
}

// expired matches the families whose last activity came before cutoff:
// not yet anonymised, opened before cutoff, with no accompaniment still in
// progress or closed (or last changed) after cutoff, and no child with a
// seat to come at now, booked after cutoff or present at a session after
// cutoff.
func expired(cutoff, now time.Time) predicate.Family {
	return family.And(
		family.AnonymisedAtIsNil(),
		family.CreatedAtLT(cutoff),
		family.Not(family.HasAccompanimentsWith(accompaniment.Or(
			accompaniment.StatusIn(openStatuses...),
			accompaniment.ClosedAtGT(cutoff),
			accompaniment.And(accompaniment.ClosedAtIsNil(), accompaniment.UpdatedAtGT(cutoff)),
		))),
		family.Not(family.HasChildrenWith(child.HasBookingsWith(booking.Or(
			booking.And(
				booking.StatusNEQ(booking.StatusCancelled),
				booking.HasSeriesWith(
					workshopseries.StatusEQ(workshopseries.StatusScheduled),
					workshopseries.HasSessionsWith(workshopsession.StartsAtGT(now)),
				),
			),
			booking.RequestedAtGT(cutoff),
			booking.HasAttendancesWith(
				attendance.Present(true),
				attendance.HasSessionWith(workshopsession.StartsAtGT(cutoff)),
			),
		)))),
	)
}

// AnonymiseExpired anonymises, in one transaction, every family file
// closed for longer than retention at now, and returns how many. It runs
// as the portal: no person asked for it.
func (s *Service) AnonymiseExpired(ctx context.Context, now time.Time) (int, error) {
	if s.retention <= 0 {
		return 0, fmt.Errorf("lifecycle: retention must be positive, got %s", s.retention)
	}
	ctx = viewer.SystemContext(ctx)
	tx, err := database.ClientFor(ctx, s.client).Tx(ctx)
	if err != nil {
		return 0, fmt.Errorf("lifecycle: %w", err)
	}
	ids, err := tx.Family.Query().Where(expired(now.Add(-s.retention), now)).IDs(ctx)
	var files []string
	if err == nil {
		files, err = anonymise(ctx, tx.Client(), ids, now)
	}
	if err != nil {
		_ = tx.Rollback()
		return 0, fmt.Errorf("lifecycle: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("lifecycle: %w", err)
	}
	if err := domain.ForgetFiles(ctx, s.client, s.files, files); err != nil {
		return len(ids), fmt.Errorf("lifecycle: removing the erased files: %w", err)
	}
	return len(ids), nil
}

// anonymise removes the names, contact details and free-text notes of the
// families' files and every copy of them kept elsewhere (see copyErasers),
// and marks them anonymised at now. ctx must be the
// portal's: the writes cross every access rule by design.
//
// It deletes the files attached to their documents and returns the
// contents those named, for the caller to forget once the transaction
// commits (accompaniment.ForgetFiles).
func anonymise(ctx context.Context, c *ent.Client, familyIDs []pulid.ID, now time.Time) ([]string, error) {
	if len(familyIDs) == 0 {
		return nil, nil
	}
	var files []string
	ofFamilies := family.IDIn(familyIDs...)
	ofAccompaniments := accompaniment.HasFamilyWith(ofFamilies)
	steps := []func() error{
		func() error {
			return c.Guardian.Update().Where(guardian.HasFamilyWith(ofFamilies)).
				SetFirstName("").SetLastName("").ClearPhone().ClearEmail().Exec(ctx)
		},
		func() error {
			return c.Child.Update().Where(child.HasFamilyWith(ofFamilies)).SetFirstName("").Exec(ctx)
		},
		func() error {
			return c.ContactEvent.Update().Where(contactevent.HasAccompanimentWith(ofAccompaniments)).ClearNote().Exec(ctx)
		},
		func() error {
			return c.DocumentRevision.Update().
				Where(documentrevision.HasDocumentWith(document.HasAccompanimentWith(ofAccompaniments))).
				ClearBody().ClearStakes().ClearMissions().ClearWork().Exec(ctx)
		},
		func() error {
			ofDocuments := attachment.HasDocumentWith(document.HasAccompanimentWith(ofAccompaniments))
			var err error
			if files, err = c.Attachment.Query().Where(ofDocuments).Unique(true).Select(attachment.FieldSha256).Strings(ctx); err != nil {
				return err
			}
			_, err = c.Attachment.Delete().Where(ofDocuments).Exec(ctx)
			return err
		},
		func() error {
			return c.Accompaniment.Update().Where(ofAccompaniments).ClearRequestNote().ClearStatusReason().Exec(ctx)
		},
		func() error {
			return c.Appointment.Update().Where(appointment.HasAccompanimentWith(ofAccompaniments)).
				ClearPlace().ClearCancelReason().Exec(ctx)
		},
		func() error { return eraseCopies(ctx, c, familyIDs) },
		func() error {
			return c.Family.Update().Where(ofFamilies).ClearPostalAddress().ClearPhone().SetAnonymisedAt(now).Exec(ctx)
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return files, nil
}
