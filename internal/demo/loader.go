package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// loader writes the demo data through a transactional client, as the
// portal itself, and collects the Result.
type loader struct {
	ctx    context.Context
	c      *ent.Client
	today  time.Time // midnight of the loading day, in Paris
	res    *Result
	abl    *ent.Provider
	rel    *ent.Provider
	progs  map[string]*ent.Programme
	orgs   map[string]*ent.Organisation
	convs  map[string]*ent.Convention // by programme code
	people map[string]pulid.ID
}

func newLoader(ctx context.Context, c *ent.Client, now time.Time) *loader {
	now = now.In(clock.Paris)
	return &loader{
		ctx:   ctx,
		c:     c,
		today: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location()),
		res: &Result{
			Programmes:     map[string]pulid.ID{},
			People:         map[string]pulid.ID{},
			Accompaniments: map[accompaniment.Status]pulid.ID{},
			Tokens:         map[string]string{},
		},
		progs:  map[string]*ent.Programme{},
		orgs:   map[string]*ent.Organisation{},
		convs:  map[string]*ent.Convention{},
		people: map[string]pulid.ID{},
	}
}

// load writes everything, in dependency order.
func (l *loader) load() error {
	steps := []struct {
		name string
		run  func() error
	}{
		{"providers and programmes", l.loadProviders},
		{"partner organisations", l.loadPartners},
		{"people", l.loadPeople},
		{"families and accompaniments", l.loadFamilies},
		{"workshops", l.loadWorkshops},
		{"directory offers", l.loadDirectory},
		{"tokens", l.issueTokens},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return fmt.Errorf("loading %s: %w", s.name, err)
		}
	}
	return nil
}

// day returns midnight offset days from today (negative: in the past).
func (l *loader) day(offset int) time.Time {
	return l.today.AddDate(0, 0, offset)
}

// at returns the given time of day, offset days from today.
func (l *loader) at(offset, hour, minute int) time.Time {
	return l.day(offset).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
}

// birth returns a birth date giving the child the age of years (and
// months more) today.
func (l *loader) birth(years, months int) time.Time {
	return clock.AsDay(l.today.AddDate(-years, -months, -3))
}

// ptr returns a pointer to v, for the generated SetNillable setters.
func ptr[T any](v T) *T { return &v }
