package accompaniment_test

import (
	"context"
	"strings"
	"testing"
	"time"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
)

func TestUnansweredRequests(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	c := api.DB.Client
	ctx := context.Background()
	a := request(t, api, api.Token(t, demo.Prescriber), "MIP", nil)
	answered := request(t, api, api.Token(t, demo.Prescriber), "MIP", nil)
	mustStep(t, api, api.Token(t, demo.Coordinator), "startEvaluation", "AccompanimentStepInput", on(answered.ID))
	week, month := 7*24*time.Hour, 30*24*time.Hour
	deadlines := accompaniment.RequestDeadlines{RemindAfter: week, ExpireAfter: month}
	run := func(t *testing.T) {
		t.Helper()
		if _, err := accompaniment.NewService(c, deadlines).EnforceRequestDeadlines(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// messages are the mails of the notices of kind about a (package notify).
	messages := func(kind notification.Kind) []string {
		var bodies []string
		for _, m := range c.OutboxMessage.Query().Where(outboxmessage.AccompanimentID(a.ID),
			outboxmessage.NotificationIDIn(noticesOf(t, api, a.ID, kind)...)).AllX(apitest.Sys) {
			bodies = append(bodies, m.Body)
		}
		return bodies
	}
	status := func() entacc.Status { return c.Accompaniment.GetX(apitest.Sys, a.ID).Status }

	t.Run("a fresh request gets no reminder", func(t *testing.T) {
		run(t)
		if n := len(messages(notification.KindRequestUnanswered)); n != 0 {
			t.Fatalf("%d reminders", n)
		}
	})
	t.Run("after the delay, the coordinators get one reminder, once, naming the family and programme", func(t *testing.T) {
		api.Clock.Advance(week + time.Hour)
		run(t)
		api.Clock.Advance(time.Hour)
		run(t)
		got := messages(notification.KindRequestUnanswered)
		ref := c.Family.GetX(apitest.Sys, a.FamilyID).Reference
		programme := c.Programme.GetX(apitest.Sys, api.Demo.Programmes["MIP"]).Name
		if len(got) != 1 || !strings.Contains(got[0], ref) || !strings.Contains(got[0], programme) {
			t.Fatalf("reminders %q, want one naming %s and %s", got, ref, programme)
		}
		if n := len(noticesOf(t, api, answered.ID, notification.KindRequestUnanswered)); n != 0 {
			t.Fatalf("an answered request got %d reminders", n)
		}
	})
	t.Run("after the longer delay, the request expires and its prescriber is told why, in French", func(t *testing.T) {
		if status() != entacc.StatusRequested {
			t.Fatal("expired before the longer delay")
		}
		api.Clock.Advance(month)
		run(t)
		got := c.Accompaniment.GetX(apitest.Sys, a.ID)
		if got.Status != entacc.StatusExpired || got.ClosedAt == nil || got.StatusReason != "Sans réponse depuis 30 jours." {
			t.Fatalf("%s, %v, reason %q", got.Status, got.ClosedAt, got.StatusReason)
		}
		if told := messages(notification.KindRequestExpired); len(told) != 1 || !strings.Contains(told[0], "sans réponse depuis 30 jours") {
			t.Fatalf("the prescriber was told %q", told)
		}
		if got := c.Accompaniment.GetX(apitest.Sys, answered.ID); got.Status != entacc.StatusEvaluating {
			t.Fatalf("the answered request is %s", got.Status)
		}
	})
}

// However late the job runs, a request past both delays is reminded
// first and expires on a later run, never the reverse.
func TestARequestPastBothDelaysIsRemindedBeforeItExpires(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	c := api.DB.Client
	a := request(t, api, api.Token(t, demo.Prescriber), "MIP", nil)
	deadlines := accompaniment.RequestDeadlines{RemindAfter: 7 * 24 * time.Hour, ExpireAfter: 30 * 24 * time.Hour}
	api.Clock.Advance(45 * 24 * time.Hour)
	if _, err := accompaniment.NewService(c, deadlines).EnforceRequestDeadlines(context.Background()); err != nil {
		t.Fatal(err)
	}
	reminded := len(noticesOf(t, api, a.ID, notification.KindRequestUnanswered)) > 0
	if got := c.Accompaniment.GetX(apitest.Sys, a.ID).Status; !reminded || got != entacc.StatusRequested {
		t.Fatalf("first run: reminded %v, status %s; want a reminder and the request still open", reminded, got)
	}
	api.Clock.Advance(time.Hour)
	if _, err := accompaniment.NewService(c, deadlines).EnforceRequestDeadlines(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := c.Accompaniment.GetX(apitest.Sys, a.ID).Status; got != entacc.StatusExpired {
		t.Fatalf("second run: %s, want EXPIRED", got)
	}
}

// noticesOf lists the notices of kind about an accompaniment.
func noticesOf(t *testing.T, api *apitest.API, id pulid.ID, kind notification.Kind) []pulid.ID {
	t.Helper()
	return api.DB.Client.Notification.Query().Where(notification.AccompanimentID(id), notification.KindEQ(kind)).
		IDsX(apitest.Sys)
}
