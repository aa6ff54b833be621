package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/hook"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/secretbox"
)

// keyrings is the keyring installed on each client: the hook seals
// secrets on write and the interceptor opens them on read, so that the
// domain (webhook signing) sees secrets in clear and the database never.
var keyrings sync.Map // *ent.Client → *secretbox.Keyring

// SecretKeys returns the keyring of PORTAL_SECRET_KEY. Without one, a
// development portal on SQLite keeps a generated key in a file beside its
// database (created once, readable by its owner only) and warns; on
// PostgreSQL, a production database, the portal refuses to start.
func SecretKeys(cfg config.Config, db *database.DB, logger *slog.Logger) (*secretbox.Keyring, error) {
	if cfg.SecretKeys != nil {
		return cfg.SecretKeys, nil
	}
	if db.Dialect != dialect.SQLite {
		return nil, errors.New("PORTAL_SECRET_KEY is required on PostgreSQL: set it to a key made by `openssl rand -base64 32`")
	}
	path := keyFile(db.URL)
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key, err := secretbox.Generate()
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("writing a development secret key: %w", err)
		}
		raw = []byte(key)
	} else if err != nil {
		return nil, fmt.Errorf("reading the development secret key: %w", err)
	}
	logger.Warn("PORTAL_SECRET_KEY is not set: webhook secrets are sealed under a development key kept beside the database; set PORTAL_SECRET_KEY in production",
		"key_file", path)
	return secretbox.Parse(strings.TrimSpace(string(raw)))
}

// keyFile is where a development key lives: beside the SQLite file.
func keyFile(rawURL string) string {
	if rawURL == "" {
		rawURL = database.DefaultURL
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite://"), "sqlite:"), "?")
	if path == "" || strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file::memory:") {
		return "portal-secret.key"
	}
	return path + ".secret-key"
}

// installSecrets seals and opens the webhook endpoints' secrets of db's
// client with keys, once per client. A nil keyring (tests, benchmarks) is
// a random key for the life of the process.
func installSecrets(db *database.DB, keys *secretbox.Keyring, logger *slog.Logger) {
	if keys == nil {
		raw, err := secretbox.Generate()
		if err == nil {
			keys, err = secretbox.Parse(raw)
		}
		if err != nil {
			panic(err) // the system's random source failed
		}
		logger.Warn("no secret key given: webhook secrets are sealed under a key that ends with this process")
	}
	if _, loaded := keyrings.LoadOrStore(db.Client, keys); loaded {
		return
	}
	db.Client.WebhookEndpoint.Use(hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.WebhookEndpointFunc(func(ctx context.Context, m *ent.WebhookEndpointMutation) (ent.Value, error) {
			if plain, ok := m.Secret(); ok && !secretbox.IsSealed(plain) {
				sealed, err := keys.Seal(plain)
				if err != nil {
					return nil, err
				}
				m.SetSecret(sealed)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne))
	db.Client.WebhookEndpoint.Intercept(ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			if eps, ok := v.([]*ent.WebhookEndpoint); ok && err == nil {
				for _, ep := range eps {
					if ep.Secret, err = keys.Open(ep.Secret); err != nil {
						return nil, fmt.Errorf("webhook endpoint %s: %w", ep.ID, err)
					}
				}
			}
			return v, err
		})
	}))
}

// SealSecrets seals again every stored secret that is in clear (kept
// before encryption) or under another key than the first (after a
// rotation), and returns how many it sealed. The portal runs it at start.
func SealSecrets(ctx context.Context, db *database.DB) (int, error) {
	v, ok := keyrings.Load(db.Client)
	if !ok {
		return 0, errors.New("app: no secret keys installed on this database")
	}
	keys := v.(*secretbox.Keyring)
	rows, err := db.SQL.QueryContext(ctx, `SELECT id, secret FROM webhook_endpoints`)
	if err != nil {
		return 0, err
	}
	var stale []string
	for rows.Next() {
		var id, stored string
		if err := rows.Scan(&id, &stored); err != nil {
			rows.Close()
			return 0, err
		}
		if keys.NeedsReseal(stored) {
			stale = append(stale, id)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, err
	}
	sys := viewer.SystemContext(ctx)
	for _, id := range stale {
		// Read through the interceptor (opened) and write through the hook (sealed).
		ep, err := db.Client.WebhookEndpoint.Get(sys, pulid.ID(id))
		if err != nil {
			return 0, err
		}
		if err := db.Client.WebhookEndpoint.UpdateOne(ep).SetSecret(ep.Secret).Exec(sys); err != nil {
			return 0, err
		}
	}
	return len(stale), nil
}
