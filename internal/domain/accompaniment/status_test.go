package accompaniment_test

import (
	"testing"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// The status machine holds at the data layer: even a write that skips
// the workflow (here, straight through the client as the portal) cannot
// move a file along a step the machine does not have.
func TestNoWriteSkipsTheStatusMachine(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	c := api.DB.Client
	statuses := map[string]bool{}
	for from, targets := range schema.AccompanimentMoves {
		statuses[from] = true
		for _, to := range targets {
			statuses[to] = true
		}
	}
	for s := range statuses {
		if err := entacc.StatusValidator(entacc.Status(s)); err != nil {
			t.Errorf("the machine names a status the schema lacks: %s", s)
		}
	}
	if n := len(schemaStatuses(t)); len(statuses) != n {
		t.Errorf("the machine reaches %d statuses, the schema has %d", len(statuses), n)
	}
	t.Run("one file: every move the machine lacks is refused, every move it has is taken", func(t *testing.T) {
		for from := range statuses {
			for to := range statuses {
				if from == to {
					continue
				}
				a := c.Accompaniment.Create().SetProviderID(api.Demo.ProviderID).SetFamilyID(api.Demo.FamilyID).
					SetProgrammeID(api.Demo.Programmes["MIP"]).SetStatus(entacc.Status(from)).SaveX(apitest.Sys)
				err := c.Accompaniment.UpdateOne(a).SetStatus(entacc.Status(to)).Exec(apitest.Sys)
				allowed := schema.AccompanimentMoves.CanMove(from, to)
				if e, refused := apierror.As(err); allowed && err != nil || !allowed && (!refused || e.Code != statemachine.InvalidTransition) {
					t.Errorf("%s → %s: allowed %v, got %v", from, to, allowed, err)
				}
			}
		}
	})
	t.Run("many files: an update reaches only the files that may move", func(t *testing.T) {
		before := map[entacc.Status]int{}
		for _, a := range c.Accompaniment.Query().AllX(apitest.Sys) {
			before[a.Status]++
		}
		n := c.Accompaniment.Update().SetStatus(entacc.StatusExpired).SaveX(apitest.Sys)
		if want := before[entacc.StatusRequested] + before[entacc.StatusEvaluating]; n != want {
			t.Fatalf("%d files expired, want the %d requested or under evaluation", n, want)
		}
		if got := c.Accompaniment.Query().Where(entacc.StatusEQ(entacc.StatusClosed)).CountX(apitest.Sys); got != before[entacc.StatusClosed] {
			t.Fatalf("%d closed files left of %d", got, before[entacc.StatusClosed])
		}
	})
}

// schemaStatuses are the values of the accompaniment's status field, as
// the ent schema declares them.
func schemaStatuses(t *testing.T) []string {
	for _, f := range (schema.Accompaniment{}).Fields() {
		if d := f.Descriptor(); d.Name == "status" {
			var values []string
			for _, e := range d.Enums {
				values = append(values, e.V)
			}
			return values
		}
	}
	t.Fatal("the accompaniment has no status field")
	return nil
}
