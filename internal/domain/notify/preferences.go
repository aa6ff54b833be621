package notify

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/notificationpreference"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// Preference is a person's choice for one kind of notice: the inbox always
// gets it, e-mail only when Email.
type Preference struct {
	Kind  notification.Kind
	Email bool
}

// PreferenceInput is the input of updateNotificationPreferences.
type PreferenceInput struct {
	Kind  notification.Kind
	Email bool
}

// Preferences lists every kind with the choice of personID, e-mail where
// they made none. Only the viewer's own are listed: another person's
// choices are theirs.
func Preferences(ctx context.Context, client *ent.Client, personID pulid.ID) ([]*Preference, error) {
	if v := viewer.FromContext(ctx); v.IsAnonymous() || v.PersonID != personID {
		return []*Preference{}, nil
	}
	rows, err := client.NotificationPreference.Query().
		Where(notificationpreference.PersonID(personID)).All(ctx)
	if err != nil {
		return nil, err
	}
	chosen := make(map[notification.Kind]bool, len(rows))
	for _, r := range rows {
		chosen[notification.Kind(r.Kind)] = r.Email
	}
	out := make([]*Preference, 0, len(catalogue))
	for _, kind := range Kinds() {
		email, made := chosen[kind]
		out = append(out, &Preference{Kind: kind, Email: email || !made})
	}
	return out, nil
}

// SetPreference records whether the viewer gets one kind of notice by
// e-mail too.
func (s *Service) SetPreference(ctx context.Context, in PreferenceInput) (*Preference, error) {
	c := database.ClientFor(ctx, s.client)
	v := viewer.FromContext(ctx)
	if v.IsAnonymous() {
		return nil, apierror.New(apierror.Unauthenticated, "notify.sign_in")
	}
	if _, ok := wordingOf(in.Kind); !ok {
		return nil, apierror.New(apierror.BadUserInput, "notify.unknown_kind").OnField("input", "kind")
	}
	kind := notificationpreference.Kind(in.Kind)
	n, err := c.NotificationPreference.Update().
		Where(notificationpreference.PersonID(v.PersonID), notificationpreference.KindEQ(kind)).
		SetEmail(in.Email).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		err := c.NotificationPreference.Create().SetPersonID(v.PersonID).SetKind(kind).SetEmail(in.Email).Exec(ctx)
		if err != nil {
			return nil, err
		}
	}
	return &Preference{Kind: in.Kind, Email: in.Email}, nil
}
