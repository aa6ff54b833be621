package webhook_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/reseau-liens/portal/internal/domain/webhook"
)

// TestSignMatchesTheStandardWebhooksLibrary signs with the portal and
// with the reference library, on the same secret, id, instant and body.
func TestSignMatchesTheStandardWebhooksLibrary(t *testing.T) {
	secret := "whsec_" + base64.StdEncoding.EncodeToString([]byte("une clé de trente-deux octets..."))
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2027, time.March, 28, 1, 30, 0, 0, time.UTC)
	for _, body := range []string{`{}`, `{"kind":"booking.confirmed","data":{"at":"2027-03-28T01:30:00Z"}}`, ""} {
		want, err := wh.Sign("wdl_01J", at, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := webhook.Sign(secret, "wdl_01J", at.Unix(), []byte(body))
		if err != nil || got != want {
			t.Errorf("body %q: signed %q (%v), the library says %q", body, got, err, want)
		}
	}
}

func TestSignRefusesASecretThatIsNotStandard(t *testing.T) {
	for _, secret := range []string{"whsec_legacy", "secret", "whsec_"} {
		if sig, err := webhook.Sign(secret, "id", 1, nil); err == nil || !strings.Contains(err.Error(), "rotate") {
			t.Errorf("%q signed: %q", secret, sig)
		}
	}
}
