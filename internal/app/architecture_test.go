package app_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/reseau-liens/portal/"

// layer names the layer of a package of the module, by its path.
func layer(pkg string) string {
	p := strings.TrimPrefix(pkg, module)
	switch {
	case strings.HasPrefix(p, "cmd/"):
		return "cmd"
	case p == "server" || strings.HasPrefix(p, "server/"):
		return "server"
	case p == "graph" || strings.HasPrefix(p, "graph/"):
		return "graph"
	case strings.HasPrefix(p, "internal/app"), strings.HasPrefix(p, "internal/apitest"):
		return "app"
	case strings.HasPrefix(p, "internal/demo"):
		return "demo"
	case strings.HasPrefix(p, "internal/api/"):
		return "api"
	case strings.HasPrefix(p, "internal/domain/"):
		return "domain"
	case p == "internal/access/viewer":
		return "viewer"
	case strings.HasPrefix(p, "internal/access"), strings.HasPrefix(p, "internal/audit"):
		return "policy"
	case strings.HasPrefix(p, "internal/platform/"):
		return "platform"
	case p == "ent" || strings.HasPrefix(p, "ent/"):
		return "ent"
	}
	return "other"
}

// forbidden lists, for each layer, the layers it must not import: the
// dependency rule of ARCHITECTURE.md (server → graph → domain → policy →
// platform; nothing below imports graph or server).
var forbidden = map[string][]string{
	"server":   {"cmd", "app", "demo"},
	"graph":    {"cmd", "server", "app", "demo"},
	"api":      {"cmd", "server", "graph", "app", "demo"},
	"demo":     {"cmd", "server", "graph", "app", "api"},
	"domain":   {"cmd", "server", "graph", "app", "demo", "api"},
	"policy":   {"cmd", "server", "graph", "app", "demo", "api", "domain"},
	"viewer":   {"cmd", "server", "graph", "app", "demo", "api", "domain", "policy", "platform"},
	"platform": {"cmd", "server", "graph", "app", "demo", "api", "domain", "policy"},
	"ent":      {"cmd", "server", "graph", "app", "demo", "api", "domain"},
}

// harnesses wire a whole portal for tests, as the composition root does
// for the binary: they may import any layer but cmd.
var harnesses = map[string]bool{
	module + "internal/apitest":                  true,
	module + "internal/platform/database/dbtest": true,
}

func TestEveryImportFollowsTheDependencyRule(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		pkg, imports := fields[0], fields[1:]
		if layer(pkg) == "other" && pkg != strings.TrimSuffix(module, "/") {
			t.Errorf("%s is in no layer: put it under cmd/, ent/, graph/, server/ or internal/", pkg)
		}
		if harnesses[pkg] {
			continue
		}
		for _, imp := range imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			checked++
			for _, no := range forbidden[layer(pkg)] {
				if layer(imp) == no {
					t.Errorf("%s (%s) imports %s (%s): the dependency rule forbids it", pkg, layer(pkg), imp, no)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no import of the module was checked")
	}
}
