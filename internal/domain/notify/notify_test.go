package notify_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/domain/notify"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// notice is a notification as its reader gets it.
type notice struct {
	ID              pulid.ID   `json:"id"`
	Kind            string     `json:"kind"`
	Title           string     `json:"title"`
	Text            string     `json:"text"`
	FamilyReference string     `json:"familyReference"`
	ProgrammeName   string     `json:"programmeName"`
	AccompanimentID *pulid.ID  `json:"accompanimentID"`
	ReadAt          *time.Time `json:"readAt"`
}

const inboxDoc = `query($unread: Boolean, $first: Int) { viewer { unreadNotificationCount
	notifications(first: $first, unreadOnly: $unread) { totalCount edges { node {
		id kind title text familyReference programmeName accompanimentID readAt } } } } }`

// inbox is what account reads of their own notices.
func inbox(t *testing.T, api *apitest.API, account string, unreadOnly bool) (list []notice, unread, total int) {
	t.Helper()
	var data struct {
		Viewer struct {
			Unread        int `json:"unreadNotificationCount"`
			Notifications struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Node notice `json:"node"`
				} `json:"edges"`
			} `json:"notifications"`
		} `json:"viewer"`
	}
	api.MustSucceed(t, api.Token(t, account), inboxDoc, map[string]any{"unread": unreadOnly, "first": 100}, &data)
	for _, e := range data.Viewer.Notifications.Edges {
		list = append(list, e.Node)
	}
	return list, data.Viewer.Unread, data.Viewer.Notifications.TotalCount
}

// latest is account's newest notice of kind.
func latest(t *testing.T, api *apitest.API, account string, kind notification.Kind) notice {
	t.Helper()
	list, _, _ := inbox(t, api, account, false)
	for _, n := range list {
		if n.Kind == kind.String() {
			return n
		}
	}
	t.Fatalf("%s has no %s notice", account, kind)
	return notice{}
}

// checkNotice checks that a notice names the family by its reference and
// the programme, and nothing sensitive.
func checkNotice(t *testing.T, api *apitest.API, n notice, f file, code string) {
	t.Helper()
	ref := api.DB.Client.Family.GetX(apitest.Sys, f.FamilyID).Reference
	prog := api.DB.Client.Programme.GetX(apitest.Sys, api.Demo.Programmes[code]).Name
	if n.FamilyReference != ref || n.ProgrammeName != prog || n.AccompanimentID == nil || *n.AccompanimentID != f.ID {
		t.Errorf("notice about %s/%s/%v, want %s/%s/%s", n.FamilyReference, n.ProgrammeName, n.AccompanimentID, ref, prog, f.ID)
	}
	if !strings.Contains(n.Text, ref) || !strings.Contains(n.Text, prog) {
		t.Errorf("text %q names neither %s nor %s", n.Text, ref, prog)
	}
	checkClean(t, n.Title+"\n"+n.Text)
}

func TestEachStepOfAnAccompanimentTellsItsPersonAndOnlyThem(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	a := requested(t, api, "MIP")
	educator, practitioner := api.Demo.People[demo.Educator], api.Demo.People[demo.Practitioner]
	for _, tc := range []struct {
		name    string
		do      func(t *testing.T)
		kind    notification.Kind
		told    []string
		contain []string
	}{
		{"a new request: the provider's coordinator", func(*testing.T) {},
			notification.KindRequestReceived, []string{demo.Coordinator}, nil},
		{"an assignment: the educator", func(t *testing.T) {
			step(t, api, demo.Coordinator, "assignEducators", "AssignEducatorsInput", on(a.ID, "educatorIDs", []pulid.ID{educator}))
		}, notification.KindEducatorAssigned, []string{demo.Educator}, nil},
		{"a second assignment: only the newly assigned", func(t *testing.T) {
			step(t, api, demo.Coordinator, "assignEducators", "AssignEducatorsInput", on(a.ID, "educatorIDs", []pulid.ID{educator, practitioner}))
		}, notification.KindEducatorAssigned, []string{demo.Educator, demo.Practitioner}, nil},
		{"the validation: the prescriber, with the educators' names", func(t *testing.T) {
			consented(t, api, a.FamilyID)
			step(t, api, demo.Coordinator, "startEvaluation", "AccompanimentStepInput", on(a.ID))
			step(t, api, demo.Coordinator, "validateAccompaniment", "AccompanimentStepInput", on(a.ID))
		}, notification.KindRequestValidated, []string{demo.Prescriber}, []string{"Suivi assuré par : ", "Éric Éducateur (démo)", "Paula Praticienne (démo)"}},
		{"the first appointment: the prescriber, with its day", func(t *testing.T) {
			step(t, api, demo.Coordinator, "setFirstAppointment", "SetFirstAppointmentInput",
				on(a.ID, "at", api.Clock.Now().Add(24*time.Hour)))
		}, notification.KindFirstAppointmentSet, []string{demo.Prescriber}, []string{"fixé au " + i18n.Day(api.Clock.Now().Add(24*time.Hour)).In(i18n.French)}},
		{"the final report: the prescriber", func(t *testing.T) {
			api.Clock.Advance(3 * 24 * time.Hour)
			step(t, api, demo.Coordinator, "closeWithFinalReport", "CloseWithFinalReportInput", on(a.ID, "body", "Bilan de l'accompagnement."))
		}, notification.KindFinalReportDelivered, []string{demo.Prescriber}, []string{"remis à la famille"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.do(t)
			if got := told(t, api, a.ID, tc.kind); !slices.Equal(got, tc.told) {
				t.Fatalf("told %v, want %v", got, tc.told)
			}
			if got, want := mailed(t, api, a.ID, tc.kind), email(t, api, tc.told...); !slices.Equal(got, want) {
				t.Fatalf("mailed %v, want %v", got, want)
			}
			n := latest(t, api, tc.told[len(tc.told)-1], tc.kind)
			checkNotice(t, api, n, a, "MIP")
			for _, want := range tc.contain {
				if !strings.Contains(n.Text, want) {
					t.Errorf("text %q, want it to say %q", n.Text, want)
				}
			}
		})
	}
	t.Run("nobody else was told anything", func(t *testing.T) {
		for _, n := range api.DB.Client.Notification.Query().AllX(apitest.Sys) {
			if who := account(api, n.RecipientID); !slices.Contains([]string{demo.Coordinator, demo.Educator, demo.Practitioner, demo.Prescriber}, who) {
				t.Errorf("%s was told %s", who, n.Kind)
			}
			checkClean(t, notify.Title(n).French()+"\n"+notify.Text(n).French()+"\n"+notify.Text(n).In(i18n.English))
		}
	})
}

func TestADeclineTellsThePrescriberTheReason(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	a := requested(t, api, "MIP")
	step(t, api, demo.Coordinator, "startEvaluation", "AccompanimentStepInput", on(a.ID))
	step(t, api, demo.Coordinator, "declineAccompaniment", "DeclineAccompanimentInput",
		on(a.ID, "reason", "OTHER", "text", "hors du secteur couvert"))
	if got := told(t, api, a.ID, notification.KindRequestDeclined); !slices.Equal(got, []string{demo.Prescriber}) {
		t.Fatalf("told %v", got)
	}
	n := latest(t, api, demo.Prescriber, notification.KindRequestDeclined)
	checkNotice(t, api, n, a, "MIP")
	if !strings.Contains(n.Text, "Motif : autre motif (hors du secteur couvert).") {
		t.Fatalf("text %q", n.Text)
	}
	if got := mailed(t, api, a.ID, notification.KindRequestDeclined); !slices.Equal(got, email(t, api, demo.Prescriber)) {
		t.Fatalf("mailed %v", got)
	}
}

func TestAnUnansweredRequestRemindsTheCoordinatorThenTellsThePrescriberItExpired(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	a := requested(t, api, "MIP")
	day := 24 * time.Hour
	run := func(t *testing.T) {
		t.Helper()
		svc := accompaniment.NewService(api.DB.Client, accompaniment.RequestDeadlines{RemindAfter: day, ExpireAfter: 3 * day})
		if _, err := svc.EnforceRequestDeadlines(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	api.Clock.Advance(day + time.Hour)
	run(t)
	run(t)
	if got := told(t, api, a.ID, notification.KindRequestUnanswered); !slices.Equal(got, []string{demo.Coordinator}) {
		t.Fatalf("reminded %v, want the coordinator once", got)
	}
	checkNotice(t, api, latest(t, api, demo.Coordinator, notification.KindRequestUnanswered), a, "MIP")
	api.Clock.Advance(3 * day)
	run(t)
	if got := told(t, api, a.ID, notification.KindRequestExpired); !slices.Equal(got, []string{demo.Prescriber}) {
		t.Fatalf("told of the expiry %v", got)
	}
	n := latest(t, api, demo.Prescriber, notification.KindRequestExpired)
	checkNotice(t, api, n, a, "MIP")
	if !strings.Contains(n.Text, "sans réponse depuis 3 jours") {
		t.Fatalf("text %q", n.Text)
	}
	if got := mailed(t, api, a.ID, notification.KindRequestExpired); !slices.Equal(got, email(t, api, demo.Prescriber)) {
		t.Fatalf("mailed %v", got)
	}
}

// A person who turns a kind's e-mail off still finds it in the portal;
// the other kinds keep coming by e-mail.
func TestAKindsEmailCanBeTurnedOff(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	const doc = `mutation($in: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $in) {
		preference { kind email } errors { code } } }`
	var pref notify.Preference
	api.Mutate(t, demo.Coordinator, doc, map[string]any{"in": map[string]any{"kind": "REQUEST_RECEIVED", "email": false}}).
		WantOK(t).Decode(t, "preference", &pref)
	if pref.Kind != notification.KindRequestReceived || pref.Email {
		t.Fatalf("answered %+v", pref)
	}
	t.Run("the preferences list every kind, e-mail by default", func(t *testing.T) {
		var data struct {
			Viewer struct {
				Prefs []notify.Preference `json:"notificationPreferences"`
			} `json:"viewer"`
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `{ viewer { notificationPreferences { kind email } } }`, nil, &data)
		if len(data.Viewer.Prefs) != len(notify.Kinds()) {
			t.Fatalf("%d preferences, want %d", len(data.Viewer.Prefs), len(notify.Kinds()))
		}
		for _, p := range data.Viewer.Prefs {
			if p.Email != (p.Kind != notification.KindRequestReceived) {
				t.Errorf("%s: email %v", p.Kind, p.Email)
			}
		}
	})
	t.Run("the kind turned off comes to the inbox only", func(t *testing.T) {
		a := requested(t, api, "MIP")
		if got := told(t, api, a.ID, notification.KindRequestReceived); !slices.Equal(got, []string{demo.Coordinator}) {
			t.Fatalf("told %v", got)
		}
		if got := mailed(t, api, a.ID, notification.KindRequestReceived); len(got) != 0 {
			t.Fatalf("mailed %v", got)
		}
		step(t, api, demo.Coordinator, "assignEducators", "AssignEducatorsInput",
			on(a.ID, "educatorIDs", []pulid.ID{api.Demo.People[demo.Educator]}))
		if got := mailed(t, api, a.ID, notification.KindEducatorAssigned); !slices.Equal(got, email(t, api, demo.Educator)) {
			t.Fatalf("another person's kind: mailed %v", got)
		}
	})
	t.Run("turned on again, it comes by e-mail again", func(t *testing.T) {
		api.Mutate(t, demo.Coordinator, doc, map[string]any{"in": map[string]any{"kind": "REQUEST_RECEIVED", "email": true}}).WantOK(t)
		a := requested(t, api, "MIP")
		if got := mailed(t, api, a.ID, notification.KindRequestReceived); !slices.Equal(got, email(t, api, demo.Coordinator)) {
			t.Fatalf("mailed %v", got)
		}
	})
}
