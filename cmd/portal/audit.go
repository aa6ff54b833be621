package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// errChainBroken makes "portal audit verify" exit with status 1.
var errChainBroken = errors.New(i18n.T("console.audit_broken").French())

// auditCommand implements "portal audit verify": it walks the audit
// trail's hash chain and reports any event altered, removed or inserted.
func auditCommand(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return errors.New(i18n.T("console.audit_usage").French())
	}
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := audit.Verify(ctx, db.Client)
	if err != nil {
		return err
	}
	if v.Unchained > 0 {
		fmt.Fprintln(stdout, i18n.T("console.audit_unchained", v.Unchained).French())
	}
	for _, p := range v.Problems {
		fmt.Fprintln(stdout, p)
	}
	if !v.OK() {
		return errChainBroken
	}
	if v.Events == 0 {
		fmt.Fprintln(stdout, i18n.T("console.audit_empty").French())
		return nil
	}
	fmt.Fprintln(stdout, i18n.T("console.audit_intact", v.Events, v.FirstSeq, v.LastSeq, v.Head).French())
	return nil
}
