package i18n_test

import (
	"testing"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

func TestEurosReadAsEachLanguageWritesThem(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cents  int64
		fr, en string
	}{
		{0, "0,00\u00a0€", "€0.00"},
		{5500, "55,00\u00a0€", "€55.00"},
		{180000, "1\u00a0800,00\u00a0€", "€1,800.00"},
		{123456789, "1\u00a0234\u00a0567,89\u00a0€", "€1,234,567.89"},
		{-1050, "-10,50\u00a0€", "-€10.50"},
	} {
		if got := i18n.Euros(tc.cents).In(i18n.French); got != tc.fr {
			t.Errorf("%d in French: %q, want %q", tc.cents, got, tc.fr)
		}
		if got := i18n.Euros(tc.cents).In(i18n.English); got != tc.en {
			t.Errorf("%d in English: %q, want %q", tc.cents, got, tc.en)
		}
	}
}
