package accompaniment_test

import (
	"context"
	"testing"
	"time"

	"github.com/reseau-liens/portal/accompaniment"
	"github.com/reseau-liens/portal/demo"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/server/apitest"
)

func TestUnansweredRequests(t *testing.T) {
	api := apitest.New(t)
	c := api.DB.Client
	ctx := context.Background()
	a := request(t, api, api.Token(t, demo.Prescriber), "MIP", nil)
	answered := request(t, api, api.Token(t, demo.Prescriber), "MIP", nil)
	mustStep(t, api, api.Token(t, demo.Coordinator), "startEvaluation", "AccompanimentStepInput", on(answered.ID))
	week, month := 7*24*time.Hour, 30*24*time.Hour
	reminders := func() int {
		return c.OutboxMessage.Query().Where(outboxmessage.AccompanimentID(a.ID),
			outboxmessage.RecipientKindEQ(outboxmessage.RecipientKindCoordinator)).CountX(sys)
	}

	t.Run("a fresh request gets no reminder", func(t *testing.T) {
		if _, err := accompaniment.RemindUnansweredRequests(ctx, c, week, api.Clock.Now()); err != nil || reminders() != 0 {
			t.Fatalf("%d reminders, %v", reminders(), err)
		}
	})
	t.Run("after the delay, the coordinators get one reminder, once", func(t *testing.T) {
		later := api.Clock.Now().Add(week + time.Hour)
		for range 2 {
			if _, err := accompaniment.RemindUnansweredRequests(ctx, c, week, later); err != nil {
				t.Fatal(err)
			}
		}
		if reminders() != 1 {
			t.Fatalf("%d reminders", reminders())
		}
		if n := c.OutboxMessage.Query().Where(outboxmessage.AccompanimentID(answered.ID)).CountX(sys); n != 0 {
			t.Fatalf("an answered request got %d reminders", n)
		}
	})
	t.Run("after the longer delay, the request expires; an answered one does not", func(t *testing.T) {
		if n, err := accompaniment.ExpireUnansweredRequests(ctx, c, month, api.Clock.Now()); err != nil || n != 0 {
			t.Fatalf("%d expired too early, %v", n, err)
		}
		if _, err := accompaniment.ExpireUnansweredRequests(ctx, c, month, api.Clock.Now().Add(month+time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got := c.Accompaniment.GetX(sys, a.ID); got.Status != entacc.StatusExpired || got.ClosedAt == nil {
			t.Fatalf("%s", got.Status)
		}
		if got := c.Accompaniment.GetX(sys, answered.ID); got.Status != entacc.StatusEvaluating {
			t.Fatalf("the answered request is %s", got.Status)
		}
	})
}
