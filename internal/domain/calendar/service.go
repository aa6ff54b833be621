package calendar

import (
	"net/url"

	"github.com/reseau-liens/portal/ent"
)

// Service creates, revokes and renders calendar feeds.
type Service struct {
	client *ent.Client
	// base is the portal's public URL; its host names the events' UIDs.
	base string
	host string
}

// NewService returns the calendar service; publicURL is the portal's
// address as people reach it (config PublicURL).
func NewService(client *ent.Client, publicURL string) *Service {
	host := "localhost"
	if u, err := url.Parse(publicURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return &Service{client: client, base: publicURL, host: host}
}
