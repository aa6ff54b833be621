package auth

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// MaxValidDays bounds the life of a token issued through the API.
const MaxValidDays = 365

// IssueAccessTokenInput is the input of issueAccessToken; no ValidDays
// means DefaultTTL.
type IssueAccessTokenInput struct {
	PersonID  pulid.ID
	Label     string
	ValidDays *int
}

// RevokeAccessTokenInput is the input of revokeAccessToken.
type RevokeAccessTokenInput struct {
	TokenID pulid.ID
}

// IssueFor issues a token for a person on behalf of the viewer of ctx.
// The access rules decide who may (a coordinator, for the people of their
// provider and its partners); the secret is in the result and nowhere else.
func (s *Service) IssueFor(ctx context.Context, in IssueAccessTokenInput) (*Issued, error) {
	personID, label, validDays := in.PersonID, in.Label, in.ValidDays
	days := int(DefaultTTL / (24 * time.Hour))
	if validDays != nil {
		days = *validDays
	}
	if days < 1 || days > MaxValidDays {
		return nil, apierror.New(apierror.BadUserInput, "auth.token_days", MaxValidDays).OnField("input", "validDays")
	}
	if label == "" {
		return nil, apierror.New(apierror.BadUserInput, "auth.token_label").OnField("input", "label")
	}
	v := viewer.FromContext(ctx)
	if v.IsAnonymous() {
		return nil, apierror.New(apierror.Unauthenticated, "auth.sign_in_to_issue")
	}
	return s.Issue(ctx, personID, label, time.Duration(days)*24*time.Hour, v.PersonID)
}

// RevokeByID revokes a token the viewer may manage (their own, or as a
// coordinator those of their people) and returns it. A token already
// revoked stays revoked at its first date.
func (s *Service) RevokeByID(ctx context.Context, in RevokeAccessTokenInput) (*ent.AccessToken, error) {
	tokenID := in.TokenID
	client := database.ClientFor(ctx, s.client) // within a mutation, its transaction
	token, err := client.AccessToken.Get(ctx, tokenID)
	if err != nil {
		return nil, err
	}
	if token.RevokedAt != nil {
		return token, nil
	}
	return client.AccessToken.UpdateOne(token).SetRevokedAt(client.Clock.Now()).Save(ctx)
}
