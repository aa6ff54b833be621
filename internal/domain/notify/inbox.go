package notify

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// Inbox is the query of the notices of personID, the unread ones only
// when unreadOnly; the read rules narrow it to the viewer's own, so that
// another person's inbox reads empty.
func Inbox(client *ent.Client, personID pulid.ID, unreadOnly bool) *ent.NotificationQuery {
	q := client.Notification.Query().Where(notification.RecipientID(personID))
	if unreadOnly {
		q.Where(notification.ReadAtIsNil())
	}
	return q
}

// NewestFirst orders an inbox's page, the newest notice first.
var NewestFirst = &ent.NotificationOrder{Field: ent.NotificationOrderFieldCreatedAt, Direction: "DESC"}

// Unread counts the unread notices of personID the viewer may read.
func Unread(ctx context.Context, client *ent.Client, personID pulid.ID) (int, error) {
	return Inbox(client, personID, true).Count(ctx)
}

// MarkReadInput is the input of markNotificationsRead: some of the
// viewer's notices, or all of them.
type MarkReadInput struct {
	IDs []pulid.ID
	All *bool
}

// Marked is what markNotificationsRead did: how many notices it marked,
// and how many the viewer still has unread.
type Marked struct {
	Marked int
	Unread int
}

// MarkRead marks notices of the viewer read, now; a notice already read
// keeps the moment it was first read. An id that is not one of the
// viewer's notices is not found, and nothing is marked.
func (s *Service) MarkRead(ctx context.Context, in MarkReadInput) (*Marked, error) {
	c := database.ClientFor(ctx, s.client)
	v := viewer.FromContext(ctx)
	if v.IsAnonymous() {
		return nil, apierror.New(apierror.Unauthenticated, "notify.sign_in")
	}
	all := in.All != nil && *in.All
	if all == (len(in.IDs) > 0) {
		return nil, apierror.New(apierror.BadUserInput, "notify.ids_or_all").OnField("input", "ids")
	}
	update := c.Notification.Update().Where(notification.RecipientID(v.PersonID), notification.ReadAtIsNil())
	if !all {
		ids := dedupe(in.IDs)
		// Read as the viewer: another person's notice does not exist.
		mine, err := c.Notification.Query().Where(notification.IDIn(ids...)).Count(ctx)
		if err != nil {
			return nil, err
		}
		if mine != len(ids) {
			return nil, apierror.New(apierror.NotFound, "notify.not_found").OnField("input", "ids")
		}
		update.Where(notification.IDIn(ids...))
	}
	n, err := update.SetReadAt(s.client.Clock.Now()).Save(ctx)
	if err != nil {
		return nil, err
	}
	unread, err := Unread(ctx, c, v.PersonID)
	if err != nil {
		return nil, err
	}
	return &Marked{Marked: n, Unread: unread}, nil
}

func dedupe(ids []pulid.ID) []pulid.ID {
	seen := map[pulid.ID]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
