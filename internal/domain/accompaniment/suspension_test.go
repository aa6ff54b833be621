package accompaniment_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

const (
	suspendDoc = `mutation($in: SuspendAccompanimentInput!) { suspendAccompaniment(input: $in) {
		accompaniment { id status endsAt } errors { code message field } } }`
	resumeDoc = `mutation($in: ResumeAccompanimentInput!) { resumeAccompaniment(input: $in) {
		accompaniment { id status endsAt } errors { code message field } } }`
	requestExtensionDoc = `mutation($in: RequestExtensionInput!) { requestExtension(input: $in) {
		extension { id status months } errors { code message field } } }`
	decideExtensionDoc = `mutation($in: DecideExtensionInput!) { decideExtension(input: $in) {
		extension { id status previousEndsAt endsAt decidedBy { id } accompaniment { id endsAt } } errors { code message field } } }`
)

func vars(input map[string]any) map[string]any { return map[string]any{"in": input} }

// dayString writes a day as the Date scalar reads it.
func dayString(d time.Time) string { return d.Format(time.DateOnly) }

type fileDates struct {
	Status string     `json:"status"`
	EndsAt *time.Time `json:"endsAt"`
}

func endsOf(t *testing.T, p apitest.Payload) fileDates {
	t.Helper()
	var a fileDates
	p.WantOK(t).Decode(t, "accompaniment", &a)
	return a
}

// Resuming a suspended accompaniment moves its end date back by exactly
// the days it was suspended, at the same hour in Paris; resuming the day
// it was suspended moves nothing. The suspension is dated in the file's
// history.
func TestResumingPushesTheEndDateBackByTheDaysSuspended(t *testing.T) {
	t.Parallel()
	for _, days := range []int{0, 1, 17, 45} {
		t.Run(fmt.Sprintf("%d days suspended", days), func(t *testing.T) {
			t.Parallel()
			api := apitest.New(t)
			id := api.Demo.Accompaniments[accompaniment.StatusActive]
			before := api.DB.Client.Accompaniment.GetX(apitest.Sys, id)
			today := clock.DayOf(api.Clock.Now(), clock.Paris)
			from := today.AddDate(0, 0, -days)

			suspended := endsOf(t, api.Mutate(t, demo.Coordinator, suspendDoc,
				vars(map[string]any{"accompanimentID": id, "reason": "HOSPITALISATION", "on": dayString(from)})))
			if suspended.Status != "SUSPENDED" || !suspended.EndsAt.Equal(*before.EndsAt) {
				t.Fatalf("suspended: %+v, want SUSPENDED ending %v still", suspended, before.EndsAt)
			}
			resumed := endsOf(t, api.Mutate(t, demo.Coordinator, resumeDoc, vars(map[string]any{"accompanimentID": id})))
			want := before.EndsAt.In(clock.Paris).AddDate(0, 0, days).UTC()
			if resumed.Status != "ACTIVE" || resumed.EndsAt == nil || !resumed.EndsAt.Equal(want) {
				t.Fatalf("resumed: %+v, want ACTIVE ending %v (%v + %d days)", resumed, want, before.EndsAt, days)
			}

			var got struct {
				Node struct {
					Suspensions struct {
						Edges []struct {
							Node struct {
								Reason      string  `json:"reason"`
								StartsOn    string  `json:"startsOn"`
								ResumedOn   *string `json:"resumedOn"`
								Days        *int    `json:"days"`
								SuspendedBy struct {
									ID pulid.ID `json:"id"`
								} `json:"suspendedBy"`
							} `json:"node"`
						} `json:"edges"`
					} `json:"suspensions"`
				} `json:"node"`
			}
			api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($id: ID!) { node(id: $id) { ... on Accompaniment {
				suspensions { edges { node { reason startsOn resumedOn days suspendedBy { id } } } } } } }`,
				map[string]any{"id": id}, &got)
			h := got.Node.Suspensions.Edges
			if len(h) != 1 {
				t.Fatalf("%d suspensions in the history, want 1", len(h))
			}
			s := h[0].Node
			if s.Reason != "HOSPITALISATION" || s.StartsOn != dayString(from) || s.ResumedOn == nil ||
				*s.ResumedOn != dayString(today) || s.Days == nil || *s.Days != days ||
				s.SuspendedBy.ID != api.Demo.People[demo.Coordinator] {
				t.Errorf("history %+v: want HOSPITALISATION from %s to %s, %d days, by the coordinator",
					s, dayString(from), dayString(today), days)
			}
		})
	}
}

// progressDoc reads the figures a suspension freezes.
const progressDoc = `query($id: ID!) { node(id: $id) { ... on Accompaniment { status progress {
	daysElapsed daysLeft lagging foundingDocumentOverdue finalReportOverdue } } } }`

type suspendedProgress struct {
	Node struct {
		Status   string `json:"status"`
		Progress struct {
			DaysElapsed             *int `json:"daysElapsed"`
			DaysLeft                *int `json:"daysLeft"`
			Lagging                 bool `json:"lagging"`
			FoundingDocumentOverdue bool `json:"foundingDocumentOverdue"`
			FinalReportOverdue      bool `json:"finalReportOverdue"`
		} `json:"progress"`
	} `json:"node"`
}

// While suspended, time does not run for the file: its days elapsed and
// left stay as they were, and nothing is overdue; resuming moves its due
// dates back by the days suspended. (The clock moves 25 days in all: the
// demo tokens last 30.)
func TestSuspensionFreezesTheProgressAndTheDueDates(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Coordinator)
	// A fresh file with no document and no contact, started 40 days ago:
	// its founding document fell due 10 days ago.
	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
	mustStep(t, api, tm.coordinator, "setFirstAppointment", "SetFirstAppointmentInput",
		with(a.ID, "at", api.Clock.Now().Add(-40*24*time.Hour).UTC().Truncate(time.Second)))
	read := func() suspendedProgress {
		var p suspendedProgress
		api.MustSucceed(t, token, progressDoc, map[string]any{"id": a.ID}, &p)
		return p
	}
	near := func(got, want int) bool { return got >= want-1 && got <= want+1 }
	if !read().Node.Progress.FoundingDocumentOverdue {
		t.Fatal("40 days after the start without a document: not overdue")
	}
	from := clock.DayOf(api.Clock.Now(), clock.Paris).AddDate(0, 0, -20)
	api.Mutate(t, demo.Coordinator, suspendDoc, vars(map[string]any{"accompanimentID": a.ID, "reason": "MOVE", "on": dayString(from)})).WantOK(t)
	at := read()
	if p := at.Node.Progress; at.Node.Status != "SUSPENDED" || !near(*p.DaysElapsed, 20) || p.FoundingDocumentOverdue || p.Lagging {
		t.Errorf("suspended 20 days ago: %+v, want 20 days elapsed and nothing overdue", p)
	}
	api.Clock.Advance(10 * 24 * time.Hour)
	during := read().Node.Progress
	if !near(*during.DaysLeft, *at.Node.Progress.DaysLeft) || !near(*during.DaysElapsed, *at.Node.Progress.DaysElapsed) {
		t.Errorf("10 days more suspended: %+v, want the days of %+v", during, at.Node.Progress)
	}
	if during.Lagging || during.FoundingDocumentOverdue || during.FinalReportOverdue {
		t.Errorf("a suspended file is overdue: %+v", during)
	}
	api.Mutate(t, demo.Coordinator, resumeDoc, vars(map[string]any{"accompanimentID": a.ID})).WantOK(t)
	after := read().Node.Progress
	if !near(*after.DaysLeft, *at.Node.Progress.DaysLeft) || after.FoundingDocumentOverdue {
		t.Errorf("resumed after 30 days suspended: %+v, want %d days left and the document not due yet (20 active days)",
			after, *at.Node.Progress.DaysLeft)
	}
	api.Clock.Advance(15 * 24 * time.Hour) // 35 active days after the start
	if late := read().Node.Progress; !late.FoundingDocumentOverdue {
		t.Errorf("35 active days after the start without a document: not overdue %+v", late)
	}
}

// Only an active file is suspended, only a suspended one resumed: every
// other status is refused in French, naming both statuses. A suspended
// family may still withdraw.
func TestSuspensionFollowsTheStatusMachine(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	for status, id := range api.Demo.Accompaniments {
		if status == accompaniment.StatusActive {
			continue
		}
		t.Run(string(status), func(t *testing.T) {
			p := api.Mutate(t, demo.Coordinator, suspendDoc, vars(map[string]any{"accompanimentID": id, "reason": "MOVE"}))
			p.WantCode(t, "INVALID_TRANSITION")
			if msg := p.Errors[0].Message; !strings.Contains(msg, "Ce dossier ne peut pas passer") || !strings.Contains(msg, "« suspendu »") {
				t.Errorf("refusal %q", msg)
			}
			api.Mutate(t, demo.Coordinator, resumeDoc, vars(map[string]any{"accompanimentID": id})).WantCode(t, "INVALID_TRANSITION")
		})
	}
	active := api.Demo.Accompaniments[accompaniment.StatusActive]
	t.Run("an active file resumes nothing", func(t *testing.T) {
		api.Mutate(t, demo.Coordinator, resumeDoc, vars(map[string]any{"accompanimentID": active})).WantCode(t, "INVALID_TRANSITION")
	})
	t.Run("another reason needs a comment", func(t *testing.T) {
		p := api.Mutate(t, demo.Coordinator, suspendDoc, vars(map[string]any{"accompanimentID": active, "reason": "OTHER"}))
		p.WantCode(t, "REASON_REQUIRED")
		if !strings.HasPrefix(p.Errors[0].Message, "Veuillez préciser le motif") {
			t.Errorf("refusal %q", p.Errors[0].Message)
		}
	})
	t.Run("a suspension starts between the start and today", func(t *testing.T) {
		a := api.DB.Client.Accompaniment.GetX(apitest.Sys, active)
		for _, day := range []time.Time{
			clock.DayOf(*a.StartsAt, clock.Paris).AddDate(0, 0, -1),
			clock.DayOf(api.Clock.Now(), clock.Paris).AddDate(0, 0, 1),
		} {
			p := api.Mutate(t, demo.Coordinator, suspendDoc, vars(map[string]any{"accompanimentID": active, "reason": "MOVE", "on": dayString(day)}))
			p.WantCode(t, "DATE_OUT_OF_RANGE")
			if !strings.HasPrefix(p.Errors[0].Message, "La suspension doit commencer entre") {
				t.Errorf("refusal %q", p.Errors[0].Message)
			}
		}
	})
	t.Run("suspended twice", func(t *testing.T) {
		api.Mutate(t, demo.Coordinator, suspendDoc, vars(map[string]any{"accompanimentID": active, "reason": "MOVE"})).WantOK(t)
		api.Mutate(t, demo.Coordinator, suspendDoc, vars(map[string]any{"accompanimentID": active, "reason": "MOVE"})).
			WantCode(t, "INVALID_TRANSITION")
	})
	t.Run("a suspended family withdraws", func(t *testing.T) {
		a := endsOf(t, api.Mutate(t, demo.Coordinator, `mutation($in: EndAccompanimentInput!) { withdrawAccompaniment(input: $in) {
			accompaniment { status endsAt } errors { code message field } } }`,
			vars(map[string]any{"accompanimentID": active, "reason": "La famille a déménagé."})))
		if a.Status != "WITHDRAWN" {
			t.Errorf("status %s", a.Status)
		}
	})
}

// An extension is asked by the coordinator and decided by a prescriber of
// the organisation financing the place (the departmental council for the
// demo's active MIP): its approval moves the end date by its months; the
// file's extensions add three months at most; both steps are dated.
func TestExtensionIsDecidedByTheFinancersPrescriber(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	id := api.Demo.Accompaniments[accompaniment.StatusActive]
	a := api.DB.Client.Accompaniment.GetX(apitest.Sys, id)
	ask := func(months int) apitest.Payload {
		return api.Mutate(t, demo.Coordinator, requestExtensionDoc,
			vars(map[string]any{"accompanimentID": id, "months": months, "reason": "Hospitalisation de la mère."}))
	}
	p := ask(4).WantCode(t, "EXTENSION_TOO_LONG")
	if !strings.HasPrefix(p.Errors[0].Message, "Les prolongations d'un accompagnement ne peuvent dépasser 3 mois") {
		t.Errorf("refusal %q", p.Errors[0].Message)
	}
	var ext struct {
		ID     pulid.ID `json:"id"`
		Status string   `json:"status"`
	}
	ask(2).WantOK(t).Decode(t, "extension", &ext)
	if ext.Status != "REQUESTED" {
		t.Fatalf("extension %+v", ext)
	}
	ask(1).WantCode(t, "EXTENSION_PENDING")

	approve := vars(map[string]any{"extensionID": ext.ID, "approved": true})
	for _, account := range apitest.EveryAccount() {
		if account == demo.Prescriber {
			continue
		}
		t.Run(account+" does not decide", func(t *testing.T) {
			p := api.Mutate(t, account, decideExtensionDoc, approve)
			if codes := p.Codes(); len(codes) != 1 || (codes[0] != "FORBIDDEN" && codes[0] != "NOT_FOUND" && codes[0] != "UNAUTHENTICATED") {
				t.Errorf("%s: %v", account, codes)
			}
		})
	}
	t.Run("the coordinator is told who decides", func(t *testing.T) {
		p := api.Mutate(t, demo.Coordinator, decideExtensionDoc, approve).WantCode(t, "FORBIDDEN")
		if !strings.HasPrefix(p.Errors[0].Message, "Seul un prescripteur de l'organisation qui finance la place") {
			t.Errorf("refusal %q", p.Errors[0].Message)
		}
	})
	t.Run("a refusal needs a note", func(t *testing.T) {
		api.Mutate(t, demo.Prescriber, decideExtensionDoc, vars(map[string]any{"extensionID": ext.ID, "approved": false})).
			WantCode(t, "REASON_REQUIRED")
	})

	var decided struct {
		Status         string     `json:"status"`
		PreviousEndsAt *time.Time `json:"previousEndsAt"`
		EndsAt         *time.Time `json:"endsAt"`
		DecidedBy      struct {
			ID pulid.ID `json:"id"`
		} `json:"decidedBy"`
		Accompaniment struct {
			EndsAt time.Time `json:"endsAt"`
		} `json:"accompaniment"`
	}
	api.Mutate(t, demo.Prescriber, decideExtensionDoc, approve).WantOK(t).Decode(t, "extension", &decided)
	want := a.StartsAt.In(clock.Paris).AddDate(0, 6+2, 0).UTC()
	if decided.Status != "APPROVED" || decided.PreviousEndsAt == nil || !decided.PreviousEndsAt.Equal(*a.EndsAt) ||
		decided.EndsAt == nil || !decided.EndsAt.Equal(want) || !decided.Accompaniment.EndsAt.Equal(want) ||
		decided.DecidedBy.ID != api.Demo.People[demo.Prescriber] {
		t.Errorf("approval %+v: want APPROVED by the prescriber, from %v to %v", decided, a.EndsAt, want)
	}
	api.Mutate(t, demo.Prescriber, decideExtensionDoc, approve).WantCode(t, "INVALID_TRANSITION")
	ask(2).WantCode(t, "EXTENSION_TOO_LONG") // 2 granted + 2 > 3

	t.Run("a suspension after the extension keeps it", func(t *testing.T) {
		from := clock.DayOf(api.Clock.Now(), clock.Paris).AddDate(0, 0, -5)
		api.Mutate(t, demo.Coordinator, suspendDoc, vars(map[string]any{"accompanimentID": id, "reason": "MOVE", "on": dayString(from)})).WantOK(t)
		resumed := endsOf(t, api.Mutate(t, demo.Coordinator, resumeDoc, vars(map[string]any{"accompanimentID": id})))
		if want := a.StartsAt.In(clock.Paris).AddDate(0, 8, 0).AddDate(0, 0, 5).UTC(); !resumed.EndsAt.Equal(want) {
			t.Errorf("ends %v, want %v", resumed.EndsAt, want)
		}
	})
}
