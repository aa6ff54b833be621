package workshop

import (
	"context"
	"fmt"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/documentsequence"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// quotePrefix starts every quote number: DEV-2027-0042 (devis).
const quotePrefix = "DEV"

// numberQuote gives a quote being sent the next number of its provider
// for the current year (in the provider's time zone). The number is
// taken in the sending transaction: a send that fails gives its number
// back, and two sends at once wait for each other on the sequence's row
// (PostgreSQL's row lock; SQLite's one writer), so the numbers of a
// provider's year follow each other without gaps or repeats.
func numberQuote(ctx context.Context, c *ent.Client, q *ent.Quote, timeZone string) (string, error) {
	year := c.Clock.Now().In(clock.Zone(timeZone)).Year()
	n, err := TakeNumber(ctx, c, q.ProviderID, quotePrefix, year)
	if err != nil {
		return "", err
	}
	return QuoteNumber(year, n), nil
}

// QuoteNumber formats the n-th quote of year: DEV-2027-0042 (four digits
// at least, more past 9999).
func QuoteNumber(year, n int) string {
	return fmt.Sprintf("%s-%d-%04d", quotePrefix, year, n)
}

// TakeNumber takes the next number of a provider's documents of prefix
// (DEV: quotes) in year: it increments that sequence, creating it at 1,
// and returns its new value. The increment is one
// statement (INSERT … ON CONFLICT DO UPDATE SET last = last + 1): no read
// of the old value can race with another transaction's.
func TakeNumber(ctx context.Context, c *ent.Client, providerID pulid.ID, prefix string, year int) (int, error) {
	prefix = strings.ToUpper(prefix)
	err := c.DocumentSequence.Create().
		SetProviderID(providerID).SetPrefix(prefix).SetYear(year).SetLast(1).
		OnConflictColumns(documentsequence.FieldProviderID, documentsequence.FieldPrefix, documentsequence.FieldYear).
		Update(func(u *ent.DocumentSequenceUpsert) {
			u.AddLast(1)
			u.SetUpdatedAt(c.Clock.Now())
		}).
		Exec(ctx)
	if err != nil {
		return 0, err
	}
	seq, err := c.DocumentSequence.Query().Where(
		documentsequence.ProviderID(providerID), documentsequence.Prefix(prefix), documentsequence.Year(year),
	).Only(ctx)
	if err != nil {
		return 0, err
	}
	return seq.Last, nil
}

// QuotePDFPath is where the PDF of a numbered quote is downloaded, with
// the bearer token (package export serves it); nil before the quote is
// sent and numbered.
func QuotePDFPath(q *ent.Quote) *string {
	if q.Number == nil {
		return nil
	}
	path := "/exports/quotes/" + string(q.ID) + ".pdf"
	return &path
}
