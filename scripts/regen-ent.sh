#!/usr/bin/env bash
# Regenerates ent, entgql and gqlgen when the generated ent package does not
# compile (typically after merging two branches that both changed the schema).
#
# Why: the schema's privacy policies and hooks import package access, which
# imports the generated package, so entc cannot load a schema whose generated
# code is broken. This generates once from a copy of the schema without its
# policies and hooks, then restores the schema and runs `go generate ./...`.
set -euo pipefail
cd "$(dirname "$0")/.."
backup=$(mktemp -d)
trap 'rm -rf ent/schema && cp -r "$backup/schema" ent/schema && rm -rf "$backup"' EXIT
cp -r ent/schema "$backup/"
python3 - <<'PY'
import glob, re
for path in glob.glob('ent/schema/*.go'):
    src = open(path).read()
    for method in ('Policy', 'Hooks', 'Interceptors'):
        src = re.sub(r'\n(//[^\n]*\n)*func \(\w+\) ' + method + r'\(\) [^{]*\{\n.*?\n\}\n', '\n', src, flags=re.S)
    open(path, 'w').write(src)
PY
go run golang.org/x/tools/cmd/goimports@v0.52.0 -w ent/schema/*.go
go run -mod=mod ./ent/entc.go || true
rm -rf ent/schema && cp -r "$backup/schema" ent/schema
trap - EXIT
rm -rf "$backup"
go generate ./...
echo "regenerated; now run: go run ./cmd/migrations -name <what_changed>"
