package accompaniment

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// ContinueAsMADI continues a MIP (running or closed) with the programme
// of its provider that follows it (the MADI), with the same family,
// prescriber, financer and educators, linked to it as its successor. A
// running MIP is interrupted: the MADI replaces it. The MADI starts in
// evaluation and still needs its validation (consent, capacity...).
func (s *Service) ContinueAsMADI(ctx context.Context, in ContinueAsMADIInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	prev, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	continued, err := prev.QuerySuccessor().Exist(ctx)
	if err != nil {
		return nil, err
	}
	if continued {
		return nil, apierror.New(NotContinuable, "acc.already_continued")
	}
	if prev.Status != entacc.StatusActive && prev.Status != entacc.StatusClosed {
		return nil, apierror.New(InvalidTransition, "acc.continue_running_or_closed")
	}
	prevProg, err := c.Programme.Get(ctx, prev.ProgrammeID)
	if err != nil {
		return nil, err
	}
	next, err := c.Programme.Query().Where(
		programme.ProviderID(prev.ProviderID),
		programme.FollowsProgrammeCode(prevProg.Code),
	).First(ctx)
	if ent.IsNotFound(err) {
		return nil, apierror.New(NotContinuable, "acc.no_continuation", prevProg.Code)
	} else if err != nil {
		return nil, err
	}
	educators, err := prev.QueryEducators().IDs(ctx)
	if err != nil {
		return nil, err
	}

	now := s.client.Clock.Now()
	if prev.Status == entacc.StatusActive {
		err := prev.Update().SetStatus(entacc.StatusInterrupted).SetClosedAt(now).
			SetStatusReason(i18n.T("reason.continued", next.Code).French()).Exec(ctx)
		if err != nil {
			return nil, err
		}
	}
	return c.Accompaniment.Create().
		SetProviderID(prev.ProviderID).
		SetProgrammeID(next.ID).
		SetFamilyID(prev.FamilyID).
		SetNillablePrescriberID(prev.PrescriberID).
		SetNillablePrescriberOrganisationID(prev.PrescriberOrganisationID).
		SetNillableFinancerID(prev.FinancerID).
		SetSelfReferral(prev.SelfReferral).
		SetPredecessorID(prev.ID).
		SetStatus(entacc.StatusEvaluating).
		SetEvaluationStartedAt(now).
		AddEducatorIDs(educators...).
		Save(ctx)
}
