#!/usr/bin/env bash
# update-assets.sh re-downloads the npm packages pinned in assets/VERSIONS with
# `npm pack`, checks each tarball against the integrity recorded there, and
# copies the few files package graphiql embeds into assets/.
#
#   ./update-assets.sh          refresh assets/ from the pinned tarballs
#   ./update-assets.sh --check  only verify that assets/ matches them
#
# Nothing but the files listed in files_for is copied: no node_modules, no
# tarballs, no source maps.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
assets="$here/assets"
versions="$assets/VERSIONS"

check=0
case "${1:-}" in
"") ;;
--check) check=1 ;;
*)
	echo "usage: $0 [--check]" >&2
	exit 2
	;;
esac

# files_for prints "path-in-tarball destination-name" pairs for one package.
files_for() {
	case "$1" in
	graphiql)
		echo "package/graphiql.min.js graphiql.min.js"
		echo "package/graphiql.min.css graphiql.min.css"
		echo "package/LICENSE graphiql.LICENSE"
		;;
	react)
		echo "package/umd/react.production.min.js react.production.min.js"
		echo "package/LICENSE react.LICENSE"
		;;
	react-dom)
		echo "package/umd/react-dom.production.min.js react-dom.production.min.js"
		echo "package/LICENSE react-dom.LICENSE"
		;;
	*)
		echo "update-assets.sh: no file list for package $1" >&2
		return 1
		;;
	esac
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/out"

seen=0
while read -r pkg version integrity rest; do
	case "$pkg" in "" | "#"*) continue ;; esac
	if [ -z "$version" ] || [ -z "$integrity" ] || [ -n "$rest" ]; then
		echo "update-assets.sh: malformed line for $pkg in $versions" >&2
		exit 1
	fi
	seen=$((seen + 1))

	mkdir "$work/$pkg"
	(cd "$work/$pkg" && npm pack --silent "$pkg@$version" >/dev/null)
	tarball="$(ls "$work/$pkg"/*.tgz)"

	got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
	if [ "$got" != "$integrity" ]; then
		echo "update-assets.sh: $pkg@$version integrity mismatch" >&2
		echo "  want $integrity" >&2
		echo "  got  $got" >&2
		exit 1
	fi

	tar -xzf "$tarball" -C "$work/$pkg"
	files_for "$pkg" | while read -r src dst; do
		cp "$work/$pkg/$src" "$work/out/$dst"
	done
	echo "$pkg@$version ok ($integrity)"
done <"$versions"

if [ "$seen" -eq 0 ]; then
	echo "update-assets.sh: no packages listed in $versions" >&2
	exit 1
fi

status=0
for f in "$work/out"/*; do
	name="$(basename "$f")"
	if [ "$check" -eq 1 ]; then
		if ! cmp -s "$f" "$assets/$name"; then
			echo "differs from npm: assets/$name" >&2
			status=1
		fi
	else
		install -m 0644 "$f" "$assets/$name"
	fi
done
if [ "$check" -eq 1 ] && [ "$status" -eq 0 ]; then
	echo "assets/ matches the pinned npm tarballs"
fi
exit "$status"
