package export

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// cellKind says how a column's values are written and shown.
type cellKind int

const (
	text   cellKind = iota
	count           // a whole number
	euros           // cents, written as euros with a currency format
	day             // a calendar day, written as a date
	shares          // 0 to 1, shown as a percentage
)

// column is a column of a workbook sheet: the catalogue key of its header
// (worded in the request's language) and its kind.
type column struct {
	header string
	kind   cellKind
}

// The number formats: Excel shows them with the reader's separators (a
// decimal comma on a French PC).
var formats = map[cellKind]string{
	euros:  `#,##0.00\ "€"`,
	day:    "dd/mm/yyyy",
	shares: "0.0%",
}

// workbook builds one .xlsx file, sheet by sheet.
type workbook struct {
	f      *excelize.File
	styles map[cellKind]int
	header int
	sheets int
}

func newWorkbook() (*workbook, error) {
	wb := &workbook{f: excelize.NewFile(), styles: map[cellKind]int{}}
	for kind, format := range formats {
		id, err := wb.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			return nil, err
		}
		wb.styles[kind] = id
	}
	var err error
	wb.header, err = wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	return wb, err
}

// sheet writes a table: the headers in bold on the first row (frozen),
// then one row per record, each value of its column's kind (nil leaves
// the cell empty).
func (wb *workbook) sheet(ctx context.Context, nameKey string, columns []column, rows [][]any) error {
	lang := i18n.FromContext(ctx)
	name := i18n.T(nameKey).In(lang)
	if wb.sheets == 0 {
		if err := wb.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := wb.f.NewSheet(name); err != nil {
		return err
	}
	wb.sheets++
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	head := make([]any, len(columns))
	for i, c := range columns {
		head[i] = excelize.Cell{StyleID: wb.header, Value: i18n.T(c.header).In(lang)}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = wb.cell(columns[i].kind, v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (wb *workbook) cell(kind cellKind, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case *time.Time:
		if x == nil {
			return nil
		}
		v = *x
	case int64:
		if kind == euros {
			v = float64(x) / 100
		}
	}
	if t, ok := v.(time.Time); ok {
		// A day is midnight UTC of its date: written as that date.
		v = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return excelize.Cell{StyleID: wb.styles[kind], Value: v}
}

// send writes the workbook as an attachment.
func (wb *workbook) send(w http.ResponseWriter, filename string) error {
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename=%q`, filename))
	h.Set("Cache-Control", "no-store")
	_, err := wb.f.WriteTo(w)
	return err
}
