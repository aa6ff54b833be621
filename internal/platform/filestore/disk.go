package filestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Disk stores contents as files under Root: the content of hash h is
// Root/h[0:2]/h[2:4]/h, written to a temporary file in Root/tmp first and
// renamed into place once complete, so that a reader never sees half a
// file and a crash leaves only temporary files behind.
type Disk struct {
	Root string
}

var _ Store = Disk{}

// NewDisk returns the store under root, creating the directory.
func NewDisk(root string) (Disk, error) {
	if err := os.MkdirAll(filepath.Join(root, "tmp"), 0o750); err != nil {
		return Disk{}, fmt.Errorf("filestore: creating %s: %w", root, err)
	}
	return Disk{Root: root}, nil
}

func (d Disk) path(sha string) string {
	return filepath.Join(d.Root, sha[0:2], sha[2:4], sha)
}

// Put implements Store.
func (d Disk) Put(ctx context.Context, r io.Reader, max int64) (Blob, bool, error) {
	tmpDir := filepath.Join(d.Root, "tmp")
	if err := os.MkdirAll(tmpDir, 0o750); err != nil {
		return Blob{}, false, fmt.Errorf("filestore: %w", err)
	}
	tmp, err := os.CreateTemp(tmpDir, "upload-*")
	if err != nil {
		return Blob{}, false, fmt.Errorf("filestore: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, max+1))
	if err != nil {
		return Blob{}, false, fmt.Errorf("filestore: writing: %w", err)
	}
	if n > max {
		return Blob{}, false, ErrTooLarge
	}
	if err := ctx.Err(); err != nil {
		return Blob{}, false, err
	}
	if err := tmp.Sync(); err != nil {
		return Blob{}, false, fmt.Errorf("filestore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Blob{}, false, fmt.Errorf("filestore: %w", err)
	}
	b := Blob{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}
	final := d.path(b.SHA256)
	if _, err := os.Stat(final); err == nil {
		return b, false, nil // the same content, already stored: the deferred removal drops the copy
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return Blob{}, false, fmt.Errorf("filestore: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return Blob{}, false, fmt.Errorf("filestore: %w", err)
	}
	committed = true
	return b, true, nil
}

// Open implements Store.
func (d Disk) Open(_ context.Context, sha string) (io.ReadSeekCloser, error) {
	if !ValidHash(sha) {
		return nil, ErrBadHash
	}
	f, err := os.Open(d.path(sha))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	return f, err
}

// Delete implements Store.
func (d Disk) Delete(_ context.Context, sha string) error {
	if !ValidHash(sha) {
		return ErrBadHash
	}
	err := os.Remove(d.path(sha))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
