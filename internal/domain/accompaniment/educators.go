package accompaniment

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// checkEducators refuses anyone who is not an educator or practitioner of
// the provider. It reads memberships as the portal: the question is about
// the provider's staff, whoever asks; the write itself is then allowed or
// denied by the access rules.
func checkEducators(ctx context.Context, c *ent.Client, providerID pulid.ID, ids []pulid.ID) error {
	ids = dedupe(ids)
	staff, err := c.Membership.Query().Where(
		membership.PersonIDIn(ids...),
		membership.ProviderID(providerID),
		membership.RoleIn(membership.RoleEducator, membership.RolePractitioner),
	).Unique(true).Select(membership.FieldPersonID).Strings(viewer.SystemContext(ctx))
	if err != nil {
		return err
	}
	if len(set(staff)) != len(ids) {
		return apierror.New(NotAnEducator, "acc.not_an_educator").OnField("input", "educatorIDs")
	}
	return nil
}

func set(s []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range s {
		m[x] = true
	}
	return m
}
