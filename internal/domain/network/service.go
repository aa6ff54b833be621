package network

import (
	"github.com/reseau-liens/portal/ent"
)

// Service runs the partner network: organisations, links, conventions,
// people. Built once by the composition root (package app); each method
// writes through the request's transaction when there is one
// (database.ClientFor), else through client.
type Service struct {
	client *ent.Client
}

// NewService returns the service over client, whose Clock tells the time.
func NewService(client *ent.Client) *Service {
	return &Service{client: client}
}

// given is an optional input's value, the zero value when not given.
func given[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return v
}
