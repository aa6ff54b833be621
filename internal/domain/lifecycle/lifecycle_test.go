package lifecycle_test

import (
	"context"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/appointment"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/lifecycle"

	_ "github.com/reseau-liens/portal/ent/runtime"
)

const retention = 3 * 365 * 24 * time.Hour

// file reads a family's whole file as the portal.
func file(t *testing.T, c *ent.Client, id pulid.ID) *ent.Family {
	t.Helper()
	f, err := c.Family.Query().Where(family.ID(id)).
		WithGuardians(func(q *ent.GuardianQuery) { q.Order(ent.Asc("id")) }).
		WithChildren(func(q *ent.ChildQuery) { q.Order(ent.Asc("id")) }).
		WithAccompaniments(func(q *ent.AccompanimentQuery) {
			q.Order(ent.Asc("id")).
				WithContactEvents(func(q *ent.ContactEventQuery) { q.Order(ent.Asc("id")) }).
				WithDocuments(func(q *ent.DocumentQuery) { q.WithRevisions() })
		}).Only(apitest.Sys)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// closedFamily is a demo family of Au bonheur des liens whose
// accompaniments are all over.
func closedFamily(t *testing.T, api *apitest.API) pulid.ID {
	t.Helper()
	id, err := api.DB.Client.Family.Query().Where(
		family.ProviderID(api.Demo.ProviderID),
		family.HasAccompaniments(),
		family.Not(family.HasAccompanimentsWith(accompaniment.StatusIn(
			accompaniment.StatusRequested, accompaniment.StatusEvaluating, accompaniment.StatusActive))),
	).FirstID(apitest.Sys)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// assertAnonymised checks that after lost its names and notes and kept
// its figures.
func assertAnonymised(t *testing.T, before, after *ent.Family) {
	t.Helper()
	if after.AnonymisedAt == nil {
		t.Error("anonymised_at is not set")
	}
	if after.Reference != before.Reference || after.HouseholdComposition != before.HouseholdComposition ||
		after.Territory != before.Territory || !equalPtr(after.SocioEconomicSituation, before.SocioEconomicSituation) {
		t.Errorf("the family's figures changed: %+v -> %+v", before, after)
	}
	if after.PostalAddress != "" || after.Phone != "" {
		t.Errorf("the family keeps its address %q and phone %q", after.PostalAddress, after.Phone)
	}
	if len(after.Edges.Guardians) != len(before.Edges.Guardians) || len(after.Edges.Children) != len(before.Edges.Children) {
		t.Fatalf("the composition changed")
	}
	for i, g := range after.Edges.Guardians {
		if g.FirstName != "" || g.LastName != "" || g.Phone != "" || g.Email != "" {
			t.Errorf("guardian keeps %q %q %q %q", g.FirstName, g.LastName, g.Phone, g.Email)
		}
		if g.Relationship != before.Edges.Guardians[i].Relationship {
			t.Errorf("guardian relationship changed")
		}
	}
	for i, c := range after.Edges.Children {
		if c.FirstName != "" {
			t.Errorf("child keeps %q", c.FirstName)
		}
		if !c.BirthDate.Equal(before.Edges.Children[i].BirthDate) || !equalPtr(c.SchoolLevel, before.Edges.Children[i].SchoolLevel) {
			t.Errorf("child figures changed")
		}
	}
	notes := 0
	for i, a := range after.Edges.Accompaniments {
		b := before.Edges.Accompaniments[i]
		if a.RequestNote != "" || a.StatusReason != "" {
			t.Errorf("accompaniment keeps its notes")
		}
		if a.Status != b.Status || a.ProgrammeID != b.ProgrammeID || !equalTime(a.StartsAt, b.StartsAt) || !equalTime(a.ClosedAt, b.ClosedAt) {
			t.Errorf("accompaniment figures changed")
		}
		if len(a.Edges.ContactEvents) != len(b.Edges.ContactEvents) {
			t.Errorf("contacts were deleted")
		}
		for j, c := range a.Edges.ContactEvents {
			notes += len(b.Edges.ContactEvents[j].Note)
			if c.Note != "" || c.Kind != b.Edges.ContactEvents[j].Kind || !c.OccurredAt.Equal(b.Edges.ContactEvents[j].OccurredAt) {
				t.Errorf("contact keeps its note or lost its figures")
			}
		}
		for _, d := range a.Edges.Documents {
			for _, r := range d.Edges.Revisions {
				if r.Body != "" || r.Stakes != "" || r.Missions != "" || r.Work != "" {
					t.Errorf("document revision keeps its text")
				}
			}
		}
	}
	if notes == 0 && len(before.Edges.Guardians) == 0 {
		t.Fatal("the demo file had nothing to remove: the test proves nothing")
	}
}

func equalPtr[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func equalTime(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}

func TestClosedFilesAreAnonymisedAfterTheRetentionPeriod(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	c := api.DB.Client
	closed := closedFamily(t, api)
	before := file(t, c, closed)
	active := file(t, c, api.Demo.FamilyID)
	events := c.AuditEvent.Query().CountX(apitest.Sys)

	t.Run("nothing before the retention period has passed", func(t *testing.T) {
		n, err := lifecycle.NewService(c, retention).AnonymiseExpired(context.Background(), api.Clock.Now())
		if err != nil || n != 0 {
			t.Fatalf("anonymised %d, err %v", n, err)
		}
	})
	n, err := lifecycle.NewService(c, retention).AnonymiseExpired(context.Background(), api.Clock.Now().Add(retention+24*time.Hour))
	if err != nil || n == 0 {
		t.Fatalf("anonymised %d, err %v", n, err)
	}
	t.Run("a closed file keeps its figures and loses its names", func(t *testing.T) {
		assertAnonymised(t, before, file(t, c, closed))
	})
	t.Run("a file in progress is untouched", func(t *testing.T) {
		after := file(t, c, api.Demo.FamilyID)
		if after.AnonymisedAt != nil || after.Edges.Guardians[0].LastName != active.Edges.Guardians[0].LastName {
			t.Fatal("the active file was anonymised")
		}
	})
	t.Run("the audit trail is untouched", func(t *testing.T) {
		if got := c.AuditEvent.Query().CountX(apitest.Sys); got != events {
			t.Fatalf("%d audit events, was %d", got, events)
		}
	})
	t.Run("a second run finds nothing more", func(t *testing.T) {
		again, err := lifecycle.NewService(c, retention).AnonymiseExpired(context.Background(), api.Clock.Now().Add(retention+24*time.Hour))
		if err != nil || again != 0 {
			t.Fatalf("anonymised %d again, err %v", again, err)
		}
	})
}

const erase = `mutation($id: ID!) { requestErasure(input: {familyID: $id}) {
	family { id anonymisedAt } errors { code } } }`

type erased struct {
	RequestErasure struct {
		Family *struct{ AnonymisedAt *time.Time }
		Errors []struct{ Code string }
	}
}

func TestAnErasureRequestAnonymisesAClosedFileAtOnceAndIsLogged(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	closed := closedFamily(t, api)
	// Its details for home visits, and an appointment's place and reason,
	// typed by hand: contact details to erase too.
	api.DB.Client.Family.UpdateOneID(closed).SetPostalAddress("5 impasse des Roses, 30000 Nîmes").SetPhone("+33612345678").
		ExecX(apitest.Sys)
	acc := api.DB.Client.Accompaniment.Query().Where(accompaniment.FamilyID(closed)).FirstX(apitest.Sys)
	apt := api.DB.Client.Appointment.Create().SetProviderID(acc.ProviderID).SetAccompanimentID(acc.ID).
		SetEducatorID(api.Demo.People[demo.Educator]).SetKind(appointment.KindPartnerMeeting).
		SetStartsAt(api.Clock.Now()).SetEndsAt(api.Clock.Now().Add(time.Hour)).
		SetPlace("Chez la grand-mère, 2 rue Haute").SetStatus(appointment.StatusCancelled).SetCancelReason("Madame X est malade.").
		SaveX(apitest.Sys)
	before := file(t, api.DB.Client, closed)

	// Refused as missing when the file is out of their scope, as
	// FORBIDDEN when they see it; either way nothing changes.
	for _, account := range []string{demo.Educator, demo.Prescriber, demo.PartnerStaff, demo.RelianceCoordinator} {
		t.Run(account+" may not", func(t *testing.T) {
			res := api.Do(t, api.Token(t, account), erase, map[string]any{"id": closed})
			var got erased
			res.Decode(t, &got)
			codes := res.Codes()
			for _, e := range got.RequestErasure.Errors {
				codes = append(codes, e.Code)
			}
			if len(codes) != 1 || (codes[0] != "FORBIDDEN" && codes[0] != "NOT_FOUND") {
				t.Fatalf("codes %v", codes)
			}
			if file(t, api.DB.Client, closed).AnonymisedAt != nil {
				t.Fatal("the file was anonymised")
			}
		})
	}
	t.Run("the assigned educator, who sees the file, is FORBIDDEN", func(t *testing.T) {
		var got erased
		api.MustSucceed(t, api.Token(t, demo.Educator), erase, map[string]any{"id": api.Demo.FamilyID}, &got)
		if e := got.RequestErasure.Errors; len(e) != 1 || e[0].Code != "FORBIDDEN" {
			t.Fatalf("errors %+v", e)
		}
	})
	t.Run("not while an accompaniment is in progress", func(t *testing.T) {
		var got erased
		api.MustSucceed(t, api.Token(t, demo.Coordinator), erase, map[string]any{"id": api.Demo.FamilyID}, &got)
		if e := got.RequestErasure.Errors; len(e) != 1 || e[0].Code != string(lifecycle.FileStillOpen) {
			t.Fatalf("errors %+v", e)
		}
	})
	t.Run("the coordinator has it erased", func(t *testing.T) {
		var got erased
		api.MustSucceed(t, api.Token(t, demo.Coordinator), erase, map[string]any{"id": closed}, &got)
		if got.RequestErasure.Family == nil || got.RequestErasure.Family.AnonymisedAt == nil {
			t.Fatalf("payload %+v", got)
		}
		assertAnonymised(t, before, file(t, api.DB.Client, closed))
		if a := api.DB.Client.Appointment.GetX(apitest.Sys, apt.ID); a.Place != "" || a.CancelReason != "" {
			t.Errorf("the appointment keeps %q %q", a.Place, a.CancelReason)
		}
	})
	t.Run("the erasure is in the audit trail", func(t *testing.T) {
		var trail struct{ AuditEvents struct{ TotalCount int } }
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($id: String!, $who: String!) {
			auditEvents(where: {recordID: $id, actorID: $who, action: "erasure"}) { totalCount } }`,
			map[string]any{"id": closed, "who": api.Demo.People[demo.Coordinator]}, &trail)
		if trail.AuditEvents.TotalCount != 1 {
			t.Fatalf("%d erasure events", trail.AuditEvents.TotalCount)
		}
	})
	t.Run("twice is a user error", func(t *testing.T) {
		var got erased
		api.MustSucceed(t, api.Token(t, demo.Coordinator), erase, map[string]any{"id": closed}, &got)
		if e := got.RequestErasure.Errors; len(e) != 1 || e[0].Code != string(lifecycle.AlreadyAnonymised) {
			t.Fatalf("errors %+v", e)
		}
	})
}
