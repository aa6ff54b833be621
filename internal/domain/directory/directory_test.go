package directory_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

const directoryQuery = `query($search: String, $territory: String, $category: OfferCategory, $audience: String, $first: Int, $after: String) {
	directory(search: $search, territory: $territory, category: $category, audience: $audience, first: $first, after: $after) {
		totalCount hasNextPage endCursor offers { id title territory category organisation { name } } } }`

type page struct {
	TotalCount  int
	HasNextPage bool
	EndCursor   *string
	Offers      []struct {
		ID           pulid.ID
		Title        string
		Territory    string
		Category     string
		Organisation struct{ Name string }
	}
}

func search(t *testing.T, api *apitest.API, token string, vars map[string]any) page {
	t.Helper()
	var got struct{ Directory page }
	api.MustSucceed(t, token, directoryQuery, vars, &got)
	return got.Directory
}

// titles lists the titles of a page without the demo marker, sorted.
func titles(p page) []string {
	var out []string
	for _, o := range p.Offers {
		out = append(out, strings.TrimSuffix(o.Title, " (démo)"))
	}
	slices.Sort(out)
	return out
}

func TestSearchingTheDirectory(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.PartnerStaff)

	for _, tc := range []struct {
		name string
		vars map[string]any
		want []string
	}{
		{"by territory, case aside", map[string]any{"territory": "gard"}, []string{
			"Atelier de théâtre parents-enfants", "Atelier poterie et céramique", "Permanence d'accès aux droits",
			"Réseau d'entraide professionnelle", "Écrivain public"}},
		{"by another territory", map[string]any{"territory": "Roubaix-Tourcoing"}, []string{
			"Atelier musique et chant", "Point info droits des familles"}},
		{"by category", map[string]any{"category": "ACCESS_TO_RIGHTS"}, []string{
			"Permanence d'accès aux droits", "Point info droits des familles"}},
		{"by category and territory", map[string]any{"category": "ACCESS_TO_RIGHTS", "territory": "Gard"}, []string{
			"Permanence d'accès aux droits"}},
		{"by audience", map[string]any{"audience": "adultes"}, []string{
			"Atelier poterie et céramique", "Réseau d'entraide professionnelle", "Écrivain public"}},
		{"by a word of a title", map[string]any{"search": "poterie"}, []string{"Atelier poterie et céramique"}},
		{"by a word of a description", map[string]any{"search": "argile"}, []string{"Atelier poterie et céramique"}},
		{"by a word's other form", map[string]any{"search": "théâtral"}, []string{"Atelier de théâtre parents-enfants"}},
		{"every word must match", map[string]any{"search": "démarches administratives"}, []string{
			"Point info droits des familles"}},
		{"words and territory together", map[string]any{"search": "démarches administratives", "territory": "Gard"}, nil},
		{"accents and capitals aside, in a title", map[string]any{"search": "ecrivain"}, []string{"Écrivain public"}},
		{"accents and capitals aside, in a description", map[string]any{"search": "ÉCRITURE"}, []string{"Écrivain public"}},
		{"accents the other way round", map[string]any{"search": "céramiqué"}, []string{"Atelier poterie et céramique"}},
		{"a word found nowhere", map[string]any{"search": "parapente"}, nil},
		{"a word shared by several offers", map[string]any{"search": "atelier"}, []string{
			"Atelier de théâtre parents-enfants", "Atelier musique et chant", "Atelier poterie et céramique"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := search(t, api, token, tc.vars)
			if !slices.Equal(titles(got), tc.want) || got.TotalCount != len(tc.want) {
				t.Fatalf("got %q (total %d), want %q", titles(got), got.TotalCount, tc.want)
			}
		})
	}

	t.Run("offers come with their publisher", func(t *testing.T) {
		got := search(t, api, token, map[string]any{"search": "poterie"})
		if got.Offers[0].Organisation.Name != "Le 21 (démo)" {
			t.Fatalf("publisher %q", got.Offers[0].Organisation.Name)
		}
	})

	t.Run("pages follow each other without gaps or repeats", func(t *testing.T) {
		var seen []string
		var after any
		for range 3 {
			p := search(t, api, token, map[string]any{"territory": "Gard", "first": 2, "after": after})
			if p.TotalCount != 5 {
				t.Fatalf("total %d", p.TotalCount)
			}
			for _, o := range p.Offers {
				seen = append(seen, o.Title)
			}
			if !p.HasNextPage {
				break
			}
			after = *p.EndCursor
		}
		slices.Sort(seen)
		if len(slices.Compact(seen)) != 5 {
			t.Fatalf("saw %q", seen)
		}
	})

	t.Run("the directory is published: anonymous visitors search it too", func(t *testing.T) {
		authenticated := search(t, api, token, map[string]any{"territory": "Gard"})
		if got := search(t, api, "", map[string]any{"territory": "Gard"}); got.TotalCount == 0 || got.TotalCount != authenticated.TotalCount {
			t.Fatalf("anonymous sees %d offers, an authenticated person %d", got.TotalCount, authenticated.TotalCount)
		}
	})

	t.Run("a malformed cursor is refused", func(t *testing.T) {
		res := api.Do(t, token, directoryQuery, map[string]any{"after": "nope"})
		if len(res.Errors) == 0 || res.Errors[0].Code() != "BAD_USER_INPUT" {
			t.Fatalf("codes %v", res.Codes())
		}
	})
}
