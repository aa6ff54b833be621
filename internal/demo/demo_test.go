package demo_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/schema/types"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/demo"
	flow "github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/domain/auth"
	"github.com/reseau-liens/portal/internal/platform/database/dbtest"

	_ "github.com/reseau-liens/portal/ent/runtime" // privacy policies and hooks
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// load opens a fresh, migrated database (SQLite, or PostgreSQL when the
// suite runs there) and loads the demo into it.
func load(t *testing.T) (context.Context, *dbtest.DB, *demo.Result) {
	t.Helper()
	db := dbtest.Open(t)
	res, err := demo.Load(context.Background(), db.DB)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if res == nil {
		t.Fatal("Load returned no result on an empty database")
	}
	return viewer.SystemContext(context.Background()), db, res
}

func TestLoad(t *testing.T) {
	ctx, db, res := load(t)
	client := db.Client

	t.Run("both providers exist", func(t *testing.T) {
		for id, slug := range map[pulid.ID]string{res.ProviderID: "au-bonheur-des-liens", res.RelianceProviderID: "reliance"} {
			p, err := client.Provider.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if p.Slug != slug || !strings.Contains(p.Name, "(démo)") {
				t.Errorf("provider %s: slug %q name %q", id, p.Slug, p.Name)
			}
		}
		if n := client.Provider.Query().CountX(ctx); n != 2 {
			t.Errorf("%d providers, want 2", n)
		}
	})

	t.Run("programme figures are the published ones", func(t *testing.T) {
		get := func(code string) *ent.Programme {
			t.Helper()
			p, err := client.Programme.Get(ctx, res.Programmes[code])
			if err != nil {
				t.Fatalf("%s: %v", code, err)
			}
			return p
		}
		for _, want := range []struct {
			code                 string
			price                int64
			visitsMin, visitsMax int
			callsMin, callsMax   int
		}{
			{"MIP", 180000, 6, 7, 4, 5},
			{"MADI", 200000, 9, 12, 8, 10},
			{"MAPA", 180000, 6, 7, 4, 5},
		} {
			p := get(want.code)
			if p.ProviderID != res.ProviderID || p.Kind != programme.KindAccompaniment ||
				p.PricingModel != programme.PricingModelPerAccompaniment || p.PriceCents != want.price ||
				deref(p.DurationMonths) != 6 ||
				deref(p.HomeVisitsMin) != want.visitsMin || deref(p.HomeVisitsMax) != want.visitsMax ||
				deref(p.CallsMin) != want.callsMin || deref(p.CallsMax) != want.callsMax ||
				p.DocumentKind == nil || *p.DocumentKind != programme.DocumentKindIndividualDocument {
				t.Errorf("%s: %+v", want.code, p)
			}
		}
		if madi := get("MADI"); madi.FollowsProgrammeCode != "MIP" {
			t.Errorf("MADI follows %q, want MIP", madi.FollowsProgrammeCode)
		}

		arcs := get("ARCS")
		if arcs.Kind != programme.KindWorkshop || arcs.PricingModel != programme.PricingModelPerSession ||
			arcs.PriceCents != 5500 || deref(arcs.SessionMinutes) != 60 ||
			deref(arcs.GroupSeriesPriceCents) != 90000 || deref(arcs.GroupSeriesSessions) != 6 ||
			deref(arcs.GroupSizeLimit) != 6 || deref(arcs.MinimumAge) != 6 || arcs.DurationMonths != nil {
			t.Errorf("ARCS: %+v", arcs)
		}

		rel := get("RELIANCE")
		wantExcluded := []types.ProtectiveMeasure{types.MeasureIEAD, types.MeasureAEMO, types.MeasureArticle226_4}
		if rel.ProviderID != res.RelianceProviderID || rel.PriceCents != 0 || deref(rel.Capacity) != 30 ||
			!rel.Confidential || rel.DocumentKind == nil || *rel.DocumentKind != programme.DocumentKindContract ||
			!slices.Equal(rel.ExcludedMeasures, wantExcluded) {
			t.Errorf("RELIANCE: %+v", rel)
		}
	})

	t.Run("every organisation kind is present", func(t *testing.T) {
		orgs := client.Organisation.Query().AllX(ctx)
		if len(orgs) < 12 {
			t.Errorf("%d organisations, want a dozen", len(orgs))
		}
		for _, kind := range []organisation.Kind{
			organisation.KindDepartmentalCouncil, organisation.KindCCAS, organisation.KindSchool,
			organisation.KindCPTS, organisation.KindAutonomyService, organisation.KindFamilyAllowanceFund,
			organisation.KindMunicipality, organisation.KindCulturalNetwork, organisation.KindAssociation,
			organisation.KindOther,
		} {
			if err := organisation.KindValidator(kind); err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(orgs, func(o *ent.Organisation) bool { return o.Kind == kind }) {
				t.Errorf("no organisation of kind %s", kind)
			}
		}
		if !slices.ContainsFunc(orgs, func(o *ent.Organisation) bool { return strings.HasPrefix(o.Name, "Le 21") }) {
			t.Error("the cultural network Le 21 is missing")
		}
	})

	t.Run("partner links and conventions", func(t *testing.T) {
		for status, want := range map[partnerlink.Status]int{
			partnerlink.StatusProposed: 1, partnerlink.StatusSuspended: 1,
		} {
			if n := client.PartnerLink.Query().Where(partnerlink.StatusEQ(status)).CountX(ctx); n != want {
				t.Errorf("%d %s links, want %d", n, status, want)
			}
		}
		actives := client.PartnerLink.Query().Where(partnerlink.StatusEQ(partnerlink.StatusActive)).AllX(ctx)
		if len(actives) < 8 {
			t.Errorf("%d active links, want most organisations", len(actives))
		}
		for _, l := range actives {
			if l.ActivatedAt == nil {
				t.Errorf("active link %s has no activation date", l.ID)
			}
		}
		convs := client.Convention.Query().WithPartnerLink().AllX(ctx)
		if len(convs) < 2 {
			t.Fatalf("%d conventions, want a couple", len(convs))
		}
		found := false
		for _, c := range convs {
			if c.Edges.PartnerLink.Status != partnerlink.StatusActive {
				t.Errorf("convention %s on a %s link", c.ID, c.Edges.PartnerLink.Status)
			}
			if c.FinancerID == res.DepartmentalCouncilID && c.ProgrammeID == res.Programmes["MIP"] &&
				c.Places == 10 && c.UnitPriceCents == 180000 && !c.StartsAt.After(client.Clock.Now()) && c.EndsAt.After(client.Clock.Now().AddDate(0, 4, 0)) {
				found = true
			}
		}
		if !found {
			t.Error("no convention of the departmental council for 10 MIP places at 1800 €")
		}
	})

	t.Run("every file's history is a path of the status machine", func(t *testing.T) {
		for _, a := range client.Accompaniment.Query().AllX(ctx) {
			// The statuses a file went through, read off its dates.
			path := []accompaniment.Status{accompaniment.StatusRequested}
			if a.EvaluationStartedAt != nil {
				path = append(path, accompaniment.StatusEvaluating)
			}
			if a.ValidatedAt != nil {
				path = append(path, accompaniment.StatusActive)
			}
			if a.StartsAt != nil && a.ValidatedAt == nil {
				t.Errorf("%s started without a validation", a.ID)
			}
			if last := path[len(path)-1]; last != a.Status {
				path = append(path, a.Status)
			}
			for i := 1; i < len(path); i++ {
				if !flow.CanMove(path[i-1], path[i]) {
					t.Errorf("%s went %v: %s → %s is not a move of the status machine", a.ID, path, path[i-1], path[i])
				}
			}
		}
	})

	t.Run("every accompaniment status is present", func(t *testing.T) {
		accs := client.Accompaniment.Query().WithProgramme().WithEducators().AllX(ctx)
		for _, status := range []accompaniment.Status{
			accompaniment.StatusRequested, accompaniment.StatusEvaluating, accompaniment.StatusActive,
			accompaniment.StatusClosed, accompaniment.StatusDeclined, accompaniment.StatusWithdrawn,
			accompaniment.StatusInterrupted, accompaniment.StatusExpired,
		} {
			if !slices.ContainsFunc(accs, func(a *ent.Accompaniment) bool { return a.Status == status }) {
				t.Errorf("no accompaniment in status %s", status)
			}
			if _, ok := res.Accompaniments[status]; !ok {
				t.Errorf("Result.Accompaniments has no %s", status)
			}
		}
		for _, a := range accs {
			if a.ProviderID != a.Edges.Programme.ProviderID {
				t.Errorf("%s: provider %s, programme's %s", a.ID, a.ProviderID, a.Edges.Programme.ProviderID)
			}
			if a.StartsAt != nil {
				if a.FirstAppointmentAt == nil || !a.FirstAppointmentAt.Equal(*a.StartsAt) ||
					a.EndsAt == nil || !a.EndsAt.Equal(a.StartsAt.In(clock.Paris).AddDate(0, 6, 0)) {
					t.Errorf("%s: first appointment %v, start %v, end %v", a.ID, a.FirstAppointmentAt, a.StartsAt, a.EndsAt)
				}
			}
			switch a.Status {
			case accompaniment.StatusActive, accompaniment.StatusClosed:
				if len(a.Edges.Educators) == 0 {
					t.Errorf("%s %s has no educator", a.Status, a.ID)
				}
			case accompaniment.StatusDeclined:
				if a.DeclineReason == nil {
					t.Errorf("declined %s has no reason", a.ID)
				}
			}
			if a.ProviderID == res.ProviderID && (a.PrescriberID == nil || a.PrescriberOrganisationID == nil) {
				t.Errorf("%s has no prescriber", a.ID)
			}
		}
	})

	t.Run("a MADI follows the closed MIP with its final report", func(t *testing.T) {
		madi := client.Accompaniment.Query().
			Where(accompaniment.ProgrammeID(res.Programmes["MADI"]), accompaniment.PredecessorIDNotNil()).
			WithPredecessor(func(q *ent.AccompanimentQuery) { q.WithDocuments() }).
			OnlyX(ctx)
		mip := madi.Edges.Predecessor
		if mip.Status != accompaniment.StatusClosed || mip.ProgrammeID != res.Programmes["MIP"] || mip.FamilyID != madi.FamilyID {
			t.Fatalf("predecessor: %+v", mip)
		}
		if !slices.ContainsFunc(mip.Edges.Documents, func(d *ent.Document) bool {
			return d.Kind == document.KindFinalReport && d.DeliveredAt != nil
		}) {
			t.Error("the closed MIP has no delivered final report")
		}
	})

	t.Run("the active MIP has contacts and documents", func(t *testing.T) {
		a := client.Accompaniment.Query().
			Where(accompaniment.ID(res.Accompaniments[accompaniment.StatusActive])).
			WithContactEvents().
			WithDocuments(func(q *ent.DocumentQuery) { q.WithRevisions() }).
			OnlyX(ctx)
		if a.FamilyID != res.FamilyID || a.Status != accompaniment.StatusActive {
			t.Fatalf("Result.FamilyID and the active accompaniment disagree: %+v", a)
		}
		if len(a.Edges.ContactEvents) == 0 {
			t.Error("no contact events")
		}
		kinds := map[document.Kind]*ent.Document{}
		for _, d := range a.Edges.Documents {
			kinds[d.Kind] = d
		}
		if d := kinds[document.KindIndividualDocument]; d == nil || d.CurrentRevision != 2 || len(d.Edges.Revisions) != 2 {
			t.Errorf("individual document: %+v", d)
		}
		if d := kinds[document.KindStakesMap]; d == nil || len(d.Edges.Revisions) != 1 ||
			d.Edges.Revisions[0].Stakes == "" || d.Edges.Revisions[0].Missions == "" || d.Edges.Revisions[0].Work == "" {
			t.Errorf("stakes map: %+v", d)
		}
	})

	t.Run("the Reliance family has an active accompaniment", func(t *testing.T) {
		n := client.Accompaniment.Query().Where(
			accompaniment.FamilyID(res.RelianceFamilyID),
			accompaniment.ProviderID(res.RelianceProviderID),
			accompaniment.StatusEQ(accompaniment.StatusActive),
		).CountX(ctx)
		if n != 1 {
			t.Errorf("%d active Reliance accompaniments, want 1", n)
		}
	})

	t.Run("the upcoming workshop series is booked", func(t *testing.T) {
		s := client.WorkshopSeries.Query().
			Where(workshopseries.ID(res.SeriesID)).
			WithSessions().WithBookings().WithQuote(func(q *ent.QuoteQuery) { q.WithLines() }).
			OnlyX(ctx)
		if s.Capacity != 6 || s.HostOrganisationID != res.SchoolID || s.PractitionerID == nil ||
			*s.PractitionerID != res.People[demo.Practitioner] || s.FirstSessionAt == nil || !s.FirstSessionAt.After(client.Clock.Now()) {
			t.Errorf("series: %+v", s)
		}
		if len(s.Edges.Sessions) != 6 {
			t.Fatalf("%d sessions, want 6", len(s.Edges.Sessions))
		}
		for _, session := range s.Edges.Sessions {
			if session.DurationMinutes != 60 || session.StartsAt.Before(*s.FirstSessionAt) {
				t.Errorf("session %+v", session)
			}
		}
		count := map[booking.Status]int{}
		for _, b := range s.Edges.Bookings {
			count[b.Status]++
			if b.OrganisationID != res.SchoolID || b.BookedByID == nil || *b.BookedByID != res.People[demo.PartnerStaff] {
				t.Errorf("booking %+v", b)
			}
		}
		if count[booking.StatusConfirmed] != s.Capacity || count[booking.StatusWaiting] != 1 {
			t.Errorf("bookings by status: %v, want %d confirmed (a full group) and 1 waiting", count, s.Capacity)
		}
		q := s.Edges.Quote
		if q == nil || q.ID != res.QuoteID || q.Status != quote.StatusAccepted {
			t.Fatalf("quote: %+v", q)
		}
		if !slices.ContainsFunc(q.Edges.Lines, func(l *ent.QuoteLine) bool {
			return l.Label == "6 séances de groupe" && l.AmountCents == 90000
		}) {
			t.Errorf("quote lines: %+v", q.Edges.Lines)
		}
	})

	t.Run("each token authenticates with its role", func(t *testing.T) {
		want := map[string]membership.Role{
			demo.Coordinator:         membership.RoleCoordinator,
			demo.Educator:            membership.RoleEducator,
			demo.Practitioner:        membership.RolePractitioner,
			demo.Prescriber:          membership.RolePrescriber,
			demo.PartnerStaff:        membership.RolePartnerStaff,
			demo.RelianceCoordinator: membership.RoleCoordinator,
			demo.RelianceEducator:    membership.RoleEducator,
			demo.SecondPrescriber:    membership.RolePrescriber,
		}
		if len(res.Tokens) != len(want) {
			t.Errorf("%d tokens, want %d", len(res.Tokens), len(want))
		}
		for key, role := range want {
			t.Run(key, func(t *testing.T) {
				v, err := auth.NewService(client).Authenticate(context.Background(), res.Tokens[key])
				if err != nil {
					t.Fatal(err)
				}
				if v.PersonID != res.People[key] || !v.HasRole(role) {
					t.Errorf("viewer %+v, want person %s with role %s", v, res.People[key], role)
				}
			})
		}
		v, _ := auth.NewService(client).Authenticate(context.Background(), res.Tokens[demo.Coordinator])
		if !v.IsCoordinatorOf(res.ProviderID) || v.IsCoordinatorOf(res.RelianceProviderID) {
			t.Error("the coordinator should coordinate Au bonheur des liens only")
		}
		v, _ = auth.NewService(client).Authenticate(context.Background(), res.Tokens[demo.RelianceCoordinator])
		if !v.IsCoordinatorOf(res.RelianceProviderID) {
			t.Error("the Reliance coordinator should coordinate Reliance")
		}
		v, _ = auth.NewService(client).Authenticate(context.Background(), res.Tokens[demo.Prescriber])
		if !slices.Equal(v.OrganisationIDs(membership.RolePrescriber), []pulid.ID{res.DepartmentalCouncilID}) {
			t.Errorf("prescriber organisations %v", v.OrganisationIDs(membership.RolePrescriber))
		}
		if ttl := res.TokensExpireAt.Sub(client.Clock.Now()); ttl < demo.TokenTTL-time.Hour || ttl > demo.TokenTTL {
			t.Errorf("tokens expire in %v, want %v", ttl, demo.TokenTTL)
		}
	})

	t.Run("a second load changes nothing", func(t *testing.T) {
		before := countRows(ctx, t, client)
		again, err := demo.Load(context.Background(), db.DB)
		if err != nil || again != nil {
			t.Fatalf("second Load = %v, %v; want nil, nil", again, err)
		}
		if after := countRows(ctx, t, client); !maps.Equal(before, after) {
			t.Errorf("rows before %v, after %v", before, after)
		}
	})

	t.Run("the welcome message lists a header per account", func(t *testing.T) {
		var buf bytes.Buffer
		demo.PrintWelcome(&buf, "http://localhost:8080/", res)
		out := buf.String()
		if !strings.Contains(out, "http://localhost:8080/graphql") || strings.Contains(out, "8080//") {
			t.Errorf("endpoint missing or malformed:\n%s", out)
		}
		last := -1
		for _, key := range demo.Accounts() {
			line := "Authorization: Bearer " + res.Tokens[key]
			i := strings.Index(out, line)
			if i < 0 {
				t.Errorf("no header line for %s", key)
				continue
			}
			if i < last {
				t.Errorf("%s is out of order", key)
			}
			last = i
		}
		buf.Reset()
		demo.PrintWelcome(&buf, "http://localhost:8080", nil)
		if strings.Contains(buf.String(), "Bearer") {
			t.Errorf("a welcome without result shows a token:\n%s", buf.String())
		}
	})
}

func TestLoadIsAtomic(t *testing.T) {
	db := dbtest.Open(t)
	client := db.Client
	ctx := viewer.SystemContext(context.Background())
	boom := errors.New("boom")
	// Fail late, once most of the data has been written.
	client.WorkshopSession.Use(func(ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) { return nil, boom })
	})
	if _, err := demo.Load(context.Background(), db.DB); !errors.Is(err, boom) {
		t.Fatalf("Load = %v, want %v", err, boom)
	}
	for table, n := range countRows(ctx, t, client) {
		if n != 0 {
			t.Errorf("%d rows left in %s after a failed load", n, table)
		}
	}
}

// countRows counts the rows of every table the demo writes.
func countRows(ctx context.Context, t *testing.T, c *ent.Client) map[string]int {
	t.Helper()
	counters := map[string]func(context.Context) (int, error){
		"providers":          c.Provider.Query().Count,
		"programmes":         c.Programme.Query().Count,
		"organisations":      c.Organisation.Query().Count,
		"partner_links":      c.PartnerLink.Query().Count,
		"conventions":        c.Convention.Query().Count,
		"people":             c.Person.Query().Count,
		"memberships":        c.Membership.Query().Count,
		"access_tokens":      c.AccessToken.Query().Count,
		"families":           c.Family.Query().Count,
		"guardians":          c.Guardian.Query().Count,
		"children":           c.Child.Query().Count,
		"consents":           c.Consent.Query().Count,
		"accompaniments":     c.Accompaniment.Query().Count,
		"contact_events":     c.ContactEvent.Query().Count,
		"documents":          c.Document.Query().Count,
		"document_revisions": c.DocumentRevision.Query().Count,
		"workshop_series":    c.WorkshopSeries.Query().Count,
		"workshop_sessions":  c.WorkshopSession.Query().Count,
		"bookings":           c.Booking.Query().Count,
		"quotes":             c.Quote.Query().Count,
		"quote_lines":        c.QuoteLine.Query().Count,
	}
	counts := map[string]int{}
	for table, count := range counters {
		n, err := count(ctx)
		if err != nil {
			t.Fatalf("counting %s: %v", table, err)
		}
		counts[table] = n
	}
	return counts
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
