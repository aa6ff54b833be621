package export_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/internal/api/export"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// TestTheConsumptionOpensInFrenchExcel reads the default file as Excel on
// a French PC does (download checks the byte order mark and splits on
// ';'): French headers, amounts in euros with a decimal comma, days as
// JJ/MM/AAAA, statuses in words; the same figures as the RFC 4180 file.
func TestTheConsumptionOpensInFrenchExcel(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	mip := api.DB.Client.Convention.Query().Where(convention.ProgrammeID(api.Demo.Programmes["MIP"])).OnlyX(apitest.Sys)
	path := "/exports/conventions/" + string(mip.ID) + "/consumption.csv"
	token := api.Token(t, demo.Coordinator)
	res, excel := download(t, api, token, path)
	if res.StatusCode != http.StatusOK || len(excel) < 2 {
		t.Fatalf("status %d, %d records", res.StatusCode, len(excel))
	}
	_, plain := download(t, api, token, path+"?format=rfc4180")

	var headers []string
	for _, c := range export.ConsumptionColumns {
		headers = append(headers, i18n.T(c.Header).French())
	}
	if !slices.Equal(excel[0], headers) || excel[0][7] != "Prix unitaire (€)" {
		t.Fatalf("header %q", excel[0])
	}
	col := func(id string) int { return slices.Index(ids(export.ConsumptionColumns), id) }
	day := regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`)
	for i, row := range excel[1:] {
		for _, id := range []string{"unit_price_cents", "committed_amount_cents"} {
			var cents int64
			fmt.Sscan(plain[i+1][col(id)], &cents)
			if want := fmt.Sprintf("%d,%02d", cents/100, cents%100); row[col(id)] != want {
				t.Errorf("%s: %q, want %q (%d cents)", id, row[col(id)], want, cents)
			}
		}
		for _, id := range []string{"starts_on", "ends_on", "validated_on"} {
			if !day.MatchString(row[col(id)]) {
				t.Errorf("%s: %q, want JJ/MM/AAAA", id, row[col(id)])
			}
		}
		if got := row[col("accompaniment_status")]; got == plain[i+1][col("accompaniment_status")] {
			t.Errorf("status %q: want words", got)
		}
	}

	t.Run("Accept-Language: en gives English headers", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, api.Server.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept-Language", "en")
		res, err := api.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), ";Unit price (€);") {
			t.Fatalf("status %d, %.200s", res.StatusCode, body)
		}
	})

	t.Run("a cell a spreadsheet would run as a formula is neutralised", func(t *testing.T) {
		for _, name := range []string{`=HYPERLINK("http://evil.example","x")`, "+1+2", "-2+3", "@SUM(A1)"} {
			api.DB.Client.Organisation.UpdateOneID(api.Demo.DepartmentalCouncilID).SetName(name).ExecX(apitest.Sys)
			for _, p := range []string{path, path + "?format=rfc4180"} {
				_, records := download(t, api, token, p)
				if got := records[1][col("financer")]; got != "'"+name {
					t.Errorf("%s: financer %q, want %q", p, got, "'"+name)
				}
			}
		}
	})
}
