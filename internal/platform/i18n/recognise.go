package i18n

import (
	"regexp"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

// placeholder is a printf verb of a catalogue text, with its optional
// argument index (%s, %[2]d, %q…).
var placeholder = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z]`)

type pattern struct {
	re       *regexp.Regexp
	literals int // characters of the text that are not placeholders
}

var (
	patternsOnce sync.Once
	patterns     map[language.Tag]map[string]pattern
)

// textPattern matches what text becomes once its placeholders are filled.
func textPattern(text string) pattern {
	parts := placeholder.Split(strings.ReplaceAll(text, "%%", "%"), -1)
	literals := 0
	for i, p := range parts {
		literals += len([]rune(p))
		parts[i] = regexp.QuoteMeta(p)
	}
	return pattern{regexp.MustCompile(`^(?s)` + strings.Join(parts, `(.+?)`) + `$`), literals}
}

func loadPatterns() {
	patterns = map[language.Tag]map[string]pattern{}
	for tag, t := range tables {
		patterns[tag] = map[string]pattern{}
		for key, text := range t.texts {
			patterns[tag][key] = textPattern(text)
		}
	}
}

// Recognise finds the catalogue text that text is, in tag: the key whose
// wording, its placeholders filled with anything, is text, preferring the
// most specific (the most words of its own). Tests use it to prove that
// what a person reads comes from the catalogue; texts of fewer than
// minLiterals characters of their own ("%s à %s") are not evidence.
func Recognise(tag language.Tag, text string) (key string, ok bool) {
	const minLiterals = 8
	patternsOnce.Do(loadPatterns)
	best := -1
	for k, p := range patterns[tag] {
		if p.literals >= minLiterals && p.literals > best && p.re.MatchString(text) {
			key, best = k, p.literals
		}
	}
	return key, best >= 0
}
