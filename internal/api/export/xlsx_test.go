package export_test

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// workbook GETs an .xlsx export and opens it with excelize.
func workbook(t *testing.T, api *apitest.API, token, path string) (int, *excelize.File) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, api.Server.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := api.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, res.Body)
		return res.StatusCode, nil
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("Content-Type %q", ct)
	}
	f, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return res.StatusCode, f
}

// cell reads a cell: its raw value (a number for numbers and dates) and
// its number format.
func cell(t *testing.T, f *excelize.File, sheet, ref string) (string, string) {
	t.Helper()
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil || style == nil {
		t.Fatalf("style of %s: %v", ref, err)
	}
	format := ""
	if style.CustomNumFmt != nil {
		format = *style.CustomNumFmt
	}
	return raw, format
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

func TestTheConsumptionWorkbook(t *testing.T) {
	api := apitest.New(t)
	mip := api.DB.Client.Convention.Query().Where(convention.ProgrammeID(api.Demo.Programmes["MIP"])).OnlyX(apitest.Sys)
	path := "/exports/conventions/" + string(mip.ID) + "/consumption.xlsx"
	status, f := workbook(t, api, api.Token(t, demo.Coordinator), path)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	rows, err := f.GetRows("Consommation")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "Convention" || rows[0][7] != "Prix unitaire" || rows[0][10] != "Montant engagé" {
		t.Fatalf("headers %q", rows[0])
	}
	t.Run("euros are numbers with a currency format", func(t *testing.T) {
		raw, format := cell(t, f, "Consommation", "H2")
		if number(t, raw) != float64(mip.UnitPriceCents)/100 || !strings.Contains(format, "€") || !strings.Contains(format, "0.00") {
			t.Fatalf("unit price %q as %q, want %d cents", raw, format, mip.UnitPriceCents)
		}
		raw, _ = cell(t, f, "Consommation", "K2")
		placesTaken, _ := strconv.Atoi(rows[1][8])
		if number(t, raw) != float64(int64(placesTaken)*mip.UnitPriceCents)/100 {
			t.Fatalf("committed %q for %d places", raw, placesTaken)
		}
		if len(rows)-1 != placesTaken {
			t.Fatalf("%d rows for %d places taken", len(rows)-1, placesTaken)
		}
	})
	t.Run("dates are dates", func(t *testing.T) {
		for ref, want := range map[string]time.Time{"E2": mip.StartsAt, "F2": mip.EndsAt} {
			raw, format := cell(t, f, "Consommation", ref)
			got, err := excelize.ExcelDateToTime(number(t, raw), false)
			if err != nil || !got.Equal(want) || format != "dd/mm/yyyy" {
				t.Errorf("%s: %q (%s) as %q, want %s", ref, raw, got, format, want.Format(time.DateOnly))
			}
		}
	})
	t.Run("others than the provider's coordinators get none", func(t *testing.T) {
		if status, _ := workbook(t, api, api.Token(t, demo.Educator), path); status != http.StatusForbidden {
			t.Errorf("educator: %d", status)
		}
		if status, _ := workbook(t, api, api.Token(t, demo.RelianceCoordinator), path); status != http.StatusNotFound {
			t.Errorf("another provider's coordinator: %d", status)
		}
	})
}

func TestTheActivityWorkbookMatchesTheAPI(t *testing.T) {
	api := apitest.New(t)
	now := api.Clock.Now()
	from, to := now.AddDate(-4, 0, 0).Format(time.DateOnly), now.AddDate(0, 0, 1).Format(time.DateOnly)
	var gql struct {
		ActivityFigures struct {
			Total      struct{ Files, Families, Children int }
			Programmes []struct{ ProgrammeCode string }
		}
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($p: ID!, $from: Time!, $to: Time!) { activityFigures(providerID: $p, from: $from, to: $to) {
		total { files families children } programmes { programmeCode } } }`,
		map[string]any{"p": api.Demo.ProviderID, "from": from + "T00:00:00Z", "to": to + "T00:00:00Z"}, &gql)
	path := "/exports/providers/" + string(api.Demo.ProviderID) + "/activity.xlsx?from=" + from + "&to=" + to
	status, f := workbook(t, api, api.Token(t, demo.Coordinator), path)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	rows, err := f.GetRows("Activité")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(gql.ActivityFigures.Programmes)+2 || rows[0][3] != "Dossiers" {
		t.Fatalf("%d rows for %d programmes: %q", len(rows), len(gql.ActivityFigures.Programmes), rows)
	}
	last := len(rows)
	total := gql.ActivityFigures.Total
	for col, want := range map[string]int{"D": total.Files, "E": total.Families, "F": total.Children} {
		raw, _ := cell(t, f, "Activité", col+strconv.Itoa(last))
		if number(t, raw) != float64(want) {
			t.Errorf("total %s = %q, the API says %d", col, raw, want)
		}
	}
	if raw, format := cell(t, f, "Activité", "H"+strconv.Itoa(last)); format != "0.0%" || number(t, raw) < 0 || number(t, raw) > 1 {
		t.Errorf("single-parent share %q as %q", raw, format)
	}
	if raw, format := cell(t, f, "Activité", "A2"); format != "dd/mm/yyyy" {
		t.Errorf("period start %q as %q", raw, format)
	}
	t.Run("a bad period is 400, another provider's figures 404", func(t *testing.T) {
		bad := "/exports/providers/" + string(api.Demo.ProviderID) + "/activity.xlsx?from=" + to + "&to=" + from
		if status, _ := workbook(t, api, api.Token(t, demo.Coordinator), bad); status != http.StatusBadRequest {
			t.Errorf("reversed period: %d", status)
		}
		if status, _ := workbook(t, api, api.Token(t, demo.RelianceCoordinator), path); status != http.StatusNotFound {
			t.Errorf("another provider's coordinator: %d", status)
		}
	})
}
