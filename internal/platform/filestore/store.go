package filestore

import (
	"context"
	"errors"
	"io"
	"regexp"
)

// Blob is a stored content: its SHA-256 in lowercase hexadecimal and its
// size in bytes.
type Blob struct {
	SHA256 string
	Size   int64
}

// Store keeps contents by their SHA-256.
type Store interface {
	// Put stores what r yields, at most max bytes (ErrTooLarge past it,
	// with nothing kept), and returns its blob; created is false when the
	// same content was already stored.
	Put(ctx context.Context, r io.Reader, max int64) (b Blob, created bool, err error)
	// Open returns the content of sha (ErrNotFound when none).
	Open(ctx context.Context, sha string) (io.ReadSeekCloser, error)
	// Delete removes the content of sha; removing a missing one is no error.
	Delete(ctx context.Context, sha string) error
}

var (
	// ErrTooLarge: the content is larger than Put's limit.
	ErrTooLarge = errors.New("filestore: content too large")
	// ErrNotFound: no content has this hash.
	ErrNotFound = errors.New("filestore: no such content")
	// ErrBadHash: the hash is not 64 lowercase hexadecimal digits.
	ErrBadHash = errors.New("filestore: malformed SHA-256")
)

var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ValidHash reports whether sha is a SHA-256 as Put writes them.
func ValidHash(sha string) bool { return hashPattern.MatchString(sha) }
