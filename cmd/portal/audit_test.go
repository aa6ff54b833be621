package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestAuditVerifyChecksTheChain(t *testing.T) {
	t.Setenv("PORTAL_DATABASE_URL", "sqlite:"+filepath.Join(t.TempDir(), "portal.db"))
	var out, errs bytes.Buffer
	if code := run([]string{"audit", "verify"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out.String(), errs.String())
	}
	if !strings.Contains(out.String(), "aucun événement") {
		t.Fatalf("output %q", out.String())
	}
	if code := run([]string{"audit", "check"}, &out, &errs); code == 0 {
		t.Fatal("an unknown subcommand was accepted")
	}
}
