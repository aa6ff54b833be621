package auth

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/hook"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/revocation"
)

// AnnounceRevocations makes every revocation of a token and every end or
// change of role of a membership, whatever path writes it, announce the person through hub
// in the same transaction, so that the sockets open in their name check
// their token again at once, in every process (see WatchRevocations).
// The composition root calls it once.
func (s *Service) AnnounceRevocations(hub *revocation.Hub) {
	s.hub = hub
	client := s.client
	client.AccessToken.Use(func(next ent.Mutator) ent.Mutator {
		return hook.AccessTokenFunc(func(ctx context.Context, m *ent.AccessTokenMutation) (ent.Value, error) {
			if _, set := m.RevokedAt(); !set || !m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) {
				return next.Mutate(ctx, m)
			}
			return announcing(ctx, next, m, hub, m.Client(), func(sys context.Context) ([]pulid.ID, error) {
				ids, err := m.IDs(sys)
				if err != nil {
					return nil, err
				}
				var people []pulid.ID
				err = m.Client().AccessToken.Query().Where(accesstoken.IDIn(ids...)).
					Unique(true).Select(accesstoken.FieldPersonID).Scan(sys, &people)
				return people, err
			})
		})
	})
	client.Membership.Use(func(next ent.Mutator) ent.Mutator {
		return hook.MembershipFunc(func(ctx context.Context, m *ent.MembershipMutation) (ent.Value, error) {
			_, ended := m.EndedAt()
			_, role := m.Role()
			if !ended && !role || !m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) {
				return next.Mutate(ctx, m)
			}
			return announcing(ctx, next, m, hub, m.Client(), func(sys context.Context) ([]pulid.ID, error) {
				ids, err := m.IDs(sys)
				if err != nil {
					return nil, err
				}
				var people []pulid.ID
				err = m.Client().Membership.Query().Where(membership.IDIn(ids...)).
					Unique(true).Select(membership.FieldPersonID).Scan(sys, &people)
				return people, err
			})
		})
	})
}

// WatchRevocations returns a channel that is signalled after each
// revocation of the person's tokens or end of one of their memberships,
// until ctx ends; nil when revocations are not announced.
func (s *Service) WatchRevocations(ctx context.Context, personID pulid.ID) (<-chan struct{}, error) {
	if s.hub == nil {
		return nil, nil
	}
	return s.hub.Watch(ctx, personID)
}

// ExpiresAt is when a token stops working unless revoked before.
func (s *Service) ExpiresAt(ctx context.Context, tokenID pulid.ID) (time.Time, error) {
	token, err := s.client.AccessToken.Get(viewer.SystemContext(ctx), tokenID)
	if err != nil {
		return time.Time{}, err
	}
	return token.ExpiresAt, nil
}

// txMutation is what announcing needs of a mutation: its transaction.
type txMutation interface {
	ent.Mutation
	Tx() (*ent.Tx, error)
}

// announcing runs the mutation, then announces the people it concerns
// (found before it runs: a bulk update's predicates may no longer match).
func announcing(ctx context.Context, next ent.Mutator, m txMutation, hub *revocation.Hub, client *ent.Client, people func(context.Context) ([]pulid.ID, error)) (ent.Value, error) {
	ids, err := people(viewer.SystemContext(ctx))
	if err != nil {
		return nil, err
	}
	v, err := next.Mutate(ctx, m)
	if err != nil {
		return v, err
	}
	tx, _ := m.Tx() // nil outside a transaction
	for _, id := range ids {
		if err := hub.Announce(ctx, client, tx, id); err != nil {
			return nil, err
		}
	}
	return v, nil
}
