package export

import (
	"context"
	"net/http"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	domain "github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// ConsumptionSheet is the table of the consumption workbook: the columns
// of the CSV export (catalogue keys), one row per accompaniment taking a place.
var ConsumptionSheet = []column{
	{"xlsx.consumption.convention", text}, {"xlsx.consumption.programme", text}, {"xlsx.consumption.partner", text}, {"xlsx.consumption.financer", text},
	{"xlsx.consumption.starts_on", day}, {"xlsx.consumption.ends_on", day},
	{"xlsx.consumption.places", count}, {"xlsx.consumption.unit_price", euros}, {"xlsx.consumption.places_taken", count}, {"xlsx.consumption.places_left", count},
	{"xlsx.consumption.committed_amount", euros},
	{"xlsx.consumption.accompaniment", text}, {"xlsx.consumption.family_reference", text}, {"xlsx.consumption.status", text}, {"xlsx.consumption.validated_on", day},
	{"xlsx.consumption.accompaniment_starts_on", day}, {"xlsx.consumption.accompaniment_ends_on", day},
}

// conventionConsumptionXLSX writes a convention's consumption as a
// workbook, for the coordinators of the link's provider.
func conventionConsumptionXLSX(ctx context.Context, client *ent.Client, w http.ResponseWriter, id pulid.ID) error {
	c, link, figures, err := loadConsumption(ctx, client, id)
	if err != nil {
		return err
	}
	head := []any{
		string(c.ID), nameOf(c.Edges.Programme), orgName(link.Edges.Organisation), orgName(c.Edges.Financer),
		c.StartsAt, c.EndsAt, c.Places, c.UnitPriceCents, figures.PlacesTaken, figures.PlacesLeft, figures.CommittedAmountCents,
	}
	files, err := consumingFiles(client, c.ID).Order(ent.Asc(accompaniment.FieldID)).All(ctx)
	if err != nil {
		return err
	}
	var rows [][]any
	for _, a := range files {
		ref := ""
		if a.Edges.Family != nil {
			ref = a.Edges.Family.Reference
		}
		rows = append(rows, append(head[:len(head):len(head)], string(a.ID), ref, string(a.Status), a.ValidatedAt, a.StartsAt, a.EndsAt))
	}
	if len(rows) == 0 {
		rows = append(rows, append(head, nil, nil, nil, nil, nil, nil))
	}
	wb, err := newWorkbook()
	if err != nil {
		return err
	}
	if err := wb.sheet(ctx, "xlsx.consumption.sheet", ConsumptionSheet, rows); err != nil {
		return err
	}
	return wb.send(w, "convention-"+string(c.ID)+"-consommation.xlsx")
}

// ActivitySheet is the activity table (accompaniment.Figures), by catalogue keys:
// one row per programme, then the total.
var ActivitySheet = []column{
	{"xlsx.activity.from", day}, {"xlsx.activity.to", day}, {"xlsx.activity.programme", text},
	{"xlsx.activity.files", count}, {"xlsx.activity.families", count}, {"xlsx.activity.children", count},
	{"xlsx.activity.single_parent", count}, {"xlsx.activity.single_parent_share", shares},
	{"xlsx.activity.decided", count}, {"xlsx.activity.eligible", count}, {"xlsx.activity.eligible_share", shares},
	{"xlsx.activity.employed", count}, {"xlsx.activity.employed_share", shares},
	{"xlsx.activity.minimum_income", count}, {"xlsx.activity.minimum_income_share", shares},
	{"xlsx.activity.below_poverty", count}, {"xlsx.activity.below_poverty_share", shares},
}

// activityFiguresXLSX writes a provider's activity table for the files
// requested from ?from= up to ?to= (days, AAAA-MM-JJ, to excluded).
func activityFiguresXLSX(ctx context.Context, figures *domain.Service, w http.ResponseWriter, r *http.Request, providerID pulid.ID) error {
	from, errFrom := time.Parse(time.DateOnly, r.URL.Query().Get("from"))
	to, errTo := time.Parse(time.DateOnly, r.URL.Query().Get("to"))
	if errFrom != nil || errTo != nil {
		return errBadPeriod
	}
	table, err := figures.ActivityFigures(ctx, providerID, clock.AsDay(from), clock.AsDay(to))
	if e, ok := apierror.As(err); ok {
		if e.Code == apierror.BadUserInput {
			return errBadPeriod
		}
		return errNotFound // another provider's figures do not exist for the viewer
	}
	if err != nil {
		return err
	}
	row := func(label string, f *domain.FiguresRow) []any {
		return []any{table.From, table.To, label, f.Files, f.Families, f.Children,
			f.SingleParentFamilies, f.SingleParentShare(), f.DecidedFiles, f.EligibleFiles, f.EligibleShare(),
			f.EmployedFamilies, f.EmployedShare(), f.MinimumIncomeFamilies, f.MinimumIncomeShare(),
			f.BelowPovertyFamilies, f.BelowPovertyLineShare()}
	}
	var rows [][]any
	for _, p := range table.Programmes {
		label := ""
		if p.ProgrammeCode != nil {
			label = *p.ProgrammeCode
		}
		rows = append(rows, row(label, p))
	}
	rows = append(rows, row("Total", table.Total))
	wb, err := newWorkbook()
	if err != nil {
		return err
	}
	if err := wb.sheet(ctx, "xlsx.activity.sheet", ActivitySheet, rows); err != nil {
		return err
	}
	return wb.send(w, "activite-"+from.Format(time.DateOnly)+"-"+to.Format(time.DateOnly)+".xlsx")
}
