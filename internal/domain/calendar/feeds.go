package calendar

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/calendarfeed"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/auth"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// secretPrefix marks a feed secret, so that a leaked one is recognised.
const secretPrefix = "calf_"

// CreateFeedInput is the input of createCalendarFeed.
type CreateFeedInput struct {
	Kind           calendarfeed.Kind
	SeriesID       *pulid.ID
	OrganisationID *pulid.ID
}

// CreateFeed records a feed of the viewer and returns it with its URL,
// shown this once (only a digest of its secret is kept).
func (s *Service) CreateFeed(ctx context.Context, in CreateFeedInput) (*ent.CalendarFeed, string, error) {
	c := database.ClientFor(ctx, s.client)
	v := viewer.FromContext(ctx)
	if v.IsAnonymous() {
		return nil, "", apierror.New(apierror.Unauthenticated, "cal.sign_in")
	}
	subject, err := s.subject(ctx, c, v, in)
	if err != nil {
		return nil, "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, "", err
	}
	secret := secretPrefix + base64.RawURLEncoding.EncodeToString(raw)
	feed, err := c.CalendarFeed.Create().
		SetPersonID(v.PersonID).SetKind(in.Kind).SetSubjectID(subject).SetSecretHash(digest(secret)).
		Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, "", apierror.New(apierror.Forbidden, "cal.create_forbidden")
	}
	if err != nil {
		return nil, "", err
	}
	return feed, s.base + "/calendars/" + secret + ".ics", nil
}

// subject checks that the viewer may follow what the feed is about and
// returns its id.
func (s *Service) subject(ctx context.Context, c *ent.Client, v *viewer.Viewer, in CreateFeedInput) (pulid.ID, error) {
	switch in.Kind {
	case calendarfeed.KindSeries:
		if in.SeriesID == nil {
			return "", apierror.New(apierror.BadUserInput, "cal.series_required").OnField("input", "seriesID")
		}
		// Read as the viewer: a series they cannot see does not exist.
		ok, err := c.WorkshopSeries.Query().Where(workshopseries.ID(*in.SeriesID)).Exist(ctx)
		if err != nil {
			return "", err
		}
		if !ok {
			return "", apierror.New(apierror.NotFound, "not_found.series").OnField("input", "seriesID")
		}
		return *in.SeriesID, nil
	case calendarfeed.KindOrganisation:
		if in.OrganisationID == nil {
			return "", apierror.New(apierror.BadUserInput, "cal.organisation_required").OnField("input", "organisationID")
		}
		if err := access.CanFollowOrganisationCalendar(v, *in.OrganisationID); err != nil {
			return "", err
		}
		return *in.OrganisationID, nil
	case calendarfeed.KindAppointments:
		if err := access.CanFollowAppointments(v); err != nil {
			return "", err
		}
		return v.PersonID, nil
	}
	return "", apierror.New(apierror.BadUserInput, "cal.kind_unknown").OnField("input", "kind")
}

// RevokeFeed ends a feed of the viewer at once: its URL answers 404.
func (s *Service) RevokeFeed(ctx context.Context, id pulid.ID) (*ent.CalendarFeed, error) {
	c := database.ClientFor(ctx, s.client)
	feed, err := c.CalendarFeed.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.calendar_feed").OnField("input", "feedID")
	}
	if err != nil || feed.RevokedAt != nil {
		return feed, err
	}
	feed, err = c.CalendarFeed.UpdateOne(feed).SetRevokedAt(c.Clock.Now()).Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, apierror.New(apierror.NotFound, "not_found.calendar_feed").OnField("input", "feedID")
	}
	return feed, err
}

// ErrNoFeed is returned for a secret that opens no live feed.
var ErrNoFeed = errors.New("calendar: no such feed")

// open finds the live feed of a secret and the viewer it is read as.
func (s *Service) open(ctx context.Context, secret string) (*ent.CalendarFeed, *viewer.Viewer, error) {
	if !strings.HasPrefix(secret, secretPrefix) {
		return nil, nil, ErrNoFeed
	}
	feed, err := s.client.CalendarFeed.Query().
		Where(calendarfeed.SecretHash(digest(secret)), calendarfeed.RevokedAtIsNil()).
		Only(viewer.SystemContext(ctx))
	if ent.IsNotFound(err) {
		return nil, nil, ErrNoFeed
	}
	if err != nil {
		return nil, nil, err
	}
	v, err := auth.ViewerOf(ctx, s.client, feed.PersonID)
	if errors.Is(err, auth.ErrUnauthenticated) {
		return nil, nil, ErrNoFeed
	}
	return feed, v, err
}

// digest is what is stored of a secret: 256 random bits, so a plain
// SHA-256 cannot be brute-forced.
func digest(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}
