package accompaniment

import (
	"github.com/reseau-liens/portal/ent"
)

// Service runs the accompaniment workflow; deadlines are the delays of
// unanswered requests. Built once by the composition root (package app);
// each method writes through the request's transaction when there is one
// (database.ClientFor), else through client.
type Service struct {
	client    *ent.Client
	deadlines RequestDeadlines
	files     Files
}

// NewService returns the service over client, whose Clock tells the time.
func NewService(client *ent.Client, deadlines RequestDeadlines) *Service {
	return &Service{client: client, deadlines: deadlines}
}
