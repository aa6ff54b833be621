package graph

import "github.com/reseau-liens/portal/internal/domain/directory"

// directoryPage is the GraphQL page of a directory search.
func directoryPage(p *directory.Page, err error) (*DirectoryPage, error) {
	if err != nil {
		return nil, err
	}
	out := &DirectoryPage{Offers: p.Offers, TotalCount: p.TotalCount, HasNextPage: p.HasNextPage}
	if p.EndCursor != "" {
		out.EndCursor = &p.EndCursor
	}
	return out, nil
}

// deref is an optional argument's value, the zero value when not given.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
