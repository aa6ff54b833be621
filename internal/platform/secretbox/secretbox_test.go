package secretbox_test

import (
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/platform/secretbox"
)

func keyring(t *testing.T, keys ...string) *secretbox.Keyring {
	t.Helper()
	k, err := secretbox.Parse(strings.Join(keys, ","))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealedSecretsOpenUnderEveryKeyOfTheRing(t *testing.T) {
	oldKey, _ := secretbox.Generate()
	newKey, _ := secretbox.Generate()
	before := keyring(t, oldKey)
	sealed, err := before.Seal("whsec_abc")
	if err != nil || !secretbox.IsSealed(sealed) || strings.Contains(sealed, "whsec_abc") {
		t.Fatalf("%q %v", sealed, err)
	}
	t.Run("after a rotation, the old key still opens and the new one seals", func(t *testing.T) {
		after := keyring(t, newKey, oldKey)
		if plain, err := after.Open(sealed); err != nil || plain != "whsec_abc" {
			t.Fatalf("%q %v", plain, err)
		}
		if !after.NeedsReseal(sealed) {
			t.Fatal("a value of the old key needs sealing again")
		}
		resealed, _ := after.Seal("whsec_abc")
		if after.NeedsReseal(resealed) {
			t.Fatal("a value of the first key is up to date")
		}
		if _, err := before.Open(resealed); err == nil {
			t.Fatal("a ring without the new key opened its value")
		}
	})
	t.Run("an altered value does not open", func(t *testing.T) {
		// One character of the ciphertext changed, well before the end (the
		// last base64 character may carry padding bits only): a value
		// ending in "AA" made the former "replace the last two by AA"
		// alter nothing, one run in 4 096.
		i := len(sealed) - 10
		swap := byte('A')
		if sealed[i] == swap {
			swap = 'B'
		}
		altered := sealed[:i] + string(swap) + sealed[i+1:]
		if _, err := before.Open(altered); err == nil {
			t.Fatal("opened")
		}
	})
	t.Run("a value in clear is read as it is", func(t *testing.T) {
		if plain, err := before.Open("whsec_legacy"); err != nil || plain != "whsec_legacy" || !before.NeedsReseal("whsec_legacy") {
			t.Fatalf("%q %v", plain, err)
		}
	})
	t.Run("malformed keys are refused", func(t *testing.T) {
		for _, bad := range []string{"", "not base64!", "c2hvcnQ=", oldKey + ",x"} {
			if _, err := secretbox.Parse(bad); err == nil || !strings.Contains(err.Error(), "PORTAL_SECRET_KEY") {
				t.Errorf("%q: %v", bad, err)
			}
		}
	})
}
