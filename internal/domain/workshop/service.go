package workshop

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// Notifier announces that the seats of a series changed. Announce is
// called inside the transaction of the change and must take effect only
// when it commits; Subscribe signals each announced change until ctx ends.
type Notifier interface {
	Announce(ctx context.Context, seriesID pulid.ID) error
	Subscribe(ctx context.Context, seriesID pulid.ID) (<-chan struct{}, error)
}

// Service runs the workshop workflow with its settings.
type Service struct {
	client   *ent.Client
	settings config.Workshop
	notifier Notifier
}

// NewService returns a service writing through client (or the request's
// transactional client, when there is one) and announcing seat changes to
// notifier.
func NewService(client *ent.Client, settings config.Workshop, notifier Notifier) *Service {
	return &Service{client: client, settings: settings, notifier: notifier}
}
