package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/calendarfeed"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// Calendar feeds are their person's own: each signed-in person creates,
// reads and revokes theirs, and nobody else's. What a feed shows is
// decided when it is served, by the read rules applied as its person.

func calendarFeedScope(v *viewer.Viewer) []predicate.CalendarFeed {
	return []predicate.CalendarFeed{calendarfeed.PersonID(v.PersonID)}
}

// ReadCalendarFeeds: a person's own feeds.
func ReadCalendarFeeds() privacy.QueryRule {
	return privacy.CalendarFeedQueryRuleFunc(func(ctx context.Context, q *ent.CalendarFeedQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeCalendarFeed)
	})
}

// WriteCalendarFeeds lets a person create a feed of their own and revoke
// it (revoked_at, nothing else); feeds are never deleted.
func WriteCalendarFeeds() privacy.MutationRule {
	return privacy.CalendarFeedMutationRuleFunc(func(ctx context.Context, m *ent.CalendarFeedMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() || len(v.Memberships) == 0 {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			personID, _ := m.PersonID()
			kind, _ := m.Kind()
			subject, _ := m.SubjectID()
			if personID != v.PersonID {
				return privacy.Skip
			}
			// A series feed is checked by reading the series as the viewer;
			// the others by who the viewer is.
			switch {
			case kind == calendarfeed.KindSeries,
				kind == calendarfeed.KindOrganisation && CanFollowOrganisationCalendar(v, subject) == nil,
				kind == calendarfeed.KindAppointments && subject == v.PersonID && CanFollowAppointments(v) == nil:
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			id, ok := m.ID()
			if !ok || !onlyRevokesFeed(m) {
				return privacy.Skip
			}
			mine, err := m.Client().CalendarFeed.Query().
				Where(calendarfeed.ID(id), calendarfeed.PersonID(v.PersonID)).Exist(viewer.SystemContext(ctx))
			if err != nil {
				return err
			}
			if mine {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

func onlyRevokesFeed(m *ent.CalendarFeedMutation) bool {
	if _, ok := m.RevokedAt(); !ok || len(m.ClearedFields()) > 0 {
		return false
	}
	for _, f := range m.Fields() {
		if !slices.Contains([]string{calendarfeed.FieldRevokedAt, calendarfeed.FieldUpdatedAt}, f) {
			return false
		}
	}
	return true
}
