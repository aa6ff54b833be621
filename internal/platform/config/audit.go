package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Audit holds the settings of the audit trail's retention.
type Audit struct {
	// Retention is how long audit events stay in the database before the
	// retention job archives and removes them (PORTAL_AUDIT_RETENTION: a
	// number of years "1y", of months "18mo", or a Go duration; default 1
	// year, from 6 months to 3 years).
	Retention time.Duration
	// ArchiveDir is where the archives go (PORTAL_AUDIT_ARCHIVE_DIR,
	// default data/audit-archive): gzip-compressed JSON lines, one file
	// per run, named by the period it covers.
	ArchiveDir string
}

// The bounds and default of PORTAL_AUDIT_RETENTION: a year is 365 days, a
// month a twelfth of it.
const (
	auditYear             = 365 * 24 * time.Hour
	auditMonth            = auditYear / 12
	DefaultAuditRetention = auditYear
	MinAuditRetention     = 6 * auditMonth
	MaxAuditRetention     = 3 * auditYear
)

func auditVars(lookup func(string) (string, bool), cfg *Config) error {
	cfg.Audit = Audit{Retention: DefaultAuditRetention, ArchiveDir: "data/audit-archive"}
	if v, ok := lookup("PORTAL_AUDIT_ARCHIVE_DIR"); ok && strings.TrimSpace(v) != "" {
		cfg.Audit.ArchiveDir = strings.TrimSpace(v)
	}
	v, ok := lookup("PORTAL_AUDIT_RETENTION")
	if !ok || strings.TrimSpace(v) == "" {
		return nil
	}
	d, err := parseAuditRetention(strings.TrimSpace(v))
	if err != nil || d < MinAuditRetention || d > MaxAuditRetention {
		return fmt.Errorf("config: PORTAL_AUDIT_RETENTION must be between 6 months and 3 years, such as 1y, 18mo or 8760h, got %q", v)
	}
	cfg.Audit.Retention = d
	return nil
}

func parseAuditRetention(v string) (time.Duration, error) {
	for suffix, unit := range map[string]time.Duration{"mo": auditMonth, "y": auditYear} {
		if n, ok := strings.CutSuffix(v, suffix); ok {
			count, err := strconv.Atoi(n)
			return time.Duration(count) * unit, err
		}
	}
	return time.ParseDuration(v)
}
