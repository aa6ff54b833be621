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

// Text folds several texts into one, separated by spaces.
func Text(parts ...string) string { return Fold(strings.Join(parts, " ")) }

// Key folds parts into a key that tells apart records differing only by
// case, accents or spacing: "École  X", "Gard" and "ecole x", "GARD" have
// the same key.
func Key(parts ...string) string {
	folded := make([]string, len(parts))
	for i, p := range parts {
		folded[i] = Fold(p)
	}
	return strings.Join(folded, " | ")
}

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
