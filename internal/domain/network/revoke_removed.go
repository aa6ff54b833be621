package network

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// revokeIfGone revokes every live token of a person who has no current
// membership left. Authenticate already refuses them, but only while the
// person has no membership: without the revocation a new invitation would
// revive tokens handed out before the removal. The portal does it, not the
// coordinator, who may not see the tokens of someone no longer linked.
func revokeIfGone(ctx context.Context, client *ent.Client, personID pulid.ID, now time.Time) error {
	sys := viewer.SystemContext(ctx)
	member, err := client.Membership.Query().
		Where(membership.PersonID(personID), membership.EndedAtIsNil()).
		Exist(sys)
	if err != nil || member {
		return err
	}
	return client.AccessToken.Update().
		Where(accesstoken.PersonID(personID), accesstoken.RevokedAtIsNil()).
		SetRevokedAt(now).
		Exec(sys)
}
