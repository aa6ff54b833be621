package webhook_test

import (
	"context"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/app"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/webhook"
)

func storedSecret(t *testing.T, api *apitest.API, id pulid.ID) string {
	t.Helper()
	var stored string
	if err := api.DB.SQL.QueryRow(`SELECT secret FROM webhook_endpoints WHERE id = `+api.DB.Placeholder(), string(id)).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	return stored
}

func TestSigningSecretsAreEncryptedAtRest(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var got registered
	api.MustSucceed(t, api.Token(t, demo.PartnerStaff), register, map[string]any{"in": map[string]any{
		"organisationID": api.Demo.SchoolID, "url": "https://hooks.example.org/portal", "eventKinds": webhook.Kinds,
	}}, &got)
	id, secret := pulid.ID(got.RegisterWebhookEndpoint.Endpoint.ID), *got.RegisterWebhookEndpoint.Secret

	stored := storedSecret(t, api, id)
	if stored == secret || strings.Contains(stored, secret) || !strings.HasPrefix(stored, "enc:v1:") {
		t.Fatalf("stored %q for secret %q", stored, secret)
	}
	if ep := api.DB.Client.WebhookEndpoint.GetX(apitest.Sys, id); ep.Secret != secret {
		t.Fatalf("the portal reads back %q", ep.Secret)
	}

	t.Run("a secret kept in clear before encryption is sealed at startup", func(t *testing.T) {
		if _, err := api.DB.SQL.Exec(`UPDATE webhook_endpoints SET secret = 'whsec_legacy' WHERE id = `+api.DB.Placeholder(), string(id)); err != nil {
			t.Fatal(err)
		}
		n, err := app.SealSecrets(context.Background(), api.DB.DB)
		if err != nil || n != 1 {
			t.Fatalf("sealed %d: %v", n, err)
		}
		if stored := storedSecret(t, api, id); !strings.HasPrefix(stored, "enc:v1:") || strings.Contains(stored, "legacy") {
			t.Fatalf("stored %q", stored)
		}
		if ep := api.DB.Client.WebhookEndpoint.GetX(apitest.Sys, id); ep.Secret != "whsec_legacy" {
			t.Fatalf("the portal reads back %q", ep.Secret)
		}
		if n, _ := app.SealSecrets(context.Background(), api.DB.DB); n != 0 {
			t.Fatalf("sealed %d again", n)
		}
	})
}
