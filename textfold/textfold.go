// Package textfold folds text for searching: lower case, without
// diacritics, with single spaces. Folding both the stored text and the
// words searched makes "ecrivain" find "Écrivain" on every database:
// SQLite's LOWER knows ASCII only, and PostgreSQL's text search keeps
// accents.
package textfold

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s folded.
func Fold(s string) string {
	// Decompose (é → e + ´), drop the combining marks, recompose the rest.
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(strip, s)
	if err != nil {
		folded = s
	}
	// Ligatures that decomposition keeps, as French writes them.
	folded = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae").Replace(folded)
	return strings.Join(strings.Fields(strings.ToLower(folded)), " ")
}
