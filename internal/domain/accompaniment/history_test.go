package accompaniment_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// Moving a first appointment moves the start and end dates; the file
// keeps every date it was given, who gave it and when, for its
// coordinators to read.
func TestMovingTheFirstAppointmentKeepsTheEarlierDate(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
	first := api.Clock.Now().Add(72 * time.Hour).UTC().Truncate(time.Second)
	mustStep(t, api, tm.appointer, "setFirstAppointment", "SetFirstAppointmentInput", with(a.ID, "at", first))
	setAt := api.Clock.Now()
	api.Clock.Advance(2 * time.Hour)
	moved := first.Add(7 * 24 * time.Hour)
	a = mustStep(t, api, tm.coordinator, "setFirstAppointment", "SetFirstAppointmentInput", with(a.ID, "at", moved))
	if !a.StartsAt.Equal(moved) {
		t.Fatalf("starts %v, want the new date %v", a.StartsAt, moved)
	}

	var got struct {
		Node struct {
			FirstAppointmentChanges struct {
				Edges []struct {
					Node struct {
						PreviousAt *time.Time `json:"previousAt"`
						At         time.Time  `json:"at"`
						ChangedAt  time.Time  `json:"changedAt"`
						Actor      *struct {
							ID pulid.ID `json:"id"`
						} `json:"actor"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"firstAppointmentChanges"`
		} `json:"node"`
	}
	api.MustSucceed(t, tm.coordinator, `query($id: ID!) { node(id: $id) { ... on Accompaniment {
		firstAppointmentChanges(orderBy: {field: CHANGED_AT, direction: ASC}) { edges { node { previousAt at changedAt actor { id } } } } } } }`,
		map[string]any{"id": a.ID}, &got)
	history := got.Node.FirstAppointmentChanges.Edges
	if len(history) != 2 {
		t.Fatalf("%d changes in the history, want 2: %+v", len(history), history)
	}
	set, move := history[0].Node, history[1].Node
	if set.PreviousAt != nil || !set.At.Equal(first) || !set.ChangedAt.Equal(setAt) ||
		set.Actor == nil || set.Actor.ID != api.Demo.People[demo.Prescriber] {
		t.Errorf("first setting %+v: want none before, %v, set at %v by the prescriber", set, first, setAt)
	}
	if move.PreviousAt == nil || !move.PreviousAt.Equal(first) || !move.At.Equal(moved) ||
		!move.ChangedAt.Equal(setAt.Add(2*time.Hour)) || move.Actor == nil || move.Actor.ID != api.Demo.People[demo.Coordinator] {
		t.Errorf("move %+v: want %v kept as the earlier date, moved to %v by the coordinator", move, first, moved)
	}

	t.Run("a prescriber, who follows dates and not the file, does not read its history", func(t *testing.T) {
		var theirs struct {
			Node *struct {
				FirstAppointmentChanges struct {
					Edges []json.RawMessage `json:"edges"`
				} `json:"firstAppointmentChanges"`
			} `json:"node"`
		}
		res := api.Do(t, tm.appointer, `query($id: ID!) { node(id: $id) { ... on Accompaniment {
			firstAppointmentChanges { edges { node { at } } } } } }`, map[string]any{"id": a.ID})
		_ = json.Unmarshal(res.Data, &theirs)
		if theirs.Node != nil && len(theirs.Node.FirstAppointmentChanges.Edges) > 0 {
			t.Errorf("the prescriber reads %d changes", len(theirs.Node.FirstAppointmentChanges.Edges))
		}
	})
}

// Revising the stakes/missions/work map with one part keeps the other
// two as they were; an empty text clears a part.
func TestRevisingOnePartOfTheMapKeepsTheOthers(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
	mustStep(t, api, tm.coordinator, "assignEducators", "AssignEducatorsInput", with(a.ID, "educatorIDs", []pulid.ID{tm.educatorID}))
	mapID := writeDoc(t, api, tm.educator, with(a.ID, "kind", "STAKES_MAP", "body", "Carte EMT.",
		"stakes", "Sécuriser le lien", "missions", "Soutenir la mère", "work", "Visites hebdomadaires"))

	type revision struct {
		Number                       int
		Body, Stakes, Missions, Work string
	}
	revise := func(input map[string]any) revision {
		t.Helper()
		input["documentID"] = mapID
		r := mutate(t, api, tm.educator, "reviseDocument", "ReviseDocumentInput", "document",
			"revisions { number body stakes missions work }", input)
		var doc struct{ Revisions []revision }
		if len(r.Codes()) > 0 || json.Unmarshal(r.Fields["document"], &doc) != nil || len(doc.Revisions) == 0 {
			t.Fatalf("reviseDocument: %v %s", r.Codes(), r.Fields["document"])
		}
		last := doc.Revisions[0]
		for _, rev := range doc.Revisions {
			if rev.Number > last.Number {
				last = rev
			}
		}
		return last
	}

	got := revise(map[string]any{"missions": "Soutenir les deux parents"})
	want := revision{2, "Carte EMT.", "Sécuriser le lien", "Soutenir les deux parents", "Visites hebdomadaires"}
	if got != want {
		t.Errorf("revision with the missions only: %+v, want %+v", got, want)
	}
	got = revise(map[string]any{"work": ""})
	want = revision{3, "Carte EMT.", "Sécuriser le lien", "Soutenir les deux parents", ""}
	if got != want {
		t.Errorf("revision clearing the work: %+v, want %+v", got, want)
	}
}
