package accompaniment

import (
	"context"
	"slices"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	entconsent "github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/consent"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// Validate admits an evaluated request into the active caseload. It needs
// the family's consent, a family under none of the programme's excluded
// measures, a free place in the programme's capacity and, when a
// convention of the financer covers the programme today, a free place in
// it, which the accompaniment then takes.
//
// Concurrent validations are serialised on the programme row (and the
// convention rows), so that capacity and places cannot be exceeded.
func (s *Service) Validate(ctx context.Context, in AccompanimentStepInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if err := checkMove(a.Status, entacc.StatusActive); err != nil {
		return nil, err
	}
	if err := consent.Require(ctx, c, a.FamilyID, entconsent.PurposeAccompaniment); err != nil {
		return nil, err
	}
	pq := c.Programme.Query().Where(programme.ID(a.ProgrammeID))
	pq.Modify(lockForUpdate)
	prog, err := pq.Only(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkEligible(ctx, c, a, prog); err != nil {
		return nil, err
	}
	if err := checkCapacity(ctx, c, prog); err != nil {
		return nil, err
	}
	now := s.client.Clock.Now()
	conv, err := takePlace(ctx, c, a, now)
	if err != nil {
		return nil, err
	}
	update := a.Update().SetStatus(entacc.StatusActive).SetValidatedAt(now)
	if conv != nil {
		update.SetConventionID(conv.ID)
	}
	saved, err := update.Save(ctx)
	if err != nil {
		return nil, err
	}
	names, err := educatorNames(ctx, saved)
	if err != nil {
		return nil, err
	}
	if err := tellPrescriber(ctx, c, saved, notification.KindRequestValidated, names, nil); err != nil {
		return nil, err
	}
	return announce(ctx, c, saved, webhook.RequestValidated)
}

// checkEligible refuses a family under one of the programme's excluded
// measures.
func checkEligible(ctx context.Context, c *ent.Client, a *ent.Accompaniment, prog *ent.Programme) error {
	if len(prog.ExcludedMeasures) == 0 {
		return nil
	}
	fam, err := c.Family.Get(ctx, a.FamilyID)
	if err != nil {
		return err
	}
	for _, m := range fam.ProtectiveMeasures {
		if slices.Contains(prog.ExcludedMeasures, m) {
			return apierror.New(NotEligible, "acc.not_eligible", prog.Code, m)
		}
	}
	return nil
}

// checkCapacity refuses a validation beyond the programme's capacity. It
// counts as the portal: the capacity is about every active file of the
// programme, whoever the viewer is.
func checkCapacity(ctx context.Context, c *ent.Client, prog *ent.Programme) error {
	if prog.Capacity == nil {
		return nil
	}
	n, err := c.Accompaniment.Query().Where(
		entacc.ProgrammeID(prog.ID),
		// A suspended family is still followed: it keeps its place.
		entacc.StatusIn(entacc.StatusActive, entacc.StatusSuspended),
	).Count(viewer.SystemContext(ctx))
	if err != nil {
		return err
	}
	if n >= *prog.Capacity {
		return apierror.New(CapacityReached, "acc.capacity_reached", prog.Code, n)
	}
	return nil
}

// takePlace finds the financer's conventions for the programme that cover
// at, locked, and returns the first with a free place; nil when no
// convention applies. Places are counted as the figures show them
// (network.PlacesTaken).
func takePlace(ctx context.Context, c *ent.Client, a *ent.Accompaniment, at time.Time) (*ent.Convention, error) {
	if a.FinancerID == nil {
		return nil, nil
	}
	sys := viewer.SystemContext(ctx) // places are counted over every file of the convention
	q := c.Convention.Query().Where(
		convention.ProgrammeID(a.ProgrammeID),
		convention.FinancerID(*a.FinancerID),
		network.CoversDay(at),
	).Order(ent.Asc(convention.FieldEndsAt), ent.Asc(convention.FieldID))
	q.Modify(lockForUpdate)
	convs, err := q.All(sys)
	if err != nil || len(convs) == 0 {
		return nil, err
	}
	ids := make([]pulid.ID, len(convs))
	for i, conv := range convs {
		ids[i] = conv.ID
	}
	taken, err := network.PlacesTaken(ctx, c, ids)
	if err != nil {
		return nil, err
	}
	for _, conv := range convs {
		if taken[conv.ID] < conv.Places {
			return conv, nil
		}
	}
	return nil, apierror.New(ConventionFull, "acc.convention_full")
}
