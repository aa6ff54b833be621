package accompaniment

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/attachment"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/filestore"
)

// Files are the settings of the files attached to documents: where their
// bytes are kept, how large one may be, and the portal's public address,
// which starts their download URLs.
type Files struct {
	Store     filestore.Store
	MaxBytes  int64
	PublicURL string
}

// WithFiles sets where the documents' files are kept; without it, the
// service refuses files (an export's service, for one, needs none).
func (s *Service) WithFiles(f Files) *Service {
	s.files = f
	return s
}

// allowedMediaTypes are the types of the files a document accepts, as
// read from their content: documents and scans, never anything a browser
// would run (HTML, SVG, scripts) nor an executable.
var allowedMediaTypes = []string{
	"application/pdf",
	"image/png",
	"image/jpeg",
	"image/webp",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.oasis.opendocument.text",
	"application/vnd.oasis.opendocument.spreadsheet",
}

// allowedType returns the allowed type that the detected one is (or is
// an alias of), and whether there is one.
func allowedType(detected *mimetype.MIME) (string, bool) {
	for _, t := range allowedMediaTypes {
		if detected.Is(t) {
			return t, true
		}
	}
	return "", false
}

// maxFileNameRunes bounds a kept file name (the column's limit).
const maxFileNameRunes = 200

// CleanFileName keeps the last element of an uploaded file's name, without
// control characters nor the characters a download header or a file
// system would read otherwise; an empty result becomes "fichier".
func CleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError || strings.ContainsRune(`"<>:*?|`, r) {
			return -1
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), ".")
	if runes := []rune(name); len(runes) > maxFileNameRunes {
		name = string(runes[len(runes)-maxFileNameRunes:])
	}
	if name == "" {
		return "fichier"
	}
	return name
}

// ForgetFiles deletes from store the contents of shas that no attachment
// names any more (a content is stored once for every attachment that has
// it). It reads as the portal.
func ForgetFiles(ctx context.Context, client *ent.Client, store filestore.Store, shas []string) error {
	if store == nil {
		return nil
	}
	sys := viewer.SystemContext(ctx)
	for _, sha := range shas {
		named, err := client.Attachment.Query().Where(attachment.Sha256(sha)).Exist(sys)
		if err != nil {
			return err
		}
		if named {
			continue
		}
		if err := store.Delete(sys, sha); err != nil {
			return err
		}
	}
	return nil
}

// AfterCommit runs f once the transaction of ctx commits (at once when
// ctx holds none): what a rollback cannot take back, the removal of a
// file's bytes, waits for the rows that named it to be gone for good.
func AfterCommit(ctx context.Context, f func(context.Context)) {
	tx := ent.TxFromContext(ctx)
	if tx == nil {
		f(ctx)
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Commit(ctx, tx)
			if err == nil {
				f(context.WithoutCancel(ctx))
			}
			return err
		})
	})
}

// afterRollback runs f if the transaction of ctx rolls back.
func afterRollback(ctx context.Context, f func(context.Context)) {
	tx := ent.TxFromContext(ctx)
	if tx == nil {
		return
	}
	tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
		return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Rollback(ctx, tx)
			f(context.WithoutCancel(ctx))
			return err
		})
	})
}
