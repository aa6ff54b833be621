package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Euros is an argument worded as an amount of euro cents: 1 800,00 € in
// French (no-break spaces, which every PDF font encoding has), €1,800.00
// in English.
type Euros int64

// In implements Localizer.
func (e Euros) In(tag language.Tag) string {
	cents := int64(e)
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	group, decimal := "\u00a0", ","
	if tag == English {
		group, decimal = ",", "."
	}
	units := fmt.Sprint(cents / 100)
	var b strings.Builder
	for i, r := range units {
		if i > 0 && (len(units)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	amount := fmt.Sprintf("%s%s%02d", b.String(), decimal, cents%100)
	if tag == English {
		return sign + "€" + amount
	}
	return sign + amount + "\u00a0€"
}
