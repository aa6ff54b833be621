package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// tokenPrefix makes portal tokens recognisable, e.g. by secret scanners.
const tokenPrefix = "plt_"

// DefaultTTL is how long an issued token lives unless told otherwise.
const DefaultTTL = 90 * 24 * time.Hour

// ErrUnauthenticated is returned for a missing, unknown, expired or
// revoked token, without saying which: the caller learns nothing more.
var ErrUnauthenticated = errors.New("invalid or expired token")

// Issued is a freshly issued token: Secret is shown once and never stored.
type Issued struct {
	Token  *ent.AccessToken
	Secret string
}

// Issue creates a token for a person. issuedBy is empty when the portal
// itself issues it (command line, demo data).
func (s *Service) Issue(ctx context.Context, personID pulid.ID, label string, ttl time.Duration, issuedBy pulid.ID) (*Issued, error) {
	client := database.ClientFor(ctx, s.client) // within a mutation, its transaction
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, fmt.Errorf("auth: reading randomness: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	create := client.AccessToken.Create().
		SetPersonID(personID).
		SetSecretHash(digest(secret)).
		SetLabel(label).
		SetExpiresAt(client.Clock.Now().Add(ttl))
	if issuedBy != "" {
		create.SetIssuedByID(issuedBy)
	}
	token, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	return &Issued{Token: token, Secret: secret}, nil
}

// digest is what is stored of a secret. Tokens carry 256 bits of
// randomness, so a plain SHA-256 cannot be brute-forced.
func digest(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// authenticate resolves a bearer secret to the viewer it stands for, with
// the person's current memberships, from the database, and says until
// when the token is valid.
func (s *Service) authenticate(ctx context.Context, secret string) (*viewer.Viewer, time.Time, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, time.Time{}, ErrUnauthenticated
	}
	client := database.ClientFor(ctx, s.client)
	sys := viewer.SystemContext(ctx)
	token, err := client.AccessToken.Query().
		Where(accesstoken.SecretHash(digest(secret))).
		Only(sys)
	if ent.IsNotFound(err) {
		return nil, time.Time{}, ErrUnauthenticated
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	if token.RevokedAt != nil || !client.Clock.Now().Before(token.ExpiresAt) {
		return nil, time.Time{}, ErrUnauthenticated
	}
	v, err := ViewerOf(ctx, client, token.PersonID)
	if err != nil {
		return nil, time.Time{}, err
	}
	v.TokenID = token.ID
	return v, token.ExpiresAt, nil
}

// ViewerOf is the viewer a person stands for, with their current
// memberships: ErrUnauthenticated when they have none left (removed from
// everywhere, their tokens and feeds stop working at once).
func ViewerOf(ctx context.Context, client *ent.Client, personID pulid.ID) (*viewer.Viewer, error) {
	memberships, err := client.Membership.Query().
		Where(membership.PersonID(personID), membership.EndedAtIsNil()).
		All(viewer.SystemContext(ctx))
	if err != nil {
		return nil, err
	}
	if len(memberships) == 0 {
		return nil, ErrUnauthenticated
	}
	v := &viewer.Viewer{PersonID: personID}
	for _, m := range memberships {
		vm := viewer.Membership{Role: m.Role}
		if m.ProviderID != nil {
			vm.ProviderID = *m.ProviderID
		}
		if m.OrganisationID != nil {
			vm.OrganisationID = *m.OrganisationID
		}
		v.Memberships = append(v.Memberships, vm)
	}
	return v, nil
}

// Revoke ends a token at once.
func (s *Service) Revoke(ctx context.Context, tokenID pulid.ID) error {
	client := database.ClientFor(ctx, s.client) // within a mutation, its transaction
	return client.AccessToken.UpdateOneID(tokenID).SetRevokedAt(client.Clock.Now()).Exec(ctx)
}
