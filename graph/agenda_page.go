package graph

import (
	"context"

	"entgo.io/contrib/entgql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
)

// agendaPage pages an agenda's query (accompaniment.Agenda) by start, its
// nodes' edges eager-loaded from the selection: one query per page and
// per edge asked, whatever the page's length.
func agendaPage(ctx context.Context, after *entgql.Cursor[pulid.ID], first *int, before *entgql.Cursor[pulid.ID], last *int) func(*ent.AppointmentQuery, error) (*ent.AppointmentConnection, error) {
	return func(q *ent.AppointmentQuery, err error) (*ent.AppointmentConnection, error) {
		if err != nil {
			return nil, err
		}
		return q.Paginate(ctx, after, first, before, last, accompaniment.AgendaOrder)
	}
}
