package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// errChainBroken makes "portal audit verify" exit with status 1.
var errChainBroken = errors.New("la chaîne du journal d'audit est rompue")

// auditCommand implements "portal audit verify": it walks the audit
// trail's hash chain and reports any event altered, removed or inserted.
func auditCommand(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return errors.New("usage: portal audit verify")
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
		fmt.Fprintf(stdout, "%d événements antérieurs à la chaîne (non chaînés).\n", v.Unchained)
	}
	for _, p := range v.Problems {
		fmt.Fprintln(stdout, p)
	}
	if !v.OK() {
		return errChainBroken
	}
	if v.Events == 0 {
		fmt.Fprintln(stdout, "Le journal d'audit ne contient aucun événement chaîné.")
		return nil
	}
	fmt.Fprintf(stdout, "La chaîne est intacte : %d événements (n° %d à %d), empreinte finale %s.\n",
		v.Events, v.FirstSeq, v.LastSeq, v.Head)
	return nil
}
