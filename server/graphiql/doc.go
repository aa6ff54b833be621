// Package graphiql serves the GraphiQL IDE for the portal's GraphQL API
// entirely from files embedded in the binary, so that it works on partner
// networks that block CDNs: the page loads nothing from any other origin.
//
// The package owns:
//
//   - assets/: the third-party files it embeds, copied unmodified from npm
//     packages (the GraphiQL 3 UMD bundle and style sheet, the React 18 and
//     ReactDOM 18 UMD production builds) with their LICENSE files;
//   - assets/VERSIONS: the exact package versions and the sha512 integrity
//     of each npm tarball;
//   - update-assets.sh: re-downloads exactly those versions with npm pack,
//     verifies them, and copies the files into assets/ (--check only
//     verifies that assets/ matches);
//   - static/: its own page template, style sheet and init.js, the script
//     that starts GraphiQL without any inline script;
//   - Handler, which serves the page at "/" and the files under AssetPrefix.
//
// To change a version, edit assets/VERSIONS and run update-assets.sh; nothing
// else from npm (no node_modules, no tarballs, no source maps) belongs here.
package graphiql
