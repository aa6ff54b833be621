package lifecycle_test

import (
	"context"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/domain/lifecycle"
)

// bookedFamilies are the demo families whose children hold a confirmed
// seat in the demo series, with one of those bookings each.
func bookedFamilies(t *testing.T, api *apitest.API) map[pulid.ID]*struct{ booking, child pulid.ID } {
	t.Helper()
	out := map[pulid.ID]*struct{ booking, child pulid.ID }{}
	for _, b := range api.DB.Client.Booking.Query().Where(booking.SeriesID(api.Demo.SeriesID), booking.StatusEQ(booking.StatusConfirmed)).
		WithChild().AllX(apitest.Sys) {
		out[b.Edges.Child.FamilyID] = &struct{ booking, child pulid.ID }{b.ID, b.ChildID}
	}
	if len(out) < 3 {
		t.Fatalf("%d booked families in the demo: the test needs three", len(out))
	}
	return out
}

// Retention counts from a family's last activity: its last file closed,
// its children's last session attended; a family with a seat still to
// come is kept whatever its age.
func TestRetentionCountsFromTheFamilysLastActivity(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	c := api.DB.Client
	families := bookedFamilies(t, api)
	var upcoming, attended, idle pulid.ID
	for id := range families {
		switch {
		case upcoming == "":
			upcoming = id
		case attended == "":
			attended = id
		case idle == "":
			idle = id
		}
	}
	series := c.WorkshopSeries.GetX(apitest.Sys, api.Demo.SeriesID)
	last := c.WorkshopSession.Query().Where(workshopsession.SeriesID(series.ID)).Order(workshopsession.ByStartsAt()).AllX(apitest.Sys)
	session := last[len(last)-1]
	// The run: a day before the retention period has passed since the
	// demo series' last session, long after the family was created and its
	// children booked.
	at := session.StartsAt.Add(retention - 24*time.Hour)
	// A seat in a series that starts after the run.
	later := at.Add(30 * 24 * time.Hour)
	next := c.WorkshopSeries.Create().SetProviderID(series.ProviderID).SetProgrammeID(series.ProgrammeID).
		SetHostOrganisationID(series.HostOrganisationID).SetTitle("Série suivante").SetPlace("École").SetCapacity(6).
		SetFirstSessionAt(later).SaveX(apitest.Sys)
	c.WorkshopSession.Create().SetSeriesID(next.ID).SetStartsAt(later).ExecX(apitest.Sys)
	c.Booking.Create().SetSeriesID(next.ID).SetChildID(families[upcoming].child).SetOrganisationID(series.HostOrganisationID).
		SetRequestedAt(api.Clock.Now()).SetStatus(booking.StatusConfirmed).SetConfirmedAt(api.Clock.Now()).ExecX(apitest.Sys)
	// The last session of the demo series, attended.
	c.Attendance.Create().SetSessionID(session.ID).SetBookingID(families[attended].booking).SetPresent(true).ExecX(apitest.Sys)

	if _, err := lifecycle.NewService(c, retention).AnonymiseExpired(context.Background(), at); err != nil {
		t.Fatal(err)
	}
	anonymised := func(id pulid.ID) bool { return c.Family.GetX(apitest.Sys, id).AnonymisedAt != nil }
	if anonymised(upcoming) {
		t.Error("a family whose child holds a seat in an upcoming series was anonymised")
	}
	if anonymised(attended) {
		t.Error("a family whose child attended a session within the retention period was anonymised")
	}
	if !anonymised(idle) {
		t.Error("a family with no activity for the retention period was kept")
	}
	if c.Child.Query().Where(child.FamilyID(upcoming), child.FirstName("")).ExistX(apitest.Sys) ||
		c.Family.Query().Where(family.ID(upcoming), family.AnonymisedAtNotNil()).ExistX(apitest.Sys) {
		t.Error("the upcoming family lost its names")
	}
}
