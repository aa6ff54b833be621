package workshop_test

import (
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

const cancelSessionDoc = `mutation($in: CancelWorkshopSessionInput!) { cancelWorkshopSession(input: $in) {
	session { id status startsAt cancellationReason revision } errors { code message field } } }`

const moveSessionDoc = `mutation($in: MoveWorkshopSessionInput!) { moveWorkshopSession(input: $in) {
	session { id status startsAt durationMinutes place revision } errors { code message field } } }`

const cancelSeriesDoc = `mutation($in: CancelWorkshopSeriesInput!) { cancelWorkshopSeries(input: $in) {
	series { id status title cancellationReason freeSeats waitingCount } errors { code message field } } }`

const renameSeriesDoc = `mutation($in: RenameWorkshopSeriesInput!) { renameWorkshopSeries(input: $in) {
	series { id title } errors { code message field } } }`

// sessionResult is a session as the payloads show it.
type sessionResult struct {
	ID, Status         string
	StartsAt           time.Time
	DurationMinutes    int
	Place              *string
	CancellationReason *string
	Revision           int
}

// sessionsOf lists the sessions of a series in order, as the portal sees them.
func sessionsOf(t *testing.T, api *apitest.API, s *ent.WorkshopSeries) []*ent.WorkshopSession {
	t.Helper()
	return api.DB.Client.WorkshopSession.Query().Where(workshopsession.SeriesID(s.ID)).
		Order(workshopsession.ByStartsAt()).AllX(apitest.Sys)
}

// mailsTo lists the workshop mails queued for a partner's person.
func mailsTo(t *testing.T, api *apitest.API, account string) []*ent.OutboxMessage {
	t.Helper()
	return api.DB.Client.OutboxMessage.Query().Where(
		outboxmessage.RecipientKindEQ(outboxmessage.RecipientKindPartner),
		outboxmessage.RecipientID(api.Demo.People[account]),
	).Order(outboxmessage.ByQueuedAt(), outboxmessage.ByID()).AllX(apitest.Sys)
}

func TestCancellingASessionTellsItsBookers(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	s := newSeries(t, api, 6, month)
	mustOK(t, book(t, api, api.Token(t, demo.PartnerStaff), s.ID, "cs-1", "CONFIRM_WHAT_FITS", kid("Lina", 8), kid("Adam", 9)))
	sessions := sessionsOf(t, api, s)
	before := len(mailsTo(t, api, demo.PartnerStaff))

	var got sessionResult
	api.Mutate(t, demo.Practitioner, cancelSessionDoc, in(map[string]any{"sessionID": sessions[2].ID, "reason": "  Intervenante malade  "})).
		WantOK(t).Decode(t, "session", &got)
	if got.Status != "CANCELLED" || got.CancellationReason == nil || *got.CancellationReason != "Intervenante malade" || got.Revision != 1 {
		t.Fatalf("cancelled session %+v", got)
	}

	t.Run("the bookings of the series stand for its other sessions", func(t *testing.T) {
		if n := len(statuses(t, api, s.ID)["CONFIRMED"]); n != 2 {
			t.Fatalf("%d confirmed bookings left", n)
		}
	})
	t.Run("the one who booked gets one French e-mail with the date and the reason, no child's name", func(t *testing.T) {
		mails := mailsTo(t, api, demo.PartnerStaff)[before:]
		if len(mails) != 1 {
			t.Fatalf("%d mails for two children booked by one person", len(mails))
		}
		m := mails[0]
		if !strings.HasPrefix(m.Subject, "Séance annulée : ") || !strings.Contains(m.Subject, s.Title) ||
			!strings.Contains(m.Body, "Motif : Intervenante malade") || !strings.Contains(m.Body, sessions[2].StartsAt.In(paris).Format("02/01/2006")) ||
			m.RecipientAddress == "" || m.Status != outboxmessage.StatusPending {
			t.Fatalf("mail %q / %q to %q (%s)", m.Subject, m.Body, m.RecipientAddress, m.Status)
		}
		if strings.Contains(m.Body, "Lina") || strings.Contains(m.Body, "Adam") {
			t.Fatalf("the mail names a child: %q", m.Body)
		}
	})
	t.Run("the one who booked finds the notice in the portal too", func(t *testing.T) {
		var got struct {
			Viewer struct {
				Notifications struct {
					Edges []struct {
						Node struct{ Kind, Title, Text string }
					}
				}
			}
		}
		api.MustSucceed(t, api.Token(t, demo.PartnerStaff), `{ viewer { notifications(first: 5) { edges { node { kind title text } } } } }`, nil, &got)
		edges := got.Viewer.Notifications.Edges
		if len(edges) == 0 || edges[0].Node.Kind != "SESSION_CANCELLED" || edges[0].Node.Title != "Séance annulée : "+s.Title ||
			!strings.Contains(edges[0].Node.Text, "Motif : Intervenante malade") {
			t.Fatalf("inbox %+v", edges)
		}
	})
	t.Run("a cancelled session is cancelled once and is not moved", func(t *testing.T) {
		api.Mutate(t, demo.Practitioner, cancelSessionDoc, in(map[string]any{"sessionID": sessions[2].ID, "reason": "encore"})).
			WantCode(t, "INVALID_TRANSITION")
		p := api.Mutate(t, demo.Coordinator, moveSessionDoc, in(map[string]any{
			"sessionID": sessions[2].ID, "startsAt": api.Clock.Now().Add(2 * month).Format(time.RFC3339)})).WantCode(t, "INVALID_TRANSITION")
		if p.Errors[0].Message != "Cette séance est annulée : elle ne peut plus être déplacée." {
			t.Fatalf("message %q", p.Errors[0].Message)
		}
	})
	t.Run("no attendance is recorded for a cancelled session", func(t *testing.T) {
		api.DB.Client.WorkshopSession.UpdateOneID(sessions[2].ID).SetStartsAt(api.Clock.Now().Add(-time.Hour)).ExecX(apitest.Sys)
		b := statuses(t, api, s.ID)["CONFIRMED"][0]
		api.Mutate(t, demo.Practitioner, `mutation($in: RecordAttendanceInput!) { recordAttendance(input: $in) { errors { code message field } } }`,
			in(map[string]any{"sessionID": sessions[2].ID, "entries": []map[string]any{{"bookingID": b.ID, "present": true}}})).
			WantCode(t, "INVALID_TRANSITION")
	})
	t.Run("a reason is required, in French", func(t *testing.T) {
		p := api.Mutate(t, demo.Coordinator, cancelSessionDoc, in(map[string]any{"sessionID": sessions[3].ID, "reason": " "})).
			WantCode(t, "BAD_USER_INPUT")
		if e := p.Errors[0]; e.Message != "Veuillez indiquer le motif (500 caractères au plus)." || strings.Join(e.Field, ".") != "input.reason" {
			t.Fatalf("error %+v", e)
		}
	})
	t.Run("a session that has begun is neither cancelled nor moved", func(t *testing.T) {
		api.DB.Client.WorkshopSession.UpdateOne(sessions[0]).SetStartsAt(api.Clock.Now().Add(-time.Minute)).ExecX(apitest.Sys)
		p := api.Mutate(t, demo.Coordinator, cancelSessionDoc, in(map[string]any{"sessionID": sessions[0].ID, "reason": "trop tard"})).
			WantCode(t, "SESSION_STARTED")
		if p.Errors[0].Message != "Cette séance a déjà commencé : elle ne peut plus être annulée ni déplacée." {
			t.Fatalf("message %q", p.Errors[0].Message)
		}
		api.Mutate(t, demo.Coordinator, moveSessionDoc, in(map[string]any{
			"sessionID": sessions[0].ID, "startsAt": api.Clock.Now().Add(month).Format(time.RFC3339)})).WantCode(t, "SESSION_STARTED")
	})
}

func TestMovingASession(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	s := newSeries(t, api, 6, month)
	mustOK(t, book(t, api, api.Token(t, demo.PartnerStaff), s.ID, "mv-1", "CONFIRM_WHAT_FITS", kid("Lina", 8)))
	sessions := sessionsOf(t, api, s)
	to := sessions[0].StartsAt.Add(3*24*time.Hour + 30*time.Minute)

	var got sessionResult
	api.Mutate(t, demo.Coordinator, moveSessionDoc, in(map[string]any{
		"sessionID": sessions[0].ID, "startsAt": to.Format(time.RFC3339), "durationMinutes": 90, "place": "Médiathèque"})).
		WantOK(t).Decode(t, "session", &got)
	if !got.StartsAt.Equal(to) || got.DurationMinutes != 90 || got.Place == nil || *got.Place != "Médiathèque" || got.Revision != 1 || got.Status != "SCHEDULED" {
		t.Fatalf("moved session %+v", got)
	}
	t.Run("the series starts with its first session, wherever it was moved", func(t *testing.T) {
		if first := api.DB.Client.WorkshopSeries.GetX(apitest.Sys, s.ID).FirstSessionAt; first == nil || !first.Equal(to) {
			t.Fatalf("first session at %v, want %s", first, to)
		}
	})
	t.Run("the booker is told the old and the new time and the place", func(t *testing.T) {
		mails := mailsTo(t, api, demo.PartnerStaff)
		m := mails[len(mails)-1]
		if !strings.HasPrefix(m.Subject, "Séance déplacée : ") || !strings.Contains(m.Body, to.In(paris).Format("02/01/2006 à 15h04")) ||
			!strings.Contains(m.Body, sessions[0].StartsAt.In(paris).Format("02/01/2006 à 15h04")) || !strings.Contains(m.Body, "Médiathèque") {
			t.Fatalf("mail %q / %q", m.Subject, m.Body)
		}
	})
	t.Run("a session moves to a time to come only, for a sensible length", func(t *testing.T) {
		api.Mutate(t, demo.Coordinator, moveSessionDoc, in(map[string]any{
			"sessionID": sessions[1].ID, "startsAt": api.Clock.Now().Add(-time.Hour).Format(time.RFC3339)})).WantCode(t, "INVALID_SCHEDULE")
		api.Mutate(t, demo.Coordinator, moveSessionDoc, in(map[string]any{
			"sessionID": sessions[1].ID, "startsAt": to.Format(time.RFC3339), "durationMinutes": 5})).WantCode(t, "BAD_USER_INPUT")
	})
	t.Run("an empty place brings the session back to the series' place", func(t *testing.T) {
		api.Mutate(t, demo.Practitioner, moveSessionDoc, in(map[string]any{
			"sessionID": sessions[0].ID, "startsAt": to.Format(time.RFC3339), "place": ""})).WantOK(t).Decode(t, "session", &got)
		if got.Place != nil || got.Revision != 2 {
			t.Fatalf("session %+v", got)
		}
	})
}

func TestOnlyTheCoordinatorAndTheSeriesPractitionerChangeIt(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	s := newSeries(t, api, 6, month)
	// A series nobody runs yet: the provider's practitioner is not its own.
	api.DB.Client.WorkshopSeries.UpdateOne(s).ClearPractitionerID().ExecX(apitest.Sys)
	ses := sessionsOf(t, api, s)[1]
	p := api.Mutate(t, demo.Practitioner, cancelSessionDoc, in(map[string]any{"sessionID": ses.ID, "reason": "x"})).WantCode(t, "FORBIDDEN")
	if msg := p.Errors[0].Message; msg != "Seuls les coordinateurs de la structure et l'intervenant de la série peuvent annuler, déplacer ou renommer ses séances." {
		t.Fatalf("message %q", msg)
	}
	api.Mutate(t, demo.Practitioner, renameSeriesDoc, in(map[string]any{"seriesID": s.ID, "title": "Autre"})).WantCode(t, "FORBIDDEN")
	api.Mutate(t, demo.Coordinator, cancelSessionDoc, in(map[string]any{"sessionID": ses.ID, "reason": "x"})).WantOK(t)
}

func TestCancellingASeriesReleasesItsBookings(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)
	s := newSeries(t, api, 2, month)
	mustOK(t, book(t, api, partner, s.ID, "cser-1", "CONFIRM_WHAT_FITS", kid("A", 8), kid("B", 8), kid("C", 8)))
	before := len(mailsTo(t, api, demo.PartnerStaff))

	var got struct {
		ID, Status, Title       string
		CancellationReason      *string
		FreeSeats, WaitingCount int
	}
	api.Mutate(t, demo.Coordinator, cancelSeriesDoc, in(map[string]any{"seriesID": s.ID, "reason": "Trop peu d'inscrits"})).
		WantOK(t).Decode(t, "series", &got)
	if got.Status != "CANCELLED" || got.CancellationReason == nil || got.FreeSeats != 2 || got.WaitingCount != 0 {
		t.Fatalf("cancelled series %+v", got)
	}
	t.Run("every confirmed and waiting booking is cancelled", func(t *testing.T) {
		byStatus := statuses(t, api, s.ID)
		if len(byStatus["CANCELLED"]) != 3 || len(byStatus) != 1 {
			t.Fatalf("bookings %v", byStatus)
		}
		for _, b := range byStatus["CANCELLED"] {
			if b.CancelledAt == nil {
				t.Fatalf("booking %s has no cancellation date", b.ID)
			}
		}
	})
	t.Run("every session to come is cancelled with the series' reason", func(t *testing.T) {
		for _, ses := range sessionsOf(t, api, s) {
			if ses.Status != workshopsession.StatusCancelled || ses.CancellationReason == nil || *ses.CancellationReason != "Trop peu d'inscrits" || ses.Revision != 1 {
				t.Fatalf("session %+v", ses)
			}
		}
	})
	t.Run("the booker, waiting or confirmed, gets one e-mail", func(t *testing.T) {
		mails := mailsTo(t, api, demo.PartnerStaff)[before:]
		if len(mails) != 1 || !strings.HasPrefix(mails[0].Subject, "Série d'ateliers annulée : ") ||
			!strings.Contains(mails[0].Body, "Vos réservations dans cette série sont annulées.") {
			t.Fatalf("mails %+v", mails)
		}
	})
	t.Run("a cancelled series is cancelled once, and is neither renamed nor changed", func(t *testing.T) {
		p := api.Mutate(t, demo.Coordinator, cancelSeriesDoc, in(map[string]any{"seriesID": s.ID, "reason": "encore"})).WantCode(t, "INVALID_TRANSITION")
		if p.Errors[0].Message != "Cette série d'ateliers ne peut pas passer de l'état « annulé » à l'état « annulé »." {
			t.Fatalf("message %q", p.Errors[0].Message)
		}
		api.Mutate(t, demo.Coordinator, renameSeriesDoc, in(map[string]any{"seriesID": s.ID, "title": "Nouveau"})).WantCode(t, "SERIES_CLOSED")
		api.Mutate(t, demo.Coordinator, moveSessionDoc, in(map[string]any{"sessionID": sessionsOf(t, api, s)[0].ID,
			"startsAt": api.Clock.Now().Add(2 * month).Format(time.RFC3339)})).WantCode(t, "SERIES_CLOSED")
	})
	t.Run("nobody books it any more", func(t *testing.T) {
		book(t, api, partner, s.ID, "cser-2", "CONFIRM_WHAT_FITS", kid("D", 8)).Errors.WantCode(t, "SERIES_CLOSED")
	})
}

func TestRenamingASeries(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	s := newSeries(t, api, 6, month)
	var got struct{ ID, Title string }
	api.Mutate(t, demo.Practitioner, renameSeriesDoc, in(map[string]any{"seriesID": s.ID, "title": "  ARCS – groupe du mercredi "})).
		WantOK(t).Decode(t, "series", &got)
	if got.Title != "ARCS – groupe du mercredi" {
		t.Fatalf("title %q", got.Title)
	}
	p := api.Mutate(t, demo.Coordinator, renameSeriesDoc, in(map[string]any{"seriesID": s.ID, "title": ""})).WantCode(t, "BAD_USER_INPUT")
	if p.Errors[0].Message != "Veuillez indiquer le titre (200 caractères au plus)." {
		t.Fatalf("message %q", p.Errors[0].Message)
	}
}

// TestEveryStatusOfSessionsAndSeries: each change for each status of the
// session and of its series: only a scheduled session of a scheduled
// series is cancelled or moved.
func TestEveryStatusOfSessionsAndSeries(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	type step struct {
		doc  string
		vars func(ses *ent.WorkshopSession) map[string]any
	}
	steps := map[string]step{
		"cancel": {cancelSessionDoc, func(ses *ent.WorkshopSession) map[string]any {
			return in(map[string]any{"sessionID": ses.ID, "reason": "motif"})
		}},
		"move": {moveSessionDoc, func(ses *ent.WorkshopSession) map[string]any {
			return in(map[string]any{"sessionID": ses.ID, "startsAt": ses.StartsAt.Add(time.Hour).Format(time.RFC3339)})
		}},
	}
	for _, c := range []struct {
		series  workshopseries.Status
		session workshopsession.Status
		want    string
	}{
		{workshopseries.StatusScheduled, workshopsession.StatusScheduled, ""},
		{workshopseries.StatusScheduled, workshopsession.StatusCancelled, "INVALID_TRANSITION"},
		{workshopseries.StatusCancelled, workshopsession.StatusScheduled, "SERIES_CLOSED"},
		{workshopseries.StatusCancelled, workshopsession.StatusCancelled, "SERIES_CLOSED"},
	} {
		for name, st := range steps {
			t.Run(name+" a "+string(c.session)+" session of a "+string(c.series)+" series", func(t *testing.T) {
				s := newSeries(t, api, 6, month)
				ses := sessionsOf(t, api, s)[1]
				// Set as the portal's data would hold them (creation-free statuses).
				api.DB.Client.WorkshopSession.UpdateOne(ses).SetStatus(c.session).ExecX(apitest.Sys)
				api.DB.Client.WorkshopSeries.UpdateOne(s).SetStatus(c.series).ExecX(apitest.Sys)
				p := api.Mutate(t, demo.Coordinator, st.doc, st.vars(ses))
				if c.want == "" {
					p.WantOK(t)
				} else {
					p.WantCode(t, c.want)
				}
			})
		}
	}
}

// TestTheDatabaseKeepsTheSessionMachine: whoever writes, a cancelled
// session does not become scheduled again.
func TestTheDatabaseKeepsTheSessionMachine(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ses := sessionsOf(t, api, newSeries(t, api, 6, month))[0]
	c := api.DB.Client
	c.WorkshopSession.UpdateOne(ses).SetStatus(workshopsession.StatusCancelled).ExecX(apitest.Sys)
	if err := c.WorkshopSession.UpdateOneID(ses.ID).SetStatus(workshopsession.StatusScheduled).Exec(apitest.Sys); err == nil {
		t.Fatalf("a cancelled session was scheduled again: %s", c.WorkshopSession.GetX(apitest.Sys, ses.ID).Status)
	}
}
