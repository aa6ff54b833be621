package notify

import (
	"github.com/reseau-liens/portal/ent"
)

// Service is what a person does with their own notices: read them, mark
// them read, choose which kinds also come by e-mail. Built once by the
// composition root (package app); each method writes through the
// request's transaction when there is one (database.ClientFor).
type Service struct{ client *ent.Client }

// NewService returns the service over client, whose Clock tells the time.
func NewService(client *ent.Client) *Service { return &Service{client: client} }
