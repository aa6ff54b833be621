package demo

import (
	"fmt"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/document"
	flow "github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// accSpec is one accompaniment. Day fields are offsets from today; start
// is the day of the first appointment, which is also the start date; the
// end date follows from the programme's duration.
type accSpec struct {
	family       *ent.Family
	code         string
	status       accompaniment.Status
	prescriber   string // account key; empty for a self-referral
	financer     string // organisation key; empty when nobody finances
	requested    int
	evaluation   *int
	validated    *int
	start        *int
	closed       *int
	decline      *accompaniment.DeclineReason
	statusReason string
	note         string
	educators    []string
	predecessor  *ent.Accompaniment
}

// accompany creates the accompaniment of spec.
func (l *loader) accompany(spec accSpec) (*ent.Accompaniment, error) {
	prog := l.progs[spec.code]
	create := l.c.Accompaniment.Create().
		SetProviderID(prog.ProviderID).
		SetFamilyID(spec.family.ID).
		SetProgrammeID(prog.ID).
		SetStatus(spec.status).
		SetRequestedAt(l.at(spec.requested, 9, 30)).
		SetCreatedAt(l.at(spec.requested, 9, 30)).
		SetSelfReferral(spec.prescriber == "").
		SetRequestNote(spec.note).
		SetNillableDeclineReason(spec.decline).
		SetStatusReason(spec.statusReason)
	if spec.prescriber != "" {
		create.SetPrescriberID(l.person(spec.prescriber)).
			SetPrescriberOrganisationID(l.orgs[accountOrganisation(spec.prescriber)].ID)
	}
	if spec.evaluation != nil {
		create.SetEvaluationStartedAt(l.at(*spec.evaluation, 14, 0))
	}
	if spec.validated != nil {
		create.SetValidatedAt(l.at(*spec.validated, 16, 0))
	}
	if spec.start != nil {
		starts := l.at(*spec.start, 10, 0)
		ends := flow.EndOf(starts, *prog.DurationMonths, clock.Paris) // the demo providers work in Paris
		create.SetFirstAppointmentAt(starts).SetStartsAt(starts).SetEndsAt(ends)
		if c := l.convs[spec.code]; c != nil && spec.financer != "" && c.FinancerID == l.orgs[spec.financer].ID &&
			!clock.DayOf(starts, clock.Paris).Before(c.StartsAt) && !clock.DayOf(starts, clock.Paris).After(c.EndsAt) {
			create.SetConventionID(c.ID)
		}
	}
	if spec.financer != "" {
		create.SetFinancerID(l.orgs[spec.financer].ID)
	}
	if spec.closed != nil {
		create.SetClosedAt(l.at(*spec.closed, 17, 0))
	}
	for _, e := range spec.educators {
		create.AddEducatorIDs(l.person(e))
	}
	if spec.predecessor != nil {
		create.SetPredecessorID(spec.predecessor.ID)
	}
	a, err := create.Save(l.ctx)
	if err != nil {
		return nil, fmt.Errorf("%s accompaniment of %s: %w", spec.code, spec.family.Reference, err)
	}
	return a, nil
}

// accountOrganisation is the organisation key of a partner account.
func accountOrganisation(key string) string {
	for _, a := range accounts {
		if a.key == key {
			return a.at
		}
	}
	return ""
}

// contacts logs the educator's home visits and calls, spread evenly from
// the first appointment (the first home visit) to the day before until,
// plus any extra contacts.
func (l *loader) contacts(a *ent.Accompaniment, author string, start, until, visits, calls int, extra ...contactSpec) error {
	span := until - start
	var all []contactSpec
	for i := range visits {
		all = append(all, contactSpec{contactevent.KindHomeVisit, start + i*span/visits, 10, 90,
			fmt.Sprintf("Visite à domicile n° %d (démo).", i+1)})
	}
	for i := range calls {
		all = append(all, contactSpec{contactevent.KindCall, start + (2*i+1)*span/(2*calls), 14, 20,
			fmt.Sprintf("Appel de suivi n° %d (démo).", i+1)})
	}
	all = append(all, extra...)
	for _, c := range all {
		occurred := l.at(c.day, c.hour, 0)
		err := l.c.ContactEvent.Create().
			SetAccompanimentID(a.ID).
			SetAuthorID(l.person(author)).
			SetKind(c.kind).
			SetOccurredAt(occurred).
			SetCreatedAt(occurred.Add(time.Duration(c.minutes) * time.Minute)).
			SetDurationMinutes(c.minutes).
			SetNote(c.note).
			Exec(l.ctx)
		if err != nil {
			return fmt.Errorf("contact of %s: %w", a.ID, err)
		}
	}
	return nil
}

// contactSpec is one contact on day (an offset) at hour.
type contactSpec struct {
	kind      contactevent.Kind
	day, hour int
	minutes   int
	note      string
}

// revisionSpec is one revision of a document, written on day (an offset).
type revisionSpec struct {
	day                          int
	author                       string
	body, stakes, missions, work string
}

// document creates a document of an accompaniment with its revisions,
// numbered from 1; delivered, when set, is the day it was sent.
func (l *loader) document(a *ent.Accompaniment, kind document.Kind, delivered *int, revs ...revisionSpec) error {
	create := l.c.Document.Create().
		SetAccompanimentID(a.ID).
		SetKind(kind).
		SetCurrentRevision(len(revs)).
		SetCreatedAt(l.at(revs[0].day, 17, 0))
	if delivered != nil {
		create.SetDeliveredAt(l.at(*delivered, 12, 0))
	}
	d, err := create.Save(l.ctx)
	if err != nil {
		return fmt.Errorf("%s of %s: %w", kind, a.ID, err)
	}
	for i, r := range revs {
		err := l.c.DocumentRevision.Create().
			SetDocumentID(d.ID).
			SetNumber(i + 1).
			SetAuthorID(l.person(r.author)).
			SetCreatedAt(l.at(r.day, 17, 0)).
			SetBody(r.body).
			SetStakes(r.stakes).
			SetMissions(r.missions).
			SetWork(r.work).
			Exec(l.ctx)
		if err != nil {
			return fmt.Errorf("revision %d of %s: %w", i+1, kind, err)
		}
	}
	return nil
}

// dia is a short individual accompaniment document in the name of the
// requesting guardians.
func dia(day int, author, requesters, goal string) revisionSpec {
	return revisionSpec{day: day, author: author, body: "Document individuel d'accompagnement (démo), rédigé avec " +
		requesters + ". Objectif principal : " + goal + ". Rythme convenu : une visite à domicile toutes les trois à " +
		"quatre semaines, des appels entre les visites."}
}

// stakesMap is a stakes/missions/work map.
func stakesMap(day int, author, stakes, missions, work string) revisionSpec {
	return revisionSpec{day: day, author: author, body: "Carte mentale EMT (démo).",
		stakes: stakes, missions: missions, work: work}
}

// record keeps the first accompaniment seen in each status.
func (l *loader) record(a *ent.Accompaniment) {
	if _, ok := l.res.Accompaniments[a.Status]; !ok {
		l.res.Accompaniments[a.Status] = a.ID
	}
}
