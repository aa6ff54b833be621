package lifecycle

import (
	"log/slog"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/filestore"
)

// Service erases and anonymises family files; retention is how long a
// closed file is kept. Built once by the composition root (package app);
// each method writes through the request's transaction when there is one
// (database.ClientFor), else through client.
type Service struct {
	client    *ent.Client
	retention time.Duration
	files     filestore.Store
	logger    *slog.Logger
}

// WithFiles sets where the documents' files are kept, so that an erasure
// removes a family's files too; logger reports a removal that failed
// after the erasure committed.
func (s *Service) WithFiles(store filestore.Store, logger *slog.Logger) *Service {
	s.files, s.logger = store, logger
	return s
}

// NewService returns the service over client, whose Clock tells the time.
func NewService(client *ent.Client, retention time.Duration) *Service {
	return &Service{client: client, retention: retention}
}
