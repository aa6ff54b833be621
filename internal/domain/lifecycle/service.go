package lifecycle

import (
	"time"

	"github.com/reseau-liens/portal/ent"
)

// Service erases and anonymises family files; retention is how long a
// closed file is kept. Built once by the composition root (package app);
// each method writes through the request's transaction when there is one
// (database.ClientFor), else through client.
type Service struct {
	client    *ent.Client
	retention time.Duration
}

// NewService returns the service over client, whose Clock tells the time.
func NewService(client *ent.Client, retention time.Duration) *Service {
	return &Service{client: client, retention: retention}
}
