package auth

import (
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/revocation"
)

// Service issues, checks and revokes access tokens. Built once by the
// composition root (package app); each method writes through the request's
// transaction when there is one (database.ClientFor), else through client.
type Service struct {
	client *ent.Client
	cache  *tokenCache     // nil: every request reads the database (cache.go)
	hub    *revocation.Hub // see AnnounceRevocations
}

// NewService returns the service over client, whose Clock tells the time.
func NewService(client *ent.Client) *Service {
	return &Service{client: client}
}
