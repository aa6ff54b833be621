package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/notificationpreference"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// Notifications and their preferences are their person's own: each
// signed-in person reads their notices and marks them read, and reads and
// sets their e-mail choices, and nobody else's. Notices are written by the
// portal itself (package notify), on behalf of the step that causes them:
// the person acting may not read the person told.

func notificationScope(v *viewer.Viewer) []predicate.Notification {
	return []predicate.Notification{notification.RecipientID(v.PersonID)}
}

func notificationPreferenceScope(v *viewer.Viewer) []predicate.NotificationPreference {
	return []predicate.NotificationPreference{notificationpreference.PersonID(v.PersonID)}
}

// ReadNotifications: a person's own notices.
func ReadNotifications() privacy.QueryRule {
	return privacy.NotificationQueryRuleFunc(func(ctx context.Context, q *ent.NotificationQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeNotification)
	})
}

// WriteNotifications lets a person mark their own notices read (read_at,
// nothing else): an update reaches only the viewer's rows. Creating one is
// the portal's (allowed by the policy to the system viewer only).
func WriteNotifications() privacy.MutationRule {
	return privacy.NotificationMutationRuleFunc(func(ctx context.Context, m *ent.NotificationMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() || !m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) || !onlyMarksRead(m) {
			return privacy.Skip
		}
		m.Where(notification.RecipientID(v.PersonID))
		return privacy.Allow
	})
}

func onlyMarksRead(m *ent.NotificationMutation) bool {
	if _, ok := m.ReadAt(); !ok || len(m.ClearedFields()) > 0 {
		return false
	}
	for _, f := range m.Fields() {
		if !slices.Contains([]string{notification.FieldReadAt, notification.FieldUpdatedAt}, f) {
			return false
		}
	}
	return true
}

// ReadNotificationPreferences: a person's own choices.
func ReadNotificationPreferences() privacy.QueryRule {
	return privacy.NotificationPreferenceQueryRuleFunc(func(ctx context.Context, q *ent.NotificationPreferenceQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeNotificationPreference)
	})
}

// WriteNotificationPreferences lets a signed-in person record and change
// their own choices, and nobody else's.
func WriteNotificationPreferences() privacy.MutationRule {
	return privacy.NotificationPreferenceMutationRuleFunc(func(ctx context.Context, m *ent.NotificationPreferenceMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			if personID, _ := m.PersonID(); personID == v.PersonID {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
			m.Where(notificationpreference.PersonID(v.PersonID))
			return privacy.Allow
		}
		return privacy.Skip
	})
}
