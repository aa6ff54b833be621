package i18n

import "testing"

func TestRecogniseFindsTheTextACatalogueKeyBecame(t *testing.T) {
	for _, tag := range Supported {
		for key := range tables[tag].texts {
			p := textPattern(tables[tag].texts[key])
			if p.literals < 8 {
				continue
			}
			text := T(key, filler(key)...).In(tag)
			got, ok := Recognise(tag, text)
			if !ok {
				t.Errorf("%s %s: %q not recognised", tag, key, text)
				continue
			}
			// Another key may word the same sentence more precisely; it must
			// still be a text of the catalogue with at least as many words.
			if got != key && textPattern(tables[tag].texts[got]).literals < p.literals {
				t.Errorf("%s %s: %q recognised as the less specific %s", tag, key, text, got)
			}
		}
	}
	for _, text := range []string{"", "Cannot query field \"x\" on type \"Query\".", "database is locked"} {
		if key, ok := Recognise(French, text); ok {
			t.Errorf("%q recognised as %s", text, key)
		}
	}
}

// filler gives each placeholder of key a value of the right kind.
func filler(key string) []any {
	var args []any
	for n, verb := range placeholders(fr[key]) {
		for len(args) < n {
			args = append(args, nil)
		}
		switch verb {
		case 'd':
			args[n-1] = 3
		case 'f', 'g':
			args[n-1] = 1.5
		default:
			args[n-1] = "xyz"
		}
	}
	return args
}
