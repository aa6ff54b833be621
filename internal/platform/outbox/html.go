package outbox

import (
	"html/template"
	"strings"
)

// page is the HTML alternative of a message: its text, escaped by
// html/template, one paragraph per blank-line-separated block.
var page = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body>
{{range .Paragraphs}}<p>{{range $i, $line := .}}{{if $i}}<br>
{{end}}{{$line}}{{end}}</p>
{{end}}</body>
</html>
`))

// htmlBody renders the HTML part of a plain-text message.
func htmlBody(subject, text string) (string, error) {
	var paragraphs [][]string
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if block = strings.Trim(block, "\n"); block != "" {
			paragraphs = append(paragraphs, strings.Split(block, "\n"))
		}
	}
	var b strings.Builder
	err := page.Execute(&b, struct {
		Subject    string
		Paragraphs [][]string
	}{subject, paragraphs})
	return b.String(), err
}
