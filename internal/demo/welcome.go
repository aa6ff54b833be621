package demo

import (
	"fmt"
	"io"
	"strings"
)

// PrintWelcome tells a person how to try the portal with the demo data:
// where GraphiQL and the GraphQL endpoint are (under baseURL, e.g.
// "http://localhost:8080"), then, for each demo account in the order of
// Accounts, the header line to paste into GraphiQL's Headers tab (in the
// JSON form that tab expects, and as a raw HTTP header). When r is nil
// (the database was not empty) it says that no demo token was issued.
func PrintWelcome(w io.Writer, baseURL string, r *Result) {
	base := strings.TrimRight(baseURL, "/")
	fmt.Fprintf(w, "GraphiQL:         %s/\n", base)
	fmt.Fprintf(w, "GraphQL endpoint: %s/graphql\n", base)
	if r == nil {
		fmt.Fprintln(w, "The database already holds data: the demo data was not loaded and no demo token was issued.")
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Demo data loaded: every person, family and organisation in it is fictional.")
	fmt.Fprintf(w, "Demo tokens (valid until %s). Paste one of the JSON lines into GraphiQL's Headers tab:\n",
		r.TokensExpireAt.Format("2006-01-02 15:04 MST"))
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
