package export

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/language"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/quoteline"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// signedIn answers 401 to anonymous visitors, then runs the export: what
// it reads passes the viewer's access rules, and what they may not read
// is 404, like what does not exist.
func signedIn(logger *slog.Logger, export func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if viewer.FromContext(r.Context()).IsAnonymous() {
			w.Header().Set("WWW-Authenticate", `Bearer realm="portal"`)
			refuse(w, r, "export.sign_in", http.StatusUnauthorized)
			return
		}
		serve(logger, w, r, export)
	})
}

// quotePDF serves, at workshop.QuotePDFPath, the PDF of a quote the viewer can read (its provider's
// coordinators and practitioners, the requesting partner), once the quote
// is sent and numbered.
func quotePDF(ctx context.Context, client *ent.Client, w http.ResponseWriter, file string) error {
	id, ok := strings.CutSuffix(file, ".pdf")
	if !ok {
		return errNotFound
	}
	q, err := client.Quote.Query().Where(quote.ID(pulid.ID(id)), quote.NumberNotNil()).
		WithLines(func(l *ent.QuoteLineQuery) { l.Order(ent.Asc(quoteline.FieldPosition)) }).
		WithProvider().WithOrganisation().WithProgramme().
		Only(ctx)
	if err != nil {
		return err
	}
	// Rendered whole before the first byte: a failure is still a status.
	var body bytes.Buffer
	if err := RenderQuote(&body, q, i18n.FromContext(ctx)); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.pdf"`, *q.Number))
	h.Set("Content-Length", fmt.Sprint(body.Len()))
	h.Set("Cache-Control", "no-store")
	_, err = body.WriteTo(w)
	return err
}

// RenderQuote writes the quote q (with its lines, provider, organisation
// and programme loaded) as a one-document PDF in the language tag. The
// core fonts are written in Windows-1252, which holds every letter of
// French and the euro sign.
func RenderQuote(out *bytes.Buffer, q *ent.Quote, tag language.Tag) error {
	t := func(key string, args ...any) string { return i18n.T(key, args...).In(tag) }
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252
	title := t("quotedoc.title", *q.Number)
	pdf.SetTitle(title, true)
	pdf.SetAuthor(q.Edges.Provider.Name, true)
	pdf.SetCreator("Portail des partenaires", true)
	// The document's dates are the quote's, never the machine's clock.
	issued := q.CreatedAt
	if q.SentAt != nil {
		issued = *q.SentAt
	}
	pdf.SetCreationDate(issued)
	pdf.SetModificationDate(issued)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "I", 8)
		pdf.CellFormat(0, 10, tr(t("quotedoc.page", pdf.PageNo(), "{nb}")), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(0, 10, tr(title), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	pdf.CellFormat(0, 6, tr(t("quotedoc.issued_on", i18n.Day(issued))), "", 1, "L", false, 0, "")
	if q.ExpiresAt != nil {
		pdf.CellFormat(0, 6, tr(t("quotedoc.valid_until", i18n.Day(*q.ExpiresAt))), "", 1, "L", false, 0, "")
	}
	pdf.Ln(4)

	// The two parties, side by side.
	y := pdf.GetY()
	party := func(x float64, heading, name string, more ...string) {
		pdf.SetXY(x, y)
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(85, 6, tr(heading), "", 2, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(85, 5, tr(name), "", "L", false)
		for _, m := range more {
			if m != "" {
				pdf.SetX(x)
				pdf.MultiCell(85, 5, tr(m), "", "L", false)
			}
		}
	}
	party(10, t("quotedoc.provider"), q.Edges.Provider.Name)
	org := q.Edges.Organisation
	party(110, t("quotedoc.client"), org.Name, org.Territory, org.ContactEmail)
	pdf.SetY(y + 30)

	// What was asked.
	pdf.SetFont("Helvetica", "", 10)
	for _, line := range []string{
		t("quotedoc.programme", q.Edges.Programme.Name),
		t("quotedoc.children", q.ChildrenCount),
		t("quotedoc.group_size", q.GroupSize),
		t("quotedoc.rhythm", q.SessionsPerWeek, q.Weeks),
		t("quotedoc.place", q.Place),
	} {
		pdf.MultiCell(0, 5, tr(line), "", "L", false)
	}
	pdf.Ln(4)

	// The lines, prices VAT included as in the brochure.
	widths := []float64{100, 20, 35, 35}
	pdf.SetFont("Helvetica", "B", 9)
	pdf.SetFillColor(230, 230, 230)
	for i, h := range []string{t("quotedoc.col.label"), t("quotedoc.col.quantity"), t("quotedoc.col.unit_price"), t("quotedoc.col.amount")} {
		align := "R"
		if i == 0 {
			align = "L"
		}
		pdf.CellFormat(widths[i], 7, tr(h), "1", 0, align, true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("Helvetica", "", 9)
	for _, l := range q.Edges.Lines {
		// The label may wrap: its height sets the row's.
		lines := pdf.SplitLines([]byte(tr(l.Label)), widths[0]-2)
		h := 6 * float64(max(1, len(lines)))
		if pdf.GetY()+h > 270 {
			pdf.AddPage()
		}
		x, y := pdf.GetXY()
		pdf.MultiCell(widths[0], 6, tr(l.Label), "1", "L", false)
		pdf.SetXY(x+widths[0], y)
		pdf.CellFormat(widths[1], h, fmt.Sprint(l.Quantity), "1", 0, "R", false, 0, "")
		pdf.CellFormat(widths[2], h, tr(i18n.Euros(l.UnitPriceCents).In(tag)), "1", 0, "R", false, 0, "")
		pdf.CellFormat(widths[3], h, tr(i18n.Euros(l.AmountCents).In(tag)), "1", 0, "R", false, 0, "")
		pdf.SetXY(x, y+h)
	}
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(widths[0]+widths[1]+widths[2], 8, tr(t("quotedoc.total")), "1", 0, "R", false, 0, "")
	pdf.CellFormat(widths[3], 8, tr(i18n.Euros(q.TotalCents).In(tag)), "1", 1, "R", false, 0, "")
	pdf.Ln(3)
	pdf.SetFont("Helvetica", "", 9)
	pdf.MultiCell(0, 5, tr(t("quotedoc.vat")), "", "L", false)
	return pdf.Output(out)
}
