package textfold_test

import (
	"testing"

	"github.com/reseau-liens/portal/internal/platform/textfold"
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

func TestKeysTellApartOnlyWhatDiffersBeyondCaseAccentsAndSpacing(t *testing.T) {
	same := [][]string{{"École  Jules Ferry", "Gard"}, {"ecole jules ferry", "GARD"}, {" ÉCOLE JULES FERRY ", "gard"}}
	for _, parts := range same[1:] {
		if textfold.Key(parts...) != textfold.Key(same[0]...) {
			t.Errorf("%q and %q have different keys", parts, same[0])
		}
	}
	if textfold.Key("École Jules Ferry", "Hérault") == textfold.Key("École Jules Ferry", "Gard") {
		t.Error("two territories share a key")
	}
	if textfold.Key("a b", "c") == textfold.Key("a", "b c") {
		t.Error("moving a word from one part to the next keeps the key")
	}
}
