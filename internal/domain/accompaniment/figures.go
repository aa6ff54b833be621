package accompaniment

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// Figures is the activity table a provider publishes for a period (the
// brochure's "160 files, 340 children, 130 families..."), per programme
// and in total.
//
// Definitions:
//   - a file is an accompaniment requested within [From, To);
//   - families and children are those of these files, each counted once
//     (a MIP continued as a MADI is two files of one family);
//   - a file is eligible when it was validated; the share of eligible files
//     is taken over the files whose eligibility was decided: validated, or
//     declined as NOT_ELIGIBLE (files still under evaluation, withdrawn
//     before a decision or declined for another reason are left out);
//   - shares of families (single-parent, socio-economic situation) are taken
//     over all the families of the files.
type Figures struct {
	From       time.Time
	To         time.Time
	Total      *FiguresRow
	Programmes []*FiguresRow
}

// FiguresRow is one line of the table: one programme, or the total (with
// no programme).
type FiguresRow struct {
	ProgrammeID           *pulid.ID
	ProgrammeCode         *string
	Files                 int
	Families              int
	Children              int
	SingleParentFamilies  int
	DecidedFiles          int
	EligibleFiles         int
	EmployedFamilies      int
	MinimumIncomeFamilies int
	BelowPovertyFamilies  int
}

// SingleParentShare is the share of single-parent families, 0 to 1.
func (r *FiguresRow) SingleParentShare() float64 { return share(r.SingleParentFamilies, r.Families) }

// EligibleShare is the share of eligible files among decided ones.
func (r *FiguresRow) EligibleShare() float64 { return share(r.EligibleFiles, r.DecidedFiles) }

// EmployedShare is the share of families employed or self-employed.
func (r *FiguresRow) EmployedShare() float64 { return share(r.EmployedFamilies, r.Families) }

// MinimumIncomeShare is the share of families on minimum income (RSA).
func (r *FiguresRow) MinimumIncomeShare() float64 { return share(r.MinimumIncomeFamilies, r.Families) }

// BelowPovertyLineShare is the share of families below the poverty line.
func (r *FiguresRow) BelowPovertyLineShare() float64 {
	return share(r.BelowPovertyFamilies, r.Families)
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// figuresScan is a row as the database returns it.
type figuresScan struct {
	ProgrammeID   string `json:"programme_id"`
	ProgrammeCode string `json:"programme_code"`
	Files         int    `json:"files"`
	Families      int    `json:"families"`
	Children      int    `json:"children"`
	SingleParent  int    `json:"single_parent"`
	Decided       int    `json:"decided"`
	Eligible      int    `json:"eligible"`
	Employed      int    `json:"employed"`
	MinimumIncome int    `json:"minimum_income"`
	BelowPoverty  int    `json:"below_poverty"`
}

// ActivityFigures computes the table of a provider for [from, to), for the
// provider's coordinators. Counting happens in SQL (COUNT DISTINCT over the
// files joined to their families and children, grouped by programme): no
// file is loaded into the portal.
func (s *Service) ActivityFigures(ctx context.Context, providerID pulid.ID, from, to time.Time) (*Figures, error) {
	if err := access.CanReadActivityFigures(viewer.FromContext(ctx), providerID); err != nil {
		return nil, err
	}
	if !from.Before(to) {
		return nil, apierror.New(apierror.BadUserInput, "acc.from_before_to").OnField("from")
	}
	c := database.ClientFor(ctx, s.client)
	run := func(byProgramme bool) ([]figuresScan, error) {
		var rows []figuresScan
		err := c.Accompaniment.Query().
			Where(entacc.ProviderID(providerID), entacc.RequestedAtGTE(from), entacc.RequestedAtLT(to)).
			Modify(func(s *sql.Selector) { figuresSelect(s, byProgramme) }).
			Scan(ctx, &rows)
		return rows, err
	}
	total, err := run(false)
	if err != nil {
		return nil, err
	}
	perProgramme, err := run(true)
	if err != nil {
		return nil, err
	}
	out := &Figures{From: from, To: to, Total: &FiguresRow{}}
	if len(total) == 1 {
		out.Total = total[0].row(false)
	}
	for _, r := range perProgramme {
		out.Programmes = append(out.Programmes, r.row(true))
	}
	return out, nil
}

// figuresSelect turns the selection of files into the aggregates.
func figuresSelect(s *sql.Selector, byProgramme bool) {
	f, ch := sql.Table(family.Table), sql.Table(child.Table)
	s.Join(f).On(s.C(entacc.FieldFamilyID), f.C(family.FieldID)).
		LeftJoin(ch).On(f.C(family.FieldID), ch.C(child.FieldFamilyID))
	distinctWhen := func(cond, id string) string {
		return fmt.Sprintf("COUNT(DISTINCT CASE WHEN %s THEN %s END)", cond, id)
	}
	situation := func(v family.SocioEconomicSituation) string {
		return distinctWhen(fmt.Sprintf("%s = '%s'", f.C(family.FieldSocioEconomicSituation), v), f.C(family.FieldID))
	}
	validated := s.C(entacc.FieldValidatedAt) + " IS NOT NULL"
	cols := []string{
		sql.As(sql.Count(sql.Distinct(s.C(entacc.FieldID))), "files"),
		sql.As(sql.Count(sql.Distinct(f.C(family.FieldID))), "families"),
		sql.As(sql.Count(sql.Distinct(ch.C(child.FieldID))), "children"),
		sql.As(distinctWhen(fmt.Sprintf("%s = '%s'", f.C(family.FieldHouseholdComposition), family.HouseholdCompositionSingleParent),
			f.C(family.FieldID)), "single_parent"),
		sql.As(distinctWhen(fmt.Sprintf("%s OR %s = '%s'", validated, s.C(entacc.FieldDeclineReason), entacc.DeclineReasonNotEligible),
			s.C(entacc.FieldID)), "decided"),
		sql.As(distinctWhen(validated, s.C(entacc.FieldID)), "eligible"),
		sql.As(situation(family.SocioEconomicSituationEmployed), "employed"),
		sql.As(situation(family.SocioEconomicSituationMinimumIncome), "minimum_income"),
		sql.As(situation(family.SocioEconomicSituationBelowPovertyLine), "below_poverty"),
	}
	if byProgramme {
		p := sql.Table(programme.Table)
		s.Join(p).On(s.C(entacc.FieldProgrammeID), p.C(programme.FieldID))
		cols = append([]string{
			sql.As(p.C(programme.FieldID), "programme_id"),
			sql.As(p.C(programme.FieldCode), "programme_code"),
		}, cols...)
		s.GroupBy(p.C(programme.FieldID), p.C(programme.FieldCode)).
			OrderBy(p.C(programme.FieldCode))
	}
	s.Select(cols...)
}

func (r figuresScan) row(withProgramme bool) *FiguresRow {
	out := &FiguresRow{
		Files: r.Files, Families: r.Families, Children: r.Children, SingleParentFamilies: r.SingleParent,
		DecidedFiles: r.Decided, EligibleFiles: r.Eligible, EmployedFamilies: r.Employed,
		MinimumIncomeFamilies: r.MinimumIncome, BelowPovertyFamilies: r.BelowPoverty,
	}
	if withProgramme {
		id, code := pulid.ID(r.ProgrammeID), r.ProgrammeCode
		out.ProgrammeID, out.ProgrammeCode = &id, &code
	}
	return out
}
