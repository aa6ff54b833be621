package textfold_test

import (
	"testing"

	"github.com/reseau-liens/portal/textfold"
)

func TestFoldingMakesFrenchTextSearchable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Écrivain public", "ecrivain public"},
		{"ÎLE-DE-FRANCE", "ile-de-france"},
		{"Atelier poterie et céramique", "atelier poterie et ceramique"},
		{"Cœur  de\tquartier\n", "coeur de quartier"},
		{"Noël à l'Hôpital", "noel a l'hopital"},
		{"", ""},
		{"déjà FOLDÉ" + "\u0301", "deja folde"}, // a stray combining accent
	} {
		if got := textfold.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
