package accompaniment_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// brochureFile is one file of the data set built to match the brochure.
type brochureFile struct {
	code     string
	family   int
	eligible bool
}

// brochure builds, in July 2020 – July 2023, 130 families (75 %
// single-parent; 55 % employed, 30 % on minimum income, 15 % below the
// poverty line; 340 children) and 160 files: 80 MIP, 50 MAPA and 30 MADI
// continuing MIPs; 128 validated and 32 declined as not eligible.
// Family i's traits follow permutations of i, so that they cross.
func brochure(t *testing.T, api *apitest.API) []brochureFile {
	t.Helper()
	c := api.DB.Client
	day := time.Date(2020, time.July, 1, 9, 0, 0, 0, time.UTC)
	var files []brochureFile
	for i := range 130 {
		situation := family.SocioEconomicSituationEmployed
		switch k := (i * 7) % 130; {
		case k >= 111:
			situation = family.SocioEconomicSituationBelowPovertyLine
		case k >= 72:
			situation = family.SocioEconomicSituationMinimumIncome
		}
		household := family.HouseholdCompositionTwoParents
		if (i*11)%130 < 98 {
			household = family.HouseholdCompositionSingleParent
		}
		f := c.Family.Create().SetProviderID(api.Demo.ProviderID).SetReference(fmt.Sprintf("BRO-%03d", i)).
			SetTerritory("Gard").SetHouseholdComposition(household).SetSocioEconomicSituation(situation).SaveX(apitest.Sys)
		children := 2
		if (i*3)%130 < 80 {
			children = 3
		}
		for k := range children {
			c.Child.Create().SetFamilyID(f.ID).SetFirstName(fmt.Sprintf("Enfant %d", k)).
				SetBirthDate(time.Date(2014+k, 1, 1, 0, 0, 0, 0, time.UTC)).ExecX(apitest.Sys)
		}
		var mine []brochureFile
		if i < 80 {
			mine = append(mine, brochureFile{"MIP", i, i%5 != 0})
			if i < 30 {
				mine = append(mine, brochureFile{"MADI", i, true})
			}
		} else {
			mine = append(mine, brochureFile{"MAPA", i, i-80 >= 16})
		}
		for n, file := range mine {
			create := c.Accompaniment.Create().SetProviderID(api.Demo.ProviderID).SetFamilyID(f.ID).
				SetProgrammeID(api.Demo.Programmes[file.code]).SetRequestedAt(day.AddDate(0, 0, 7*i+60*n))
			if file.eligible {
				create.SetStatus(entacc.StatusClosed).SetValidatedAt(day.AddDate(0, 0, 7*i+60*n+10))
			} else {
				create.SetStatus(entacc.StatusDeclined).SetDeclineReason(entacc.DeclineReasonNotEligible)
			}
			create.ExecX(apitest.Sys)
			files = append(files, file)
		}
	}
	// Outside the period: a file of 2019 and the demo's own files.
	f := c.Family.Create().SetProviderID(api.Demo.ProviderID).SetReference("BRO-OLD").SetTerritory("Gard").
		SetHouseholdComposition(family.HouseholdCompositionTwoParents).SaveX(apitest.Sys)
	c.Accompaniment.Create().SetProviderID(api.Demo.ProviderID).SetFamilyID(f.ID).
		SetProgrammeID(api.Demo.Programmes["MIP"]).SetRequestedAt(day.AddDate(-1, 0, 0)).ExecX(apitest.Sys)
	return files
}

type figuresRow struct {
	ProgrammeCode         *string `json:"programmeCode"`
	Files                 int     `json:"files"`
	Families              int     `json:"families"`
	Children              int     `json:"children"`
	SingleParentShare     float64 `json:"singleParentShare"`
	EligibleFiles         int     `json:"eligibleFiles"`
	DecidedFiles          int     `json:"decidedFiles"`
	EligibleShare         float64 `json:"eligibleShare"`
	EmployedShare         float64 `json:"employedShare"`
	MinimumIncomeShare    float64 `json:"minimumIncomeShare"`
	BelowPovertyLineShare float64 `json:"belowPovertyLineShare"`
}

const figuresQuery = `query($p: ID!, $from: Time!, $to: Time!) { activityFigures(providerID: $p, from: $from, to: $to) {
	total { ...row } programmes { ...row } } }
	fragment row on ActivityFiguresRow { programmeCode files families children singleParentShare eligibleFiles decidedFiles
	eligibleShare employedShare minimumIncomeShare belowPovertyLineShare }`

func percent(share float64) int { return int(math.Round(share * 100)) }

func TestActivityFiguresGiveBackTheBrochuresTable(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	files := brochure(t, api)
	vars := map[string]any{
		"p":    api.Demo.ProviderID,
		"from": time.Date(2020, time.July, 1, 0, 0, 0, 0, time.UTC),
		"to":   time.Date(2023, time.July, 1, 0, 0, 0, 0, time.UTC),
	}
	var got struct {
		ActivityFigures struct {
			Total      figuresRow   `json:"total"`
			Programmes []figuresRow `json:"programmes"`
		} `json:"activityFigures"`
	}
	api.DB.ResetQueries()
	api.MustSucceed(t, api.Token(t, demo.Coordinator), figuresQuery, vars, &got)

	t.Run("the total is the brochure's", func(t *testing.T) {
		tot := got.ActivityFigures.Total
		if tot.Files != 160 || tot.Children != 340 || tot.Families != 130 {
			t.Fatalf("files %d children %d families %d", tot.Files, tot.Children, tot.Families)
		}
		shares := []struct {
			name      string
			got, want int
		}{
			{"single-parent", percent(tot.SingleParentShare), 75},
			{"eligible", percent(tot.EligibleShare), 80},
			{"employed", percent(tot.EmployedShare), 55},
			{"minimum income", percent(tot.MinimumIncomeShare), 30},
			{"below the poverty line", percent(tot.BelowPovertyLineShare), 15},
		}
		for _, s := range shares {
			if s.got != s.want {
				t.Errorf("%s: %d %%, want %d %%", s.name, s.got, s.want)
			}
		}
	})
	t.Run("per programme, families and files add up to what the data set holds", func(t *testing.T) {
		type want struct{ files, families, eligible int }
		wants := map[string]*want{}
		seen := map[string]map[int]bool{}
		for _, f := range files {
			w := wants[f.code]
			if w == nil {
				w = &want{}
				wants[f.code], seen[f.code] = w, map[int]bool{}
			}
			w.files++
			if f.eligible {
				w.eligible++
			}
			if !seen[f.code][f.family] {
				seen[f.code][f.family] = true
				w.families++
			}
		}
		if len(got.ActivityFigures.Programmes) != 3 {
			t.Fatalf("%d programmes", len(got.ActivityFigures.Programmes))
		}
		for _, row := range got.ActivityFigures.Programmes {
			w := wants[*row.ProgrammeCode]
			if row.Files != w.files || row.Families != w.families || row.EligibleFiles != w.eligible || row.DecidedFiles != w.files {
				t.Errorf("%s: %+v, want %+v", *row.ProgrammeCode, row, *w)
			}
		}
	})
	t.Run("computed in SQL: a handful of queries, whatever the number of files", func(t *testing.T) {
		// Authentication, then the total and the per-programme aggregates.
		if q := api.DB.Queries(); q > 4 {
			t.Fatalf("%d queries", q)
		}
	})
	t.Run("for the provider's coordinators only", func(t *testing.T) {
		for _, who := range []string{demo.RelianceCoordinator, demo.Educator, demo.Prescriber} {
			res := api.Do(t, api.Token(t, who), figuresQuery, vars)
			if codes := res.Codes(); len(codes) != 1 || codes[0] != "FORBIDDEN" {
				t.Errorf("%s: %v", who, codes)
			}
		}
	})
}
