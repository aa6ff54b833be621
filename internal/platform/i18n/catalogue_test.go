package i18n

import (
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"
)

// verb is a printf verb, with its optional explicit argument index.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// placeholders maps each argument a text uses (1, 2, …) to its verb.
func placeholders(text string) map[int]byte {
	out := map[int]byte{}
	next := 1
	for _, m := range verb.FindAllStringSubmatch(text, -1) {
		if m[2] == "%" {
			continue
		}
		n := next
		if m[1] != "" {
			n = int(m[1][0] - '0')
			for _, c := range m[1][1:] {
				n = n*10 + int(c-'0')
			}
		}
		out[n] = m[2][0]
		next = n + 1
	}
	return out
}

// TestEveryKeyHasEveryLanguage fails when a message lacks a translation,
// one is empty, or two languages disagree on the placeholders.
func TestEveryKeyHasEveryLanguage(t *testing.T) {
	keys := map[string]bool{}
	for _, tab := range tables {
		for k := range tab.texts {
			keys[k] = true
		}
		for k := range tab.plurals {
			keys[k] = true
		}
	}
	for _, key := range slices.Sorted(maps.Keys(keys)) {
		var want map[int]byte
		for _, tag := range Supported {
			tab := tables[tag]
			texts := []string{tab.texts[key]}
			_, isText := tab.texts[key]
			p, isPlural := tab.plurals[key]
			if isPlural {
				texts = []string{p.One, p.Other}
			}
			if !isText && !isPlural {
				t.Errorf("%s: no %s text", key, tag)
				continue
			}
			for _, text := range texts {
				if text == "" {
					t.Errorf("%s: empty %s text", key, tag)
				}
				got := placeholders(text)
				if want == nil {
					want = got
				} else if !maps.Equal(got, want) {
					t.Errorf("%s: %s placeholders %v, want %v (%q)", key, tag, got, want, text)
				}
			}
		}
	}
}

func TestNegotiate(t *testing.T) {
	for header, want := range map[string]string{
		"":                        "fr",
		"en":                      "en",
		"en-GB,en;q=0.9":          "en",
		"fr-FR,fr;q=0.9,en;q=0.8": "fr",
		"de-DE":                   "fr",
		"de, en;q=0.5":            "en",
		"garbage;;;":              "fr",
	} {
		if got := Negotiate(header).String(); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", header, got, want)
		}
	}
}

func TestMessages(t *testing.T) {
	day := time.Date(2025, 3, 5, 23, 30, 0, 0, time.UTC) // 6 March in Paris
	for _, c := range []struct {
		m      Message
		fr, en string
	}{
		{T("ws.quote_expired_on", Day(day)), "Ce devis a expiré le 06/03/2025.", "The quote expired on 6 March 2025."},
		{T("reason.unanswered", Delay(30*24*time.Hour)), "Sans réponse depuis 30 jours.", "Unanswered for 30 days."},
		{T("reason.unanswered", Delay(24*time.Hour)), "Sans réponse depuis 1 jour.", "Unanswered for 1 day."},
		{T("reason.unanswered", Delay(2*time.Minute)), "Sans réponse depuis 2 minutes.", "Unanswered for 2 minutes."},
		{T("transition.invalid", T("record.quote"), T("status.quote.ACCEPTED"), T("status.quote.SENT")),
			"Ce devis ne peut pas passer de l'état « accepté » à l'état « envoyé ».",
			"This quote cannot move from accepted to sent."},
	} {
		if got := c.m.In(French); got != c.fr {
			t.Errorf("%s in French: %q, want %q", c.m.Key, got, c.fr)
		}
		if got := c.m.In(English); got != c.en {
			t.Errorf("%s in English: %q, want %q", c.m.Key, got, c.en)
		}
	}
}
