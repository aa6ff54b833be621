package accompaniment_test

import (
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// A MADI team may include the practitioner, who then follows the file
// like an educator: she reads it, its family and its contacts, and
// records her own home visits.
func TestThePractitionerOfAMADITeamFollowsTheFileLikeAnEducator(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	sys := viewer.SystemContext(t.Context())
	madi := api.DB.Client.Accompaniment.Query().Where(
		accompaniment.StatusEQ(accompaniment.StatusActive),
		accompaniment.HasProgrammeWith(programme.Code("MADI")),
		accompaniment.HasEducatorsWith(person.ID(api.Demo.People[demo.Practitioner])),
	).OnlyX(sys)
	practitioner := api.Token(t, demo.Practitioner)

	t.Run("she reads the file, its family and its contacts", func(t *testing.T) {
		var got struct {
			Node *struct {
				ID            string
				Family        *struct{ Reference string }
				ContactEvents struct{ TotalCount int }
			}
		}
		api.MustSucceed(t, practitioner, `query($id: ID!) { node(id: $id) { ... on Accompaniment {
			id family { reference } contactEvents { totalCount } } } }`, map[string]any{"id": madi.ID}, &got)
		if got.Node == nil || got.Node.Family == nil || got.Node.Family.Reference == "" || got.Node.ContactEvents.TotalCount == 0 {
			t.Fatalf("the practitioner does not see her file: %+v", got.Node)
		}
	})
	t.Run("she records a home visit", func(t *testing.T) {
		r := mutate(t, api, practitioner, "recordContact", "RecordContactInput", "contactEvent", "id kind",
			with(madi.ID, "kind", "HOME_VISIT", "occurredAt", api.Clock.Now().Add(-time.Hour), "durationMinutes", 60,
				"note", "Visite à domicile avec la praticienne."))
		if len(r.Codes()) > 0 || !strings.Contains(string(r.Fields["contactEvent"]), "HOME_VISIT") {
			t.Fatalf("recordContact: %v %s", r.Codes(), r.Fields["contactEvent"])
		}
	})
	t.Run("the practitioner sees no file she is not assigned to", func(t *testing.T) {
		if got := caseload(t, api, practitioner, nil); len(got) != 1 || got[0] != madi.ID {
			t.Fatalf("the practitioner sees %v, want only %s", got, madi.ID)
		}
	})
}
