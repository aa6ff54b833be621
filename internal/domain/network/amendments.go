package network

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// PlacesBelowTaken: an amendment cannot leave a convention fewer places
// than its accompaniments already take.
const PlacesBelowTaken apierror.Code = "PLACES_BELOW_TAKEN"

// AmendConventionInput changes a convention's places or last day; nil
// fields keep their value.
type AmendConventionInput struct {
	ConventionID pulid.ID
	Places       *int
	EndsAt       *time.Time
	Reason       string
}

// AmendConvention amends a convention of a link the viewer coordinates:
// its places (never below the places already taken, counted by
// PlacesTaken as the figures are) or its last day (never before its
// first). The amendment is kept, dated, in the viewer's name, with the
// values before and after; the consumption follows, as it is computed
// from the convention's places.
func (s *Service) AmendConvention(ctx context.Context, in AmendConventionInput) (*ent.Convention, error) {
	client := database.ClientFor(ctx, s.client)
	// Locked like the validation's convention rows (PostgreSQL; SQLite
	// transactions are exclusive), so a place taken meanwhile is counted.
	q := client.Convention.Query().Where(convention.ID(in.ConventionID)).WithPartnerLink()
	q.Modify(func(s *sql.Selector) {
		if s.Dialect() == dialect.Postgres {
			s.ForUpdate()
		}
	})
	conv, err := q.Only(ctx)
	if err != nil {
		return nil, notFound(err, "not_found.convention", "input", "conventionID")
	}
	if err := access.CanManageConventions(viewer.FromContext(ctx), conv.Edges.PartnerLink.ProviderID); err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(in.Reason)
	places, endsAt := conv.Places, conv.EndsAt
	if in.Places != nil {
		places = *in.Places
	}
	if in.EndsAt != nil {
		endsAt = *in.EndsAt
	}
	switch {
	case reason == "":
		return nil, apierror.New(apierror.BadUserInput, "net.amendment_reason_required").OnField("input", "reason")
	case places == conv.Places && endsAt.Equal(conv.EndsAt):
		return nil, apierror.New(apierror.BadUserInput, "net.amendment_changes_nothing").OnField("input")
	case places <= 0:
		return nil, apierror.New(apierror.BadUserInput, "net.places_min").OnField("input", "places")
	case endsAt.Before(conv.StartsAt):
		return nil, apierror.New(InvalidPeriod, "net.period_invalid").OnField("input", "endsAt")
	}
	if places < conv.Places {
		taken, err := PlacesTaken(ctx, client, []pulid.ID{conv.ID})
		if err != nil {
			return nil, err
		}
		if places < taken[conv.ID] {
			return nil, apierror.New(PlacesBelowTaken, "net.places_below_taken", places, taken[conv.ID]).OnField("input", "places")
		}
	}
	if !endsAt.Equal(conv.EndsAt) {
		if err := checkOverlapExcept(ctx, client, conv, endsAt); err != nil {
			return nil, err
		}
	}
	err = client.ConventionAmendment.Create().
		SetConventionID(conv.ID).
		SetAt(client.Clock.Now()).
		SetAuthorID(viewer.FromContext(ctx).PersonID).
		SetPlacesBefore(conv.Places).
		SetPlacesAfter(places).
		SetEndsAtBefore(conv.EndsAt).
		SetEndsAtAfter(endsAt).
		SetReason(reason).
		Exec(ctx)
	if err != nil {
		return nil, err
	}
	return client.Convention.UpdateOneID(conv.ID).SetPlaces(places).SetEndsAt(endsAt).Save(ctx)
}

// checkOverlapExcept refuses a new last day that would make the
// convention meet another of the same programme on the same link.
func checkOverlapExcept(ctx context.Context, client *ent.Client, conv *ent.Convention, endsAt time.Time) error {
	other, err := client.Convention.Query().
		Where(
			convention.IDNEQ(conv.ID),
			convention.PartnerLinkID(conv.PartnerLinkID),
			convention.ProgrammeID(conv.ProgrammeID),
			convention.StartsAtLTE(endsAt),
			convention.EndsAtGTE(conv.StartsAt),
		).
		First(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil
	case err != nil:
		return err
	}
	return apierror.New(ConventionOverlap, "net.convention_overlap",
		i18n.Day(other.StartsAt), i18n.Day(other.EndsAt)).OnField("input", "endsAt")
}
