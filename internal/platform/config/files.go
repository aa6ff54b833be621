package config

import (
	"path/filepath"
	"strings"
)

// Files are the settings of the files attached to documents.
type Files struct {
	// Dir is where their bytes are kept (PORTAL_FILES_DIR; by default
	// "files" beside the SQLite database, data/files otherwise).
	Dir string
	// MaxUploadBytes is the largest file accepted (PORTAL_MAX_UPLOAD_BYTES,
	// default 10 MiB). A multipart request may be this much larger than
	// PORTAL_MAX_BODY_BYTES, no more.
	MaxUploadBytes int64
}

// DefaultMaxUploadBytes is the default largest file: 10 MiB, a scanned
// contract of a few pages.
const DefaultMaxUploadBytes = 10 << 20

// filesVars reads the files' settings; the default directory follows the
// database's (read before).
func filesVars(lookup func(string) (string, bool), cfg *Config) error {
	cfg.Files.Dir = defaultFilesDir(cfg.DatabaseURL)
	if v, ok := lookup("PORTAL_FILES_DIR"); ok && strings.TrimSpace(v) != "" {
		cfg.Files.Dir = strings.TrimSpace(v)
	}
	n, err := positiveInt(lookup, "PORTAL_MAX_UPLOAD_BYTES", DefaultMaxUploadBytes)
	if err != nil {
		return err
	}
	cfg.Files.MaxUploadBytes = int64(n)
	return nil
}

// defaultFilesDir is "files" beside an SQLite database's file, data/files
// (beside the default database) for any other.
func defaultFilesDir(databaseURL string) string {
	path, ok := strings.CutPrefix(databaseURL, "sqlite:")
	path, _, _ = strings.Cut(path, "?")
	path = strings.TrimPrefix(path, "file:")
	if !ok || path == "" || strings.Contains(path, ":memory:") {
		return filepath.Join("data", "files")
	}
	return filepath.Join(filepath.Dir(path), "files")
}
