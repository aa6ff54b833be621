package calendar

import (
	"context"

	"github.com/reseau-liens/portal/internal/access/viewer"
)

// Feed is a rendered feed, ready to serve.
type Feed struct {
	Name string
	Body []byte // text/calendar, UTF-8
}

// Render renders the live feed of secret, read as its person: ErrNoFeed
// for a secret that opens none (unknown, revoked, or a person with no
// membership left).
func (s *Service) Render(ctx context.Context, secret string) (*Feed, error) {
	feed, v, err := s.open(ctx, secret)
	if err != nil {
		return nil, err
	}
	name, events, err := s.events(viewer.NewContext(ctx, v), feed)
	if err != nil {
		return nil, err
	}
	body, err := s.encode(name, events, s.client.Clock.Now())
	if err != nil {
		return nil, err
	}
	return &Feed{Name: name, Body: body}, nil
}
