package filestore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/reseau-liens/portal/internal/platform/filestore"
)

func files(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDiskStoresAContentOnceUnderItsHash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store, err := filestore.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("%PDF-1.4 compte rendu")
	sum := sha256.Sum256(content)
	want := hex.EncodeToString(sum[:])

	b, created, err := store.Put(ctx, bytes.NewReader(content), 1024)
	if err != nil || !created || b.SHA256 != want || b.Size != int64(len(content)) {
		t.Fatalf("first put: %+v created=%v err=%v, want %s", b, created, err, want)
	}
	again, created, err := store.Put(ctx, bytes.NewReader(content), 1024)
	if err != nil || created || again != b {
		t.Fatalf("second put: %+v created=%v err=%v", again, created, err)
	}
	if got := files(t, store.Root); len(got) != 1 || filepath.Base(got[0]) != want {
		t.Fatalf("files on disk: %v, want one named %s", got, want)
	}
	f, err := store.Open(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	read, _ := io.ReadAll(f)
	_ = f.Close()
	if !bytes.Equal(read, content) {
		t.Fatalf("read back %q", read)
	}
	if err := store.Delete(ctx, want); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(ctx, want); !errors.Is(err, filestore.ErrNotFound) {
		t.Fatalf("open after delete: %v, want ErrNotFound", err)
	}
	if err := store.Delete(ctx, want); err != nil {
		t.Fatalf("deleting a missing content: %v", err)
	}
}

func TestDiskRefusesATooLargeContentAndKeepsNothing(t *testing.T) {
	t.Parallel()
	store, err := filestore.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = store.Put(context.Background(), bytes.NewReader(make([]byte, 11)), 10)
	if !errors.Is(err, filestore.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if got := files(t, store.Root); len(got) != 0 {
		t.Fatalf("files left: %v", got)
	}
}

func TestDiskRefusesMalformedHashes(t *testing.T) {
	t.Parallel()
	store, err := filestore.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, sha := range []string{"", "../../etc/passwd", "ABCDEF", string(bytes.Repeat([]byte("g"), 64))} {
		if _, err := store.Open(context.Background(), sha); !errors.Is(err, filestore.ErrBadHash) {
			t.Errorf("Open(%q) = %v, want ErrBadHash", sha, err)
		}
		if err := store.Delete(context.Background(), sha); !errors.Is(err, filestore.ErrBadHash) {
			t.Errorf("Delete(%q) = %v, want ErrBadHash", sha, err)
		}
	}
}
