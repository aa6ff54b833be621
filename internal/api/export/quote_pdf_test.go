package export_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// sentQuote runs the school's request for the model group up to sent and
// returns its ID, number and PDF path as the partner reads them.
func sentQuote(t *testing.T, api *apitest.API) (id, number, path string) {
	t.Helper()
	var q struct{ ID string }
	api.Mutate(t, demo.PartnerStaff, `mutation($in: RequestQuoteInput!) { requestQuote(input: $in) { quote { id } errors { code } } }`,
		map[string]any{"in": map[string]any{"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
			"childrenCount": 6, "groupSize": 6, "weeks": 6, "place": "École élémentaire, salle 2", "travelKm": 30}}).WantOK(t).Decode(t, "quote", &q)
	for _, step := range []string{"priceQuote", "sendQuote"} {
		api.Mutate(t, demo.Practitioner, `mutation($in: `+strings.ToUpper(step[:1])+step[1:]+`Input!) { `+step+`(input: $in) { errors { code } } }`,
			map[string]any{"in": map[string]any{"quoteID": q.ID}}).WantOK(t)
	}
	var data struct {
		Node struct {
			Number string
			PdfURL string `json:"pdfURL"`
		}
	}
	api.MustSucceed(t, api.Token(t, demo.PartnerStaff), `query($id: ID!) { node(id: $id) { ... on Quote { number pdfURL } } }`,
		map[string]any{"id": q.ID}, &data)
	return q.ID, data.Node.Number, data.Node.PdfURL
}

func get(t *testing.T, api *apitest.API, token, path string) (*http.Response, []byte) {
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
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

var pdfStream = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)

// pdfText returns the content of a PDF's streams, inflated: the page's
// text operators, in the file's Windows-1252 bytes.
func pdfText(t *testing.T, body []byte) string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("%PDF-1.")) || !bytes.Contains(body[max(0, len(body)-32):], []byte("%%EOF")) {
		t.Fatalf("not a PDF: %q…", body[:min(len(body), 40)])
	}
	var text strings.Builder
	for _, m := range pdfStream.FindAllSubmatch(body, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			text.Write(m[1]) // not compressed
			continue
		}
		inflated, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("inflating a stream: %v", err)
		}
		text.Write(inflated)
	}
	return text.String()
}

func TestTheQuotePDF(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	id, number, path := sentQuote(t, api)
	if !regexp.MustCompile(`^DEV-\d{4}-\d{4}$`).MatchString(number) || path != "/exports/quotes/"+id+".pdf" {
		t.Fatalf("number %q, path %q", number, path)
	}

	t.Run("the partner downloads it: number, lines and prices TTC, in French", func(t *testing.T) {
		res, body := get(t, api, api.Token(t, demo.PartnerStaff), path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", res.StatusCode, body)
		}
		for h, want := range map[string]string{
			"Content-Type":        "application/pdf",
			"Content-Disposition": `attachment; filename="` + number + `.pdf"`,
			"Cache-Control":       "no-store",
		} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("%s: %q, want %q", h, got, want)
			}
		}
		text := pdfText(t, body)
		for _, want := range []string{
			"(Devis " + number + ")",
			"(Total TTC)",
			"(900,00\xa0\x80)", // 900,00 € in Windows-1252, no-break space
			"(Prix en euros, toutes taxes comprises (TTC).)",
			"(Lieu : \xc9cole \xe9l\xe9mentaire, salle 2)", // École élémentaire
			"(\xc9mis le ",
		} {
			if !strings.Contains(text, pdfEscape(want)) {
				t.Errorf("the PDF does not read %q", want)
			}
		}
	})
	t.Run("in English on request", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, api.Server.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+api.Token(t, demo.PartnerStaff))
		req.Header.Set("Accept-Language", "en")
		res, err := api.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if text := pdfText(t, body); !strings.Contains(text, "(Quote "+number+")") || !strings.Contains(text, "(Total incl. VAT)") {
			t.Error("the English PDF does not read its title and total")
		}
	})
	t.Run("every role: the provider's staff and the partner, no one else", func(t *testing.T) {
		want := map[string]int{
			demo.Coordinator:         http.StatusOK,
			demo.Practitioner:        http.StatusOK,
			demo.PartnerStaff:        http.StatusOK,
			demo.Educator:            http.StatusNotFound,
			demo.Prescriber:          http.StatusNotFound,
			demo.SecondPrescriber:    http.StatusNotFound,
			demo.RelianceCoordinator: http.StatusNotFound,
			demo.RelianceEducator:    http.StatusNotFound,
			apitest.Anonymous:        http.StatusUnauthorized,
		}
		for _, account := range apitest.EveryAccount() {
			status, ok := want[account]
			if !ok {
				t.Fatalf("no expectation for %s", account)
			}
			res, body := get(t, api, api.Token(t, account), path)
			if res.StatusCode != status {
				t.Errorf("%s: status %d, want %d", account, res.StatusCode, status)
			}
			if status == http.StatusOK && !bytes.HasPrefix(body, []byte("%PDF-")) {
				t.Errorf("%s: not a PDF", account)
			}
			if status != http.StatusOK && bytes.Contains(body, []byte(number)) {
				t.Errorf("%s: a refusal names the quote", account)
			}
		}
	})
	t.Run("a quote not yet sent has no document", func(t *testing.T) {
		var q struct{ ID string }
		api.Mutate(t, demo.PartnerStaff, `mutation($in: RequestQuoteInput!) { requestQuote(input: $in) { quote { id } errors { code } } }`,
			map[string]any{"in": map[string]any{"programmeID": api.Demo.Programmes["ARCS"], "organisationID": api.Demo.SchoolID,
				"childrenCount": 6, "groupSize": 6, "weeks": 6, "place": "École"}}).WantOK(t).Decode(t, "quote", &q)
		for _, p := range []string{"/exports/quotes/" + q.ID + ".pdf", "/exports/quotes/" + id, "/exports/quotes/quo_nope.pdf"} {
			if res, _ := get(t, api, api.Token(t, demo.Coordinator), p); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", p, res.StatusCode)
			}
		}
	})
}

// pdfEscape escapes what a PDF string escapes inside its parentheses.
func pdfEscape(s string) string {
	if !strings.HasPrefix(s, "(") {
		return s
	}
	inner := strings.TrimPrefix(s, "(")
	closed := strings.HasSuffix(inner, ")")
	inner = strings.TrimSuffix(inner, ")")
	inner = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(inner)
	if closed {
		return "(" + inner + ")"
	}
	return "(" + inner
}
