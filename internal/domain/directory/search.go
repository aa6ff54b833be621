package directory

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/textfold"
)

// Page sizes of the directory.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Filter narrows a directory search; zero fields do not filter.
type Filter struct {
	// Search is full text on titles and descriptions.
	Search string
	// Territory matches exactly, case aside.
	Territory string
	Category  *directoryoffer.Category
	// Audience matches part of the audience, case aside.
	Audience string
}

// Page is one page of a search.
type Page struct {
	Offers      []*ent.DirectoryOffer
	TotalCount  int
	HasNextPage bool
	// EndCursor is passed as after to get the next page.
	EndCursor string
}

// Search returns a page of the offers matching f, best matches first
// when searching words on PostgreSQL, else by title. after is the
// EndCursor of the previous page.
func (s *Service) Search(ctx context.Context, f Filter, first int, after string) (*Page, error) {
	if first <= 0 {
		first = DefaultPageSize
	}
	if first > MaxPageSize {
		return nil, apierror.New(apierror.BadUserInput, "dir.first_max", MaxPageSize).OnField("first")
	}
	offset, err := decodeCursor(after)
	if err != nil {
		return nil, err
	}
	client := database.ClientFor(ctx, s.client)
	// Withdrawn and archived offers leave the search; they stay readable
	// where orientations name them.
	q := client.DirectoryOffer.Query().Where(directoryoffer.StatusEQ(directoryoffer.StatusPublished))
	if t := strings.TrimSpace(f.Territory); t != "" {
		q.Where(directoryoffer.TerritoryEqualFold(t))
	}
	if f.Category != nil {
		q.Where(directoryoffer.CategoryEQ(*f.Category))
	}
	if a := strings.TrimSpace(f.Audience); a != "" {
		q.Where(directoryoffer.AudienceContainsFold(a))
	}
	search := strings.TrimSpace(f.Search)
	if search != "" {
		q.Where(matches(search))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, err
	}
	if search != "" {
		q.Order(byRank(search))
	}
	offers, err := q.
		Order(ent.Asc(directoryoffer.FieldTitle), ent.Asc(directoryoffer.FieldID)).
		WithOrganisation().
		Offset(offset).
		Limit(first).
		All(ctx)
	if err != nil {
		return nil, err
	}
	page := &Page{Offers: offers, TotalCount: total, HasNextPage: offset+len(offers) < total}
	if len(offers) > 0 {
		page.EndCursor = encodeCursor(offset + len(offers))
	}
	return page, nil
}

// The search reads the folded title and description (see package
// textfold), and folds the words searched the same way: accents and case
// aside, on both databases.

// matches is the full-text predicate, in the database's dialect.
func matches(search string) predicate.DirectoryOffer {
	words := textfold.Fold(search)
	return func(s *sql.Selector) {
		if s.Dialect() == dialect.Postgres {
			s.Where(sql.P(func(b *sql.Builder) {
				b.WriteString("to_tsvector('french', ").Ident(s.C(directoryoffer.FieldSearchText)).
					WriteString(") @@ websearch_to_tsquery('french', ").Arg(words).WriteString(")")
			}))
			return
		}
		// SQLite: every word must appear.
		for _, word := range strings.Fields(words) {
			s.Where(sql.P(func(b *sql.Builder) {
				b.Ident(s.C(directoryoffer.FieldSearchText)).WriteString(" LIKE ").
					Arg("%" + escapeLike(word) + "%").WriteString(` ESCAPE '\'`)
			}))
		}
	}
}

// byRank orders the best matches first on PostgreSQL; SQLite has no rank.
func byRank(search string) directoryoffer.OrderOption {
	words := textfold.Fold(search)
	return func(s *sql.Selector) {
		if s.Dialect() != dialect.Postgres {
			return
		}
		s.OrderExprFunc(func(b *sql.Builder) {
			b.WriteString("ts_rank(to_tsvector('french', ").Ident(s.C(directoryoffer.FieldSearchText)).
				WriteString("), websearch_to_tsquery('french', ").Arg(words).WriteString(")) DESC")
		})
	}
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Cursors are opaque to clients; they hold the offset of the next page.
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

func decodeCursor(after string) (int, error) {
	if after == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(after)
	n, perr := strconv.Atoi(strings.TrimPrefix(string(raw), "o:"))
	if err != nil || perr != nil || !strings.HasPrefix(string(raw), "o:") || n < 0 {
		return 0, apierror.New(apierror.BadUserInput, "error.malformed_cursor").OnField("after")
	}
	return n, nil
}
