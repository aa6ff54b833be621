package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// The headers of a delivery, as Standard Webhooks names them
// (https://www.standardwebhooks.com): receivers verify them with the
// standard's libraries.
const (
	HeaderID        = "webhook-id"        // the delivery's id, the same on every attempt
	HeaderTimestamp = "webhook-timestamp" // Unix seconds of the attempt
	HeaderSignature = "webhook-signature" // "v1," + base64 HMAC-SHA256
	HeaderEvent     = "X-Portal-Event"    // the kind, for routing without parsing the body
)

// secretPrefix marks a Standard Webhooks symmetric secret.
const secretPrefix = "whsec_"

// secretBytes is the key's length: the standard asks for 24 to 64 bytes.
const secretBytes = 32

// newSecret returns a random signing secret: "whsec_" and the base64 of
// the key.
func newSecret() (string, error) {
	raw := make([]byte, secretBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return secretPrefix + base64.StdEncoding.EncodeToString(raw), nil
}

// errSecret says a stored secret is not a Standard Webhooks secret.
var errSecret = errors.New("the signing secret is not whsec_ and base64: rotate it")

// Sign returns the webhook-signature of a delivery: "v1," and the base64
// HMAC-SHA256, keyed by the secret's decoded bytes, of id + "." +
// timestamp + "." + body.
func Sign(secret, id string, timestamp int64, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, secretPrefix))
	if err != nil || !strings.HasPrefix(secret, secretPrefix) || len(key) == 0 {
		return "", errSecret
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + strconv.FormatInt(timestamp, 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}
