// Package config reads the portal's settings from the environment, with
// defaults that let it start on a fresh machine with no setup at all.
package config

import (
	"fmt"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/reseau-liens/portal/internal/platform/secretbox"
)

// Config is the portal's configuration.
type Config struct {
	// Addr is where the HTTP server listens (PORTAL_ADDR, default ":8080").
	Addr string
	// DatabaseURL selects the database (PORTAL_DATABASE_URL): an SQLite
	// file by default, or a postgres:// URL.
	DatabaseURL string
	// Demo loads demo data into an empty database (PORTAL_DEMO, default true).
	Demo bool
	// Introspection enables schema introspection and field suggestions
	// (PORTAL_INTROSPECTION, default true; turn off in production).
	Introspection bool
	// Production is the production profile (PORTAL_ENV=production): no
	// introspection, suggestions nor GraphiQL, and GET only for persisted
	// queries (see config/profile.go).
	Production bool
	// AllowedOrigins are the origins of browser front-ends that may call
	// the API (CORS) and open WebSockets (PORTAL_ALLOWED_ORIGINS,
	// comma-separated, such as https://app.example.org; none by default:
	// same-origin only).
	AllowedOrigins []string
	// TrustedProxies are the proxies whose X-Forwarded-For the audit
	// trail believes (PORTAL_TRUSTED_PROXIES, comma-separated CIDRs; none
	// by default: the client address is the TCP peer).
	TrustedProxies []netip.Prefix
	// MetricsToken is the bearer token Prometheus presents to read
	// /metrics (PORTAL_METRICS_TOKEN); without one, /metrics is off.
	MetricsToken string
	// WebhookAllowedNetworks are the private networks webhook deliveries
	// may reach (PORTAL_WEBHOOK_ALLOWED_NETWORKS, comma-separated CIDRs;
	// none by default: only public addresses, so that a registered URL
	// cannot make the portal call its own network).
	WebhookAllowedNetworks []netip.Prefix
	// Retention is how long a closed family file is kept before its names
	// and notes are removed (PORTAL_RETENTION, a Go duration or a number
	// of years such as 3y; default 3 years).
	Retention time.Duration
	// JobsEvery is how often the scheduled jobs of deadlines and retention
	// run (PORTAL_JOBS_EVERY, default hourly): shorter, to try short
	// delays; the outbox and webhooks run at least this often.
	JobsEvery time.Duration
	// SocketRecheck is how often an open WebSocket checks its token again
	// beside the announced revocations (PORTAL_WEBSOCKET_RECHECK, default 30s).
	SocketRecheck time.Duration
	// ShutdownTimeout bounds the graceful shutdown (PORTAL_SHUTDOWN_TIMEOUT).
	ShutdownTimeout time.Duration
	// TokenCacheTTL is how long a verified token is trusted without a
	// database look-up (PORTAL_TOKEN_CACHE_TTL, default 5s, 0 disables);
	// revocations and removals end the trust at once.
	TokenCacheTTL time.Duration
	// SecretKeys seal the secrets the portal stores and must read back
	// (PORTAL_SECRET_KEY: base64 keys of 32 bytes, comma-separated, the
	// first one encrypting); nil when unset (see app.SecretKeys).
	SecretKeys *secretbox.Keyring
	// Limits bound what one request may ask of the portal.
	Limits Limits
	// HTTP bounds how long a connection may take to send its request
	// or stay idle (see config/http.go).
	HTTP HTTP
	// Workshop holds the settings of workshop quotes (see config/workshop.go).
	Workshop Workshop
	// Audit holds the retention of the audit trail (see config/audit.go).
	Audit Audit
	// Files holds the settings of the documents' files (see config/files.go).
	Files Files
	// PublicURL is the portal's address as people reach it
	// (PORTAL_PUBLIC_URL, default http://localhost:8080): calendar feed
	// URLs start with it, and its host names the feeds' UIDs.
	PublicURL string
	// SMTPURL is where mail is sent (PORTAL_SMTP_URL, e.g.
	// smtp://user:password@host:587?from=portail@example.org); when empty,
	// messages are logged instead of sent.
	SMTPURL string
	// RequestReminderAfter is how long a request may stay unanswered
	// before the coordinators get a reminder (PORTAL_REQUEST_REMINDER_AFTER,
	// default 7 days).
	RequestReminderAfter time.Duration
	// RequestExpiresAfter is how long a request may stay unanswered before
	// it expires (PORTAL_REQUEST_EXPIRES_AFTER, default 30 days).
	RequestExpiresAfter time.Duration
}

// Limits bound the size and cost of requests (see package limits).
type Limits struct {
	// MaxDepth is the deepest field nesting a query may have (PORTAL_MAX_DEPTH).
	MaxDepth int
	// MaxCost is the most items a query may request, counted as the page
	// sizes of its connections multiplied along their nesting (PORTAL_MAX_COST).
	MaxCost int
	// MaxAliases is the most aliased fields a query may have (PORTAL_MAX_ALIASES).
	MaxAliases int
	// MaxQueryBytes is the largest GraphQL document accepted, in bytes
	// (PORTAL_MAX_QUERY_BYTES): checked before the document is parsed.
	MaxQueryBytes int
	// MaxFields is the most field selections (fragments included) a
	// document may hold (PORTAL_MAX_FIELDS): validation compares fields
	// pairwise, so its work grows with the square of this number.
	MaxFields int
	// MaxInputDepth is how deep input objects and lists may nest in an
	// operation's arguments (PORTAL_MAX_INPUT_DEPTH).
	MaxInputDepth int
	// MaxInputValues is the most values an operation's arguments may hold
	// in all, variables included (PORTAL_MAX_INPUT_VALUES).
	MaxInputValues int
	// MaxBodyBytes is the largest request body accepted (PORTAL_MAX_BODY_BYTES).
	MaxBodyBytes int64
	// RequestTimeout bounds the time a request may run (PORTAL_REQUEST_TIMEOUT).
	RequestTimeout time.Duration
	// RateLimit is how many cost points per second each client (token, or
	// IP address when anonymous) may spend (PORTAL_RATE_LIMIT; 0 disables).
	RateLimit float64
	// RateBurst is how many cost points a client may spend at once
	// (PORTAL_RATE_BURST; at least MaxCost, so that any allowed query can run).
	RateBurst int
}

// DefaultLimits are the limits when none is configured.
var DefaultLimits = Limits{
	MaxDepth:       15,
	MaxCost:        20000,
	MaxAliases:     30,
	MaxQueryBytes:  64 << 10,
	MaxFields:      1000,
	MaxInputDepth:  16,
	MaxInputValues: 1000,
	MaxBodyBytes:   1 << 20,
	RequestTimeout: 15 * time.Second,
	RateLimit:      2000,
	RateBurst:      20000,
}

// FromEnv reads the configuration from the environment.
func FromEnv() (Config, error) {
	return FromLookup(os.LookupEnv)
}

// FromLookup reads the configuration through lookup (os.LookupEnv in
// production, a map in tests).
func FromLookup(lookup func(string) (string, bool)) (Config, error) {
	cfg := Config{
		Addr:            ":8080",
		Demo:            true,
		Introspection:   true,
		ShutdownTimeout: 15 * time.Second,
		TokenCacheTTL:   5 * time.Second,
		Limits:          DefaultLimits,
		HTTP:            DefaultHTTP,

		RequestReminderAfter: 7 * 24 * time.Hour,
		RequestExpiresAfter:  30 * 24 * time.Hour,
		Retention:            DefaultRetention,
		JobsEvery:            time.Hour,
		SocketRecheck:        30 * time.Second,
	}
	if v, ok := lookup("PORTAL_ADDR"); ok && v != "" {
		cfg.Addr = v
	}
	if v, ok := lookup("PORTAL_DATABASE_URL"); ok {
		cfg.DatabaseURL = v
	}
	if v, ok := lookup("PORTAL_SECRET_KEY"); ok && strings.TrimSpace(v) != "" {
		keys, err := secretbox.Parse(v)
		if err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
		cfg.SecretKeys = keys
	}
	if v, ok := lookup("PORTAL_METRICS_TOKEN"); ok {
		cfg.MetricsToken = strings.TrimSpace(v)
	}
	if err := workshopVars(lookup, &cfg); err != nil {
		return cfg, err
	}
	if err := accompanimentVars(lookup, &cfg); err != nil {
		return cfg, err
	}
	if err := auditVars(lookup, &cfg); err != nil {
		return cfg, err
	}
	if err := publicURLVar(lookup, &cfg); err != nil {
		return cfg, err
	}
	if err := filesVars(lookup, &cfg); err != nil {
		return cfg, err
	}
	var err error
	if cfg.SocketRecheck, err = durationVar(lookup, "PORTAL_WEBSOCKET_RECHECK", cfg.SocketRecheck); err != nil {
		return cfg, err
	}
	if cfg.Demo, err = boolVar(lookup, "PORTAL_DEMO", cfg.Demo); err != nil {
		return cfg, err
	}
	if cfg.Introspection, err = boolVar(lookup, "PORTAL_INTROSPECTION", cfg.Introspection); err != nil {
		return cfg, err
	}
	if err := profileVars(lookup, &cfg); err != nil {
		return cfg, err
	}
	if cfg.TrustedProxies, err = prefixes(lookup, "PORTAL_TRUSTED_PROXIES"); err != nil {
		return cfg, err
	}
	if cfg.WebhookAllowedNetworks, err = prefixes(lookup, "PORTAL_WEBHOOK_ALLOWED_NETWORKS"); err != nil {
		return cfg, err
	}
	if v, ok := lookup("PORTAL_RETENTION"); ok && v != "" {
		d, err := parseRetention(v)
		if err != nil {
			return cfg, err
		}
		cfg.Retention = d
	}
	if v, ok := lookup("PORTAL_SHUTDOWN_TIMEOUT"); ok && v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("config: PORTAL_SHUTDOWN_TIMEOUT must be a positive duration such as 15s, got %q", v)
		}
		cfg.ShutdownTimeout = d
	}
	if v, ok := lookup("PORTAL_TOKEN_CACHE_TTL"); ok && v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > time.Minute {
			return cfg, fmt.Errorf("config: PORTAL_TOKEN_CACHE_TTL must be a duration from 0 (off) to 1m such as 5s, got %q", v)
		}
		cfg.TokenCacheTTL = d
	}
	if cfg.Limits, err = limitsFrom(lookup, cfg.Limits); err != nil {
		return cfg, err
	}
	if cfg.HTTP, err = httpFrom(lookup, cfg.HTTP); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func limitsFrom(lookup func(string) (string, bool), l Limits) (Limits, error) {
	var err error
	for _, v := range []struct {
		name string
		into *int
	}{
		{"PORTAL_MAX_DEPTH", &l.MaxDepth},
		{"PORTAL_MAX_COST", &l.MaxCost},
		{"PORTAL_MAX_ALIASES", &l.MaxAliases},
		{"PORTAL_MAX_QUERY_BYTES", &l.MaxQueryBytes},
		{"PORTAL_MAX_FIELDS", &l.MaxFields},
		{"PORTAL_MAX_INPUT_DEPTH", &l.MaxInputDepth},
		{"PORTAL_MAX_INPUT_VALUES", &l.MaxInputValues},
	} {
		if *v.into, err = positiveInt(lookup, v.name, *v.into); err != nil {
			return l, err
		}
	}
	body, err := positiveInt(lookup, "PORTAL_MAX_BODY_BYTES", int(l.MaxBodyBytes))
	if err != nil {
		return l, err
	}
	l.MaxBodyBytes = int64(body)
	if v, ok := lookup("PORTAL_REQUEST_TIMEOUT"); ok && v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return l, fmt.Errorf("config: PORTAL_REQUEST_TIMEOUT must be a positive duration such as 15s, got %q", v)
		}
		l.RequestTimeout = d
	}
	if v, ok := lookup("PORTAL_RATE_LIMIT"); ok && v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return l, fmt.Errorf("config: PORTAL_RATE_LIMIT must be a number of cost points per second (0 disables), got %q", v)
		}
		l.RateLimit = f
	}
	_, burstSet := lookup("PORTAL_RATE_BURST")
	if l.RateBurst, err = positiveInt(lookup, "PORTAL_RATE_BURST", l.RateBurst); err != nil {
		return l, err
	}
	if !burstSet || l.RateBurst < l.MaxCost {
		l.RateBurst = l.MaxCost
	}
	return l, nil
}

func positiveInt(lookup func(string) (string, bool), name string, def int) (int, error) {
	v, ok := lookup(name)
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return def, fmt.Errorf("config: %s must be a positive integer, got %q", name, v)
	}
	return n, nil
}

// DefaultRetention is how long closed files keep their names: 3 years.
const DefaultRetention = 3 * 365 * 24 * time.Hour

// parseRetention reads "3y" (years of 365 days) or a Go duration ("720h").
func parseRetention(v string) (time.Duration, error) {
	var d time.Duration
	var err error
	if years, ok := strings.CutSuffix(v, "y"); ok {
		var n int
		n, err = strconv.Atoi(years)
		d = time.Duration(n) * 365 * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(v)
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("config: PORTAL_RETENTION must be a positive duration such as 3y or 26280h, got %q", v)
	}
	return d, nil
}

func boolVar(lookup func(string) (string, bool), name string, def bool) (bool, error) {
	v, ok := lookup(name)
	if !ok || v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return def, fmt.Errorf("config: %s must be true or false, got %q", name, v)
	}
	return b, nil
}

func splitList(v string) []string {
	var out []string
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// prefixes reads a comma-separated list of CIDRs.
func prefixes(lookup func(string) (string, bool), name string) ([]netip.Prefix, error) {
	v, ok := lookup(name)
	if !ok || v == "" {
		return nil, nil
	}
	var out []netip.Prefix
	for _, item := range splitList(v) {
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, fmt.Errorf("config: %s must list CIDRs such as 10.0.0.0/8, got %q", name, item)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
