package accompaniment

import (
	"context"
	"fmt"
	"math"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// Due dates of an active accompaniment, counted from the step before.
const (
	// FirstAppointmentDue: the first appointment within 30 days of the
	// validation.
	FirstAppointmentDue = 30 * 24 * time.Hour
	// FoundingDocumentDue: the individual document (or contract) within 30
	// days of the start.
	FoundingDocumentDue = 30 * 24 * time.Hour
)

// Progress is how an accompaniment stands against its programme's norms
// and due dates. A suspended accompaniment is never lagging nor overdue,
// and its suspended days count neither as elapsed nor as left.
type Progress struct {
	HomeVisitsDone int
	HomeVisitsMin  *int
	HomeVisitsMax  *int
	// CallsDone counts calls, mails and texts.
	CallsDone   int
	CallsMin    *int
	CallsMax    *int
	DaysElapsed *int
	DaysLeft    *int
	// Lagging: fewer home visits or calls than the norm's minimum, pro
	// rata of the time elapsed (rounded down).
	Lagging                 bool
	FirstAppointmentOverdue bool
	FoundingDocumentOverdue bool
	FinalReportOverdue      bool
}

type progressScan struct {
	ID               string     `json:"id"`
	Status           string     `json:"status"`
	ValidatedAt      *time.Time `json:"validated_at"`
	StartsAt         *time.Time `json:"starts_at"`
	EndsAt           *time.Time `json:"ends_at"`
	VisitsMin        *int       `json:"visits_min"`
	VisitsMax        *int       `json:"visits_max"`
	CallsMin         *int       `json:"calls_min"`
	CallsMax         *int       `json:"calls_max"`
	Visits           int        `json:"visits"`
	Calls            int        `json:"calls"`
	FoundingDocument int        `json:"founding_documents"`
	SuspendedOn      *time.Time `json:"suspended_on"`
	SuspendedDays    int        `json:"suspended_days"`
}

// progressOf computes the progress of the accompaniments ids that the
// viewer can see, in one query (contacts and documents counted in SQL),
// so that a page of accompaniments costs one query whatever its size.
// Within a mutation it reads through the mutation's transaction.
func progressOf(ctx context.Context, client *ent.Client, ids []pulid.ID, now time.Time) (map[pulid.ID]*Progress, error) {
	var rows []progressScan
	err := database.ClientFor(ctx, client).Accompaniment.Query().Where(entacc.IDIn(ids...)).
		Modify(func(s *sql.Selector) {
			p, ce, d := sql.Table(programme.Table), sql.Table(contactevent.Table), sql.Table(document.Table)
			s.Join(p).On(s.C(entacc.FieldProgrammeID), p.C(programme.FieldID)).
				LeftJoin(ce).On(s.C(entacc.FieldID), ce.C(contactevent.FieldAccompanimentID)).
				LeftJoin(d).On(s.C(entacc.FieldID), d.C(document.FieldAccompanimentID))
			kinds := func(col string, values ...string) string {
				in := ""
				for i, v := range values {
					if i > 0 {
						in += ", "
					}
					in += "'" + v + "'"
				}
				return fmt.Sprintf("%s IN (%s)", col, in)
			}
			countWhen := func(cond, id string) string {
				return fmt.Sprintf("COUNT(DISTINCT CASE WHEN %s THEN %s END)", cond, id)
			}
			group := []string{
				s.C(entacc.FieldID), s.C(entacc.FieldStatus), s.C(entacc.FieldValidatedAt),
				s.C(entacc.FieldStartsAt), s.C(entacc.FieldEndsAt),
				s.C(entacc.FieldSuspendedOn), s.C(entacc.FieldSuspendedDays),
				p.C(programme.FieldHomeVisitsMin), p.C(programme.FieldHomeVisitsMax),
				p.C(programme.FieldCallsMin), p.C(programme.FieldCallsMax),
			}
			s.Select(
				sql.As(s.C(entacc.FieldID), "id"), sql.As(s.C(entacc.FieldStatus), "status"),
				sql.As(s.C(entacc.FieldValidatedAt), "validated_at"),
				sql.As(s.C(entacc.FieldStartsAt), "starts_at"), sql.As(s.C(entacc.FieldEndsAt), "ends_at"),
				sql.As(s.C(entacc.FieldSuspendedOn), "suspended_on"), sql.As(s.C(entacc.FieldSuspendedDays), "suspended_days"),
				sql.As(p.C(programme.FieldHomeVisitsMin), "visits_min"), sql.As(p.C(programme.FieldHomeVisitsMax), "visits_max"),
				sql.As(p.C(programme.FieldCallsMin), "calls_min"), sql.As(p.C(programme.FieldCallsMax), "calls_max"),
				sql.As(countWhen(kinds(ce.C(contactevent.FieldKind), string(contactevent.KindHomeVisit)), ce.C(contactevent.FieldID)), "visits"),
				sql.As(countWhen(kinds(ce.C(contactevent.FieldKind), string(contactevent.KindCall), string(contactevent.KindMail),
					string(contactevent.KindText)), ce.C(contactevent.FieldID)), "calls"),
				sql.As(countWhen(kinds(d.C(document.FieldKind), string(document.KindIndividualDocument), string(document.KindContract)),
					d.C(document.FieldID)), "founding_documents"),
			).GroupBy(group...)
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[pulid.ID]*Progress, len(rows))
	for _, r := range rows {
		out[pulid.ID(r.ID)] = r.progress(now)
	}
	return out, nil
}

func (r progressScan) progress(now time.Time) *Progress {
	p := &Progress{
		HomeVisitsDone: r.Visits, HomeVisitsMin: r.VisitsMin, HomeVisitsMax: r.VisitsMax,
		CallsDone: r.Calls, CallsMin: r.CallsMin, CallsMax: r.CallsMax,
	}
	active := r.Status == string(entacc.StatusActive)
	if active && r.ValidatedAt != nil && r.StartsAt == nil && now.Sub(*r.ValidatedAt) > FirstAppointmentDue {
		p.FirstAppointmentOverdue = true
	}
	if r.StartsAt == nil || r.EndsAt == nil {
		return p
	}
	// Suspended days do not count: neither those of ended suspensions
	// (the end date already moved back by them) nor those of the one
	// under way (it will move back by them on resuming).
	paused := r.SuspendedDays
	ends := *r.EndsAt
	if r.SuspendedOn != nil {
		// Days are read in Paris, where the providers work.
		current := max(0, DaysBetween(*r.SuspendedOn, clock.DayOf(now, clock.Paris)))
		paused += current
		ends = ends.AddDate(0, 0, current)
	}
	elapsed := max(0, int(now.Sub(*r.StartsAt).Hours()/24)-paused)
	total := max(1, int(r.EndsAt.Sub(*r.StartsAt).Hours()/24)-r.SuspendedDays)
	left := max(0, int(math.Ceil(ends.Sub(now).Hours()/24)))
	p.DaysElapsed, p.DaysLeft = &elapsed, &left
	fraction := math.Min(1, float64(elapsed)/float64(total))
	behind := func(done int, min *int) bool {
		return min != nil && float64(done) < math.Floor(float64(*min)*fraction)
	}
	p.Lagging = active && (behind(r.Visits, r.VisitsMin) || behind(r.Calls, r.CallsMin))
	// The founding document's due date moves back by the days suspended.
	p.FoundingDocumentOverdue = active && r.FoundingDocument == 0 &&
		now.Sub(*r.StartsAt) > FoundingDocumentDue+time.Duration(paused)*24*time.Hour
	p.FinalReportOverdue = active && now.After(*r.EndsAt)
	return p
}
