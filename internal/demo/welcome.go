package demo

import (
	"fmt"
	"io"
	"strings"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// PrintWelcome tells a person how to try the portal with the demo data:
// where GraphiQL and the GraphQL endpoint are (under baseURL, e.g.
// "http://localhost:8080"), then, for each demo account in the order of
// Accounts, the header line to paste into GraphiQL's Headers tab (in the
// JSON form that tab expects, and as a raw HTTP header). When r is nil
// (the database was not empty) it says that no demo token was issued.
func PrintWelcome(w io.Writer, baseURL string, r *Result) {
	base := strings.TrimRight(baseURL, "/")
	fmt.Fprintln(w, i18n.T("console.graphiql", base).French())
	fmt.Fprintln(w, i18n.T("console.endpoint", base).French())
	if r == nil {
		fmt.Fprintln(w, i18n.T("console.data_present").French())
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T("console.demo_loaded").French())
	fmt.Fprintln(w, i18n.T("console.demo_tokens",
		i18n.T("console.day_at_hour", i18n.Day(r.TokensExpireAt), i18n.Hour(r.TokensExpireAt))).French())
	for _, a := range accounts {
		secret, ok := r.Tokens[a.key]
		if !ok {
			continue
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "%s: %s, %s\n", a.key, a.displayName, a.about)
		fmt.Fprintf(w, "  {\"Authorization\": \"Bearer %s\"}\n", secret)
		fmt.Fprintf(w, "  Authorization: Bearer %s\n", secret)
	}
}
