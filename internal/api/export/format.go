package export

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// Column is a column of an export: ID names it in the RFC 4180 files, for
// programs (stable, English); Header is its catalogue key, for people.
type Column struct{ ID, Header string }

// format is how a file is written: by default what Excel on a French PC
// opens as is (a UTF-8 byte order mark, `;` between cells, amounts in
// euros with a decimal comma, days as JJ/MM/AAAA, headers and statuses in
// words); ?format=rfc4180 gives programs plain UTF-8 with commas, column
// IDs, amounts in cents and ISO days.
type format struct {
	rfc4180 bool
	lang    language.Tag
}

func formatOf(r *http.Request) format {
	return format{
		rfc4180: r.URL.Query().Get("format") == "rfc4180",
		lang:    i18n.FromContext(r.Context()),
	}
}

func (f format) header(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		if f.rfc4180 {
			out[i] = c.ID
		} else {
			out[i] = i18n.T(c.Header).In(f.lang)
		}
	}
	return out
}

// text is a cell of free text. A text a spreadsheet would read as a
// formula (=, +, -, @, or a tab or carriage return before one) is
// neutralised with a leading apostrophe, in both formats: an RFC 4180
// file is opened in spreadsheets too.
func (format) text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// cents is an amount: 1800,00 (euros) for people, 180000 (cents) for programs.
func (f format) cents(n int64) string {
	if f.rfc4180 {
		return strconv.FormatInt(n, 10)
	}
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d,%02d", sign, n/100, n%100)
}

func (format) count(n int) string { return strconv.Itoa(n) }

// day is a calendar day, in Paris: 31/12/2025 for people, 2025-12-31 for
// programs.
func (f format) day(t *time.Time) string {
	if t == nil {
		return ""
	}
	local := t.In(clock.Paris)
	if f.rfc4180 {
		return local.Format(time.DateOnly)
	}
	return local.Format("02/01/2006")
}

// status is a status of a record: its word for people, its value for
// programs.
func (f format) status(record string, s fmt.Stringer) string {
	if f.rfc4180 {
		return s.String()
	}
	return statemachine.Word(record, s.String()).In(f.lang)
}

func (f format) yes(b bool) string {
	switch {
	case f.rfc4180 && b:
		return "yes"
	case f.rfc4180:
		return "no"
	case b:
		return i18n.T("csv.yes").In(f.lang)
	default:
		return i18n.T("csv.no").In(f.lang)
	}
}
