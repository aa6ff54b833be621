package accompaniment

import (
	"context"
	"slices"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/documentacknowledgement"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// The codes of the acknowledgements' refusals.
const (
	// NotAcknowledgeable: only the individual document or the contract is
	// acknowledged by the parents.
	NotAcknowledgeable apierror.Code = "NOT_ACKNOWLEDGEABLE"
	// AlreadyAcknowledged: a guardian already acknowledged the document.
	AlreadyAcknowledged apierror.Code = "ALREADY_ACKNOWLEDGED"
	// AcknowledgedInFuture: the day is after today.
	AcknowledgedInFuture apierror.Code = "ACKNOWLEDGED_IN_FUTURE"
)

// RecordParentsAcknowledgementInput names the guardians who acknowledged
// a document, and the day they did.
type RecordParentsAcknowledgementInput struct {
	DocumentID     pulid.ID
	GuardianIDs    []pulid.ID
	AcknowledgedOn time.Time
}

// RecordParentsAcknowledgement records, in the viewer's name, that
// guardians of the family acknowledged the individual document or the
// contract on a day: not before the document was written nor after today,
// once per guardian. The accompaniment must be running.
func (s *Service) RecordParentsAcknowledgement(ctx context.Context, in RecordParentsAcknowledgementInput) (*ent.Document, error) {
	c := database.ClientFor(ctx, s.client)
	doc, a, err := s.workedDocument(ctx, c, in.DocumentID)
	if err != nil {
		return nil, err
	}
	if doc.Kind != document.KindIndividualDocument && doc.Kind != document.KindContract {
		return nil, apierror.New(NotAcknowledgeable, "files.not_acknowledgeable").OnField("input", "documentID")
	}
	if a.Status != entacc.StatusActive {
		return nil, apierror.New(NotActive, "files.acknowledge_when_active")
	}
	sys := viewer.SystemContext(ctx)
	provider, err := c.Provider.Get(sys, a.ProviderID)
	if err != nil {
		return nil, err
	}
	zone := clock.Zone(provider.TimeZone) // "today" is the provider's
	day := clock.AsDay(in.AcknowledgedOn)
	if day.After(clock.DayOf(c.Clock.Now(), zone)) {
		return nil, apierror.New(AcknowledgedInFuture, "files.acknowledged_in_future").OnField("input", "acknowledgedOn")
	}
	if day.Before(clock.DayOf(doc.CreatedAt, zone)) {
		return nil, apierror.New(apierror.BadUserInput, "files.acknowledged_before_written").OnField("input", "acknowledgedOn")
	}
	ids := slices.Compact(slices.Sorted(slices.Values(in.GuardianIDs)))
	if len(ids) == 0 {
		return nil, apierror.New(apierror.BadUserInput, "files.guardians_required").OnField("input", "guardianIDs")
	}
	ofFamily, err := c.Guardian.Query().Where(guardian.IDIn(ids...), guardian.FamilyID(a.FamilyID)).Count(sys)
	if err != nil {
		return nil, err
	}
	if ofFamily != len(ids) {
		return nil, apierror.New(apierror.BadUserInput, "files.guardian_not_of_family").OnField("input", "guardianIDs")
	}
	done, err := c.DocumentAcknowledgement.Query().Where(
		documentacknowledgement.DocumentID(doc.ID), documentacknowledgement.GuardianIDIn(ids...)).Exist(sys)
	if err != nil {
		return nil, err
	}
	if done {
		return nil, apierror.New(AlreadyAcknowledged, "files.already_acknowledged").OnField("input", "guardianIDs")
	}
	recorder := viewer.FromContext(ctx).PersonID
	creates := make([]*ent.DocumentAcknowledgementCreate, len(ids))
	for i, id := range ids {
		creates[i] = c.DocumentAcknowledgement.Create().SetDocumentID(doc.ID).SetGuardianID(id).
			SetAcknowledgedOn(day).SetRecordedByID(recorder)
	}
	if err := c.DocumentAcknowledgement.CreateBulk(creates...).Exec(ctx); err != nil {
		return nil, err
	}
	return doc, nil
}
