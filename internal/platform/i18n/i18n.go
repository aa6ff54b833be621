// Package i18n is the portal's one message catalogue: every text a person
// reads is a key here, with its French and English wording (fr.go,
// en.go). French is the users' language and the default; a request asks
// for English with Accept-Language. Texts the portal stores (reasons,
// mails) are written in French.
//
// golang.org/x/text/message rather than go-i18n: x/text is already a
// dependency, keeps printf placeholders (with %[n] to reorder arguments),
// matches Accept-Language by CLDR rules and selects plurals.
package i18n

import (
	"context"
	"net/http"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The languages the portal speaks; French first, the default.
var (
	French  = language.French
	English = language.English
	// Supported is every language of the catalogue, default first.
	Supported = []language.Tag{French, English}
)

var (
	matcher = language.NewMatcher(Supported)
	cat     = build()
)

// tables is the catalogue: the texts and the plural texts of each language.
var tables = map[language.Tag]struct {
	texts   map[string]string
	plurals map[string]Plural
}{
	French:  {fr, frPlurals},
	English: {en, enPlurals},
}

// Plural is a text whose wording depends on a count, its only argument:
// One for the CLDR "one" category of the language (0 and 1 in French,
// 1 in English), Other for the rest.
type Plural struct{ One, Other string }

func build() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(French))
	for tag, t := range tables {
		for key, text := range t.texts {
			if err := b.SetString(tag, key, text); err != nil {
				panic(err)
			}
		}
		for key, p := range t.plurals {
			if err := b.Set(tag, key, plural.Selectf(1, "%d", plural.One, p.One, plural.Other, p.Other)); err != nil {
				panic(err)
			}
		}
	}
	return b
}

// Negotiate chooses the language of an Accept-Language header: English
// when asked for before French, French otherwise.
func Negotiate(acceptLanguage string) language.Tag {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, i, _ := matcher.Match(tags...)
	return Supported[i]
}

type ctxKey struct{}

// WithLanguage returns ctx carrying the language of the person served.
func WithLanguage(ctx context.Context, tag language.Tag) context.Context {
	return context.WithValue(ctx, ctxKey{}, tag)
}

// FromContext returns the language of the person served, French when
// none was negotiated.
func FromContext(ctx context.Context) language.Tag {
	if tag, ok := ctx.Value(ctxKey{}).(language.Tag); ok {
		return tag
	}
	return French
}

// Middleware puts the language negotiated from Accept-Language into the
// request's context, and says in Vary that answers depend on it.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Language")
		tag := Negotiate(r.Header.Get("Accept-Language"))
		next.ServeHTTP(w, r.WithContext(WithLanguage(r.Context(), tag)))
	})
}

// Localizer is an argument that has its own wording in each language (a
// Message, a Day).
type Localizer interface {
	In(tag language.Tag) string
}

// Message is a key of the catalogue and its arguments, worded when it is
// shown, in the language of whoever reads it.
type Message struct {
	Key  string
	Args []any
}

// T returns the message key with args. Arguments that are Localizers
// (another Message, a Day) are worded in the same language.
func T(key string, args ...any) Message { return Message{Key: key, Args: args} }

// In words m in tag.
func (m Message) In(tag language.Tag) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if l, ok := a.(Localizer); ok {
			a = l.In(tag)
		}
		args[i] = a
	}
	return message.NewPrinter(tag, message.Catalog(cat)).Sprintf(m.Key, args...)
}

// French words m in French, the language of the texts the portal stores
// (reasons, mails). Mails could follow their recipient's language once
// people have one on record.
func (m Message) French() string { return m.In(French) }

// Has reports whether key is in the catalogue, in French.
func Has(key string) bool {
	_, ok := fr[key]
	if !ok {
		_, ok = frPlurals[key]
	}
	return ok
}
