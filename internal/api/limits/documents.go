package limits

import (
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// Documents bounds a GraphQL document before gqlgen parses and validates
// it: validation compares the fields of a selection set pairwise, so a
// document of 20 000 repeated fields takes many seconds whatever its cost.
// Parsing alone is linear: the document is parsed once here to count its
// selections, and that count is charged to the client's bucket, so that
// documents that then fail to parse or validate are paid for too.
type Documents struct {
	MaxBytes, MaxFields int
	// MaxRepeats is how many times one selection set may write the same
	// field (same response name): gqlgen merges the copies into one
	// answer, so 500 of them are only work for validation.
	MaxRepeats int
	Limiter    *Limiter
	counts     *lru.Cache[[sha256.Size]byte, counted]
}

// DefaultMaxRepeats is MaxRepeats unless changed: generous for generated
// documents, far below graphql-cop's 500.
const DefaultMaxRepeats = 10

// counted is what the pre-parse of a document found.
type counted struct {
	fields  int
	repeats int    // the most copies of one field in one selection set
	field   string // that field
}

var (
	_ graphql.HandlerExtension          = (*Documents)(nil)
	_ graphql.OperationParameterMutator = (*Documents)(nil)
)

// NewDocuments returns the document bounds, charging limiter (nil: no charge).
func NewDocuments(maxBytes, maxFields int, limiter *Limiter) *Documents {
	counts, _ := lru.New[[sha256.Size]byte, counted](1000)
	return &Documents{MaxBytes: maxBytes, MaxFields: maxFields, MaxRepeats: DefaultMaxRepeats, Limiter: limiter, counts: counts}
}

// ExtensionName implements graphql.HandlerExtension.
func (*Documents) ExtensionName() string { return "PortalDocumentLimits" }

// Validate implements graphql.HandlerExtension.
func (*Documents) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (d *Documents) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if ctx.Err() != nil {
		return &gqlerror.Error{Message: "la requête a pris trop de temps", Extensions: map[string]any{"code": string(apierror.Unavailable)}}
	}
	if n := len(params.Query); n > d.MaxBytes {
		return refusal(QueryTooLarge, fmt.Sprintf("le document GraphQL fait %d octets ; la limite est de %d", n, d.MaxBytes),
			"size", int64(n), int64(d.MaxBytes))
	}
	c := d.count(params.Query)
	fields := c.fields
	if fields > d.MaxFields {
		return refusal(TooManyFields, fmt.Sprintf("le document demande %d champs ; la limite est de %d", fields, d.MaxFields),
			"fields", int64(fields), int64(d.MaxFields))
	}
	if wait, ok := d.Limiter.Charge(ctx, int64(max(fields, 1))); !ok {
		return rateLimited(wait, int64(fields), int64(d.MaxFields))
	}
	if c.repeats > d.MaxRepeats {
		return refusal(FieldRepeated, fmt.Sprintf("le champ « %s » est écrit %d fois dans la même sélection ; la limite est de %d", c.field, c.repeats, d.MaxRepeats),
			"repeats", int64(c.repeats), int64(d.MaxRepeats))
	}
	return nil
}

// count is the number of selections of the document (1 when it does not
// parse: gqlgen then reports the syntax error) and its most repeated field.
func (d *Documents) count(query string) counted {
	key := sha256.Sum256([]byte(query))
	if c, ok := d.counts.Get(key); ok {
		return c
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	c := counted{fields: 1}
	if err == nil {
		c.fields = 0
		for _, op := range doc.Operations {
			c.add(op.SelectionSet)
		}
		for _, f := range doc.Fragments {
			c.add(f.SelectionSet)
		}
	}
	d.counts.Add(key, c)
	return c
}

// add counts every selection of set, written once each, and the copies
// of each field written directly in one selection set.
func (c *counted) add(set ast.SelectionSet) {
	c.fields += len(set)
	copies := map[string]int{}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			name := s.Alias
			if name == "" {
				name = s.Name
			}
			if copies[name]++; copies[name] > c.repeats {
				c.repeats, c.field = copies[name], name
			}
			c.add(s.SelectionSet)
		case *ast.InlineFragment:
			c.add(s.SelectionSet)
		}
	}
}
