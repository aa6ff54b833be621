// Package secretbox encrypts the secrets the portal must read back (the
// signing secrets of webhook endpoints) before they are stored: AES-256-GCM
// under the keys of PORTAL_SECRET_KEY. The first key encrypts; every key
// decrypts, so that a key is rotated by putting a new one first and
// dropping the old one once every value is sealed again. A stored value
// names its key: "enc:v1:<key id>:<base64 of nonce and ciphertext>".
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// prefix starts every sealed value; a stored value without it is a
// secret kept in clear before encryption, to be sealed again.
const prefix = "enc:v1:"

// KeyBytes is the length of a key: AES-256.
const KeyBytes = 32

// Keyring holds the keys, the first one encrypting.
type Keyring struct {
	keys []key
}

type key struct {
	id   string
	aead cipher.AEAD
}

// Parse reads PORTAL_SECRET_KEY: keys in standard base64, 32 bytes each,
// separated by commas, the encrypting one first.
func Parse(value string) (*Keyring, error) {
	var raws [][]byte
	for i, part := range strings.Split(value, ",") {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(part))
		if err != nil || len(raw) != KeyBytes {
			return nil, fmt.Errorf("PORTAL_SECRET_KEY: key %d must be %d random bytes in base64 (openssl rand -base64 32)", i+1, KeyBytes)
		}
		raws = append(raws, raw)
	}
	return New(raws...)
}

// New returns a keyring of raw keys, the first one encrypting.
func New(raws ...[]byte) (*Keyring, error) {
	if len(raws) == 0 {
		return nil, errors.New("secretbox: no key")
	}
	k := &Keyring{}
	for _, raw := range raws {
		block, err := aes.NewCipher(raw)
		if err != nil {
			return nil, fmt.Errorf("secretbox: %w", err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("secretbox: %w", err)
		}
		k.keys = append(k.keys, key{id: keyID(raw), aead: aead})
	}
	return k, nil
}

// Generate returns a new random key, in base64.
func Generate() (string, error) {
	raw := make([]byte, KeyBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(raw), nil
}

// keyID names a key without revealing it: the start of its SHA-256.
func keyID(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:4])
}

// Seal encrypts plain under the first key.
func (k *Keyring) Seal(plain string) (string, error) {
	first := k.keys[0]
	nonce := make([]byte, first.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	// The key id is authenticated too: a value cannot be moved to another key.
	sealed := first.aead.Seal(nonce, nonce, []byte(plain), []byte(first.id))
	return prefix + first.id + ":" + base64.RawStdEncoding.EncodeToString(sealed), nil
}

// IsSealed reports whether stored was sealed (rather than kept in clear).
func IsSealed(stored string) bool { return strings.HasPrefix(stored, prefix) }

// NeedsReseal reports whether stored is in clear or sealed under another
// key than the first: what a rotation seals again.
func (k *Keyring) NeedsReseal(stored string) bool {
	return !strings.HasPrefix(stored, prefix+k.keys[0].id+":")
}

// Open decrypts a sealed value; a value in clear is returned as it is.
func (k *Keyring) Open(stored string) (string, error) {
	rest, ok := strings.CutPrefix(stored, prefix)
	if !ok {
		return stored, nil
	}
	id, body, ok := strings.Cut(rest, ":")
	if !ok {
		return "", errors.New("secretbox: malformed sealed value")
	}
	for _, key := range k.keys {
		if key.id != id {
			continue
		}
		sealed, err := base64.RawStdEncoding.DecodeString(body)
		if err != nil || len(sealed) < key.aead.NonceSize() {
			return "", errors.New("secretbox: malformed sealed value")
		}
		n := key.aead.NonceSize()
		plain, err := key.aead.Open(nil, sealed[:n], sealed[n:], []byte(id))
		if err != nil {
			return "", errors.New("secretbox: a sealed value does not open: altered, or sealed under another key")
		}
		return string(plain), nil
	}
	return "", fmt.Errorf("secretbox: no key %s in PORTAL_SECRET_KEY (was it removed before every value was sealed again?)", id)
}
