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
	Limiter             *Limiter
	counts              *lru.Cache[[sha256.Size]byte, int]
}

var (
	_ graphql.HandlerExtension          = (*Documents)(nil)
	_ graphql.OperationParameterMutator = (*Documents)(nil)
)

// NewDocuments returns the document bounds, charging limiter (nil: no charge).
func NewDocuments(maxBytes, maxFields int, limiter *Limiter) *Documents {
	counts, _ := lru.New[[sha256.Size]byte, int](1000)
	return &Documents{MaxBytes: maxBytes, MaxFields: maxFields, Limiter: limiter, counts: counts}
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
	fields := d.count(params.Query)
	if fields > d.MaxFields {
		return refusal(TooManyFields, fmt.Sprintf("le document demande %d champs ; la limite est de %d", fields, d.MaxFields),
			"fields", int64(fields), int64(d.MaxFields))
	}
	if wait, ok := d.Limiter.Charge(ctx, int64(max(fields, 1))); !ok {
		return rateLimited(wait, int64(fields), int64(d.MaxFields))
	}
	return nil
}

// count is the number of selections of the document, or 1 when it does
// not parse (gqlgen then reports the syntax error).
func (d *Documents) count(query string) int {
	key := sha256.Sum256([]byte(query))
	if n, ok := d.counts.Get(key); ok {
		return n
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	n := 1
	if err == nil {
		n = 0
		for _, op := range doc.Operations {
			n += selections(op.SelectionSet)
		}
		for _, f := range doc.Fragments {
			n += selections(f.SelectionSet)
		}
	}
	d.counts.Add(key, n)
	return n
}

// selections counts every selection of set, written once each.
func selections(set ast.SelectionSet) int {
	n := len(set)
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n += selections(s.SelectionSet)
		case *ast.InlineFragment:
			n += selections(s.SelectionSet)
		}
	}
	return n
}
