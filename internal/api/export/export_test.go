package export_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/internal/api/export"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/network"
)

// download GETs a path with a token and returns the response and its CSV
// records (nil when the body is not CSV), read as its format says: plain
// RFC 4180 for ?format=rfc4180, else as Excel-France does (a byte order
// mark, then cells separated by ';').
func download(t *testing.T, api *apitest.API, token, path string) (*http.Response, [][]string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, api.Server.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := api.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		return res, nil
	}
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(body))
	if !strings.HasSuffix(path, "format=rfc4180") {
		if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
			t.Fatalf("no UTF-8 byte order mark: %q", body[:min(len(body), 20)])
		}
		r = csv.NewReader(bytes.NewReader(body[3:]))
		r.Comma = ';'
	} else if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		t.Fatal("a byte order mark in an RFC 4180 file")
	}
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading the CSV: %v", err)
	}
	return res, records
}

func TestTheConsumptionExportMatchesTheAPI(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	mip := api.DB.Client.Convention.Query().Where(convention.ProgrammeID(api.Demo.Programmes["MIP"])).OnlyX(apitest.Sys)
	path := "/exports/conventions/" + string(mip.ID) + "/consumption.csv?format=rfc4180"

	var gql struct {
		Node struct{ PlacesTaken, PlacesLeft, CommittedAmountCents, Places int }
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($id: ID!) { node(id: $id) { ... on Convention {
		places placesTaken placesLeft committedAmountCents } } }`, map[string]any{"id": mip.ID}, &gql)
	if gql.Node.PlacesTaken == 0 {
		t.Fatal("the demo MIP convention should have places taken")
	}

	res, records := download(t, api, api.Token(t, demo.Coordinator), path)
	if res.StatusCode != http.StatusOK || records == nil {
		t.Fatalf("status %d, content type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, string(mip.ID)) {
		t.Fatalf("Content-Disposition %q", cd)
	}
	t.Run("the columns come in their stable order", func(t *testing.T) {
		if !slices.Equal(records[0], ids(export.ConsumptionColumns)) {
			t.Fatalf("header %q", records[0])
		}
	})
	col := func(name string) int { return slices.Index(ids(export.ConsumptionColumns), name) }
	rows := records[1:]
	t.Run("the figures are the API's", func(t *testing.T) {
		for _, row := range rows {
			for name, want := range map[string]int{
				"places": gql.Node.Places, "places_taken": gql.Node.PlacesTaken, "places_left": gql.Node.PlacesLeft,
				"committed_amount_cents": gql.Node.CommittedAmountCents,
			} {
				if row[col(name)] != strconv.Itoa(want) {
					t.Fatalf("%s = %s, the API says %d", name, row[col(name)], want)
				}
			}
		}
	})
	t.Run("one row per accompaniment taking a place", func(t *testing.T) {
		if len(rows) != gql.Node.PlacesTaken {
			t.Fatalf("%d rows, %d places taken", len(rows), gql.Node.PlacesTaken)
		}
		for _, row := range rows {
			status := accompaniment.Status(row[col("accompaniment_status")])
			if !slices.Contains(network.ConsumingStatuses, status) || row[col("family_reference")] == "" {
				t.Fatalf("row %q", row)
			}
		}
	})

	t.Run("only the provider's coordinators download it", func(t *testing.T) {
		for _, tc := range []struct {
			token string
			want  int
		}{
			{"", http.StatusUnauthorized},
			{"plt_forged", http.StatusUnauthorized},
			{api.Token(t, demo.Prescriber), http.StatusForbidden},
			{api.Token(t, demo.Educator), http.StatusForbidden},
			{api.Token(t, demo.RelianceCoordinator), http.StatusNotFound},
		} {
			if res, _ := download(t, api, tc.token, path); res.StatusCode != tc.want {
				t.Errorf("status %d, want %d", res.StatusCode, tc.want)
			}
		}
		if res, _ := download(t, api, api.Token(t, demo.Coordinator), "/exports/conventions/cnv_nope/consumption.csv"); res.StatusCode != http.StatusNotFound {
			t.Errorf("unknown convention: status %d", res.StatusCode)
		}
	})
}

func TestThePartnerCaseloadExport(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	cd := api.Demo.DepartmentalCouncilID
	res, records := download(t, api, api.Token(t, demo.Coordinator), "/exports/partners/"+string(cd)+"/caseload.csv?format=rfc4180")
	if res.StatusCode != http.StatusOK || records == nil {
		t.Fatalf("status %d", res.StatusCode)
	}
	if !slices.Equal(records[0], ids(export.CaseloadColumns)) {
		t.Fatalf("header %q", records[0])
	}
	want := api.DB.Client.Accompaniment.Query().Where(
		accompaniment.ProviderID(api.Demo.ProviderID),
		accompaniment.StatusEQ(accompaniment.StatusActive),
		accompaniment.Or(accompaniment.PrescriberOrganisationID(cd), accompaniment.FinancerID(cd)),
	).CountX(apitest.Sys)
	if want == 0 || len(records)-1 != want {
		t.Fatalf("%d rows, want the %d active accompaniments referred or financed by the council", len(records)-1, want)
	}
	for _, row := range records[1:] {
		if row[3] != "ACTIVE" {
			t.Fatalf("row %q", row)
		}
	}

	t.Run("another provider's coordinator gets none of them", func(t *testing.T) {
		_, records := download(t, api, api.Token(t, demo.RelianceCoordinator), "/exports/partners/"+string(cd)+"/caseload.csv")
		if len(records) != 1 {
			t.Fatalf("%d rows", len(records)-1)
		}
	})
}

func ids(cols []export.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.ID
	}
	return out
}
