package graph

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/text/language"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// gqlparser and gqlgen word their parse, validation and variable errors
// in English, in a fixed set of sentences (those of the GraphQL
// reference implementation). specMessages words the common ones in the
// request's language; wordSpecError falls back on a sentence per code for
// the rest. The original goes in the "detail" extension either way, for
// the developer who searches for it.
var specMessages = []struct {
	pattern *regexp.Regexp
	key     string
}{
	{regexp.MustCompile(`^Cannot query field "([^"]+)" on type "([^"]+)"\.$`), "graphql.unknown_field"},
	{regexp.MustCompile(`^Unknown argument "([^"]+)" on field "([^"]+)"\.$`), "graphql.unknown_argument"},
	{regexp.MustCompile(`^Unknown argument "([^"]+)" on directive "@?([^"]+)"\.$`), "graphql.unknown_directive_argument"},
	{regexp.MustCompile(`^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\.$`), "graphql.missing_argument"},
	{regexp.MustCompile(`^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\.$`), "graphql.selection_on_leaf"},
	{regexp.MustCompile(`^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\.$`), "graphql.selection_required"},
	{regexp.MustCompile(`^Unknown type "([^"]+)"\.$`), "graphql.unknown_type"},
	{regexp.MustCompile(`^Unknown directive "@?([^"]+)"\.$`), "graphql.unknown_directive"},
	{regexp.MustCompile(`^Directive "@?([^"]+)" may not be used on ([A-Z_]+)\.$`), "graphql.misplaced_directive"},
	{regexp.MustCompile(`^The directive "@?([^"]+)" can only be used once at this location\.$`), "graphql.repeated_directive"},
	{regexp.MustCompile(`^Unknown fragment "([^"]+)"\.$`), "graphql.unknown_fragment"},
	{regexp.MustCompile(`^Fragment "([^"]+)" is never used\.$`), "graphql.unused_fragment"},
	{regexp.MustCompile(`^Cannot spread fragment "([^"]+)" within itself(?: via .+)?\.$`), "graphql.fragment_cycle"},
	{regexp.MustCompile(`^Fragment (?:"[^"]+" )?cannot be spread here as objects of type "([^"]+)" can never be of type "([^"]+)"\.$`), "graphql.impossible_spread"},
	{regexp.MustCompile(`^Variable "\$?([^"]+)" is not defined\.$`), "graphql.undefined_variable"},
	{regexp.MustCompile(`^Variable "\$?([^"]+)" is never used\.$`), "graphql.unused_variable"},
	{regexp.MustCompile(`^Variable "\$?([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"\.$`), "graphql.variable_position"},
	{regexp.MustCompile(`^Variable "\$?([^"]+)" cannot be non-input type "([^"]+)"\.$`), "graphql.variable_not_input"},
	{regexp.MustCompile(`^There can be only one operation named "([^"]+)"\.$`), "graphql.duplicate_operation"},
	{regexp.MustCompile(`^There can be only one fragment named "([^"]+)"\.$`), "graphql.duplicate_fragment"},
	{regexp.MustCompile(`^There can be only one argument named "([^"]+)"\.$`), "graphql.duplicate_argument"},
	{regexp.MustCompile(`^There can be only one variable named "\$?([^"]+)"\.$`), "graphql.duplicate_variable"},
	{regexp.MustCompile(`^There can be only one input field named "([^"]+)"\.$`), "graphql.duplicate_input_field"},
	{regexp.MustCompile(`^This anonymous operation must be the only defined operation\.$`), "graphql.lone_anonymous"},
	{regexp.MustCompile(`^Fields "([^"]+)" conflict because .+ Use different aliases on the fields to fetch both if this was intentional\.$`), "graphql.field_conflict"},
	{regexp.MustCompile(`^(?:String|Int|Float|Boolean|ID) cannot represent (?:a )?non[ -].*value: (.+)$`), "graphql.wrong_literal"},
	{regexp.MustCompile(`^Expected value of type "([^"]+)", found (.+)\.$`), "graphql.wrong_value"},
	{regexp.MustCompile(`^Enum "([^"]+)" cannot represent non-enum value: (.+)\.$`), "graphql.not_enum"},
	{regexp.MustCompile(`^Value "([^"]+)" does not exist in "([^"]+)" enum\.$`), "graphql.not_enum_value"},
	{regexp.MustCompile(`^Field "([^"]+)" of required type "([^"]+)" was not provided\.$`), "graphql.missing_input_field"},
	{regexp.MustCompile(`^Field "([^"]+)" is not defined by type "([^"]+)"\.$`), "graphql.unknown_input_field"},
	{regexp.MustCompile(`^Field "([^"]+)" must be non-null\.$`), "graphql.null_input_field"},
	{regexp.MustCompile(`^(?:Subscription "[^"]+"|Anonymous Subscription) must select only one top level field\.$`), "graphql.subscription_fields"},
	{regexp.MustCompile(`^Schema does not support operation type "([^"]+)"$`), "graphql.unsupported_operation"},
	{regexp.MustCompile(`^operation (.+) not found$`), "graphql.operation_not_found"},
	{regexp.MustCompile(`^no operation provided$`), "graphql.no_operation"},
	{regexp.MustCompile(`^must provide operation name if query contains multiple operations\.?$`), "graphql.operation_name_required"},
	{regexp.MustCompile(`^Expected (.+), found (.+)$`), "graphql.syntax_expected"},
	{regexp.MustCompile(`^Unexpected (.+)$`), "graphql.syntax_unexpected"},
}

// variableMessages are the errors of a variable's value, whose path
// (["variable", "n", …]) names the variable.
var variableMessages = []struct {
	pattern *regexp.Regexp
	key     string
}{
	{regexp.MustCompile(`^cannot use (\w+) as (\w+)$`), "graphql.variable.wrong_kind"},
	{regexp.MustCompile(`^cannot be null$`), "graphql.variable.null"},
	{regexp.MustCompile(`^must be defined$`), "graphql.variable.missing"},
	{regexp.MustCompile(`^unknown field$`), "graphql.variable.unknown_field"},
	{regexp.MustCompile(`^(.+) is not a valid (\w+)$`), "graphql.variable.not_enum_value"},
	{regexp.MustCompile(`^must be a (\w+), not a (\w+)$`), "graphql.variable.wrong_kind_of"},
}

// suggestion is the "Did you mean …?" that ends some messages.
var suggestion = regexp.MustCompile(`^(.*?) Did you mean (?:to use an inline fragment on |the enum value )?(.+)\?$`)

// quotedName is one name of a suggestion list.
var quotedName = regexp.MustCompile(`"([^"]+)"`)

// wordSpecError rewords in the request's language a parse, validation or
// variable error that gqlgen wrote (gqlErr.Err is nil, the code is set).
func wordSpecError(tag language.Tag, gqlErr *gqlerror.Error) {
	original := gqlErr.Message
	if text, ok := wordSpecMessage(tag, original, gqlErr.Path); ok {
		gqlErr.Message = text
	} else {
		code, _ := gqlErr.Extensions["code"].(string)
		gqlErr.Message = i18n.T(fallbackKey(code)).In(tag)
	}
	gqlErr.Extensions["detail"] = original
}

// wordSpecMessage words one of the known sentences, with its trailing
// suggestion.
func wordSpecMessage(tag language.Tag, text string, path ast.Path) (string, bool) {
	if len(path) >= 2 && path[0] == ast.PathName("variable") {
		for _, m := range variableMessages {
			if args := m.pattern.FindStringSubmatch(text); args != nil {
				return i18n.T(m.key, append([]any{variablePath(path)}, kinds(args[1:])...)...).In(tag), true
			}
		}
		return "", false
	}
	var hint string
	if s := suggestion.FindStringSubmatch(text); s != nil {
		text = s[1]
		hint = " " + i18n.T("graphql.did_you_mean", orList(tag, quotedName.FindAllStringSubmatch(s[2], -1))).In(tag)
	}
	for _, m := range specMessages {
		if args := m.pattern.FindStringSubmatch(text); args != nil {
			return i18n.T(m.key, tokens(args[1:])...).In(tag) + hint, true
		}
	}
	return "", false
}

// fallbackKey is the sentence shown for an error of code that no
// pattern words.
func fallbackKey(code string) string {
	switch code {
	case errcode.ParseFailed:
		return "graphql.parse_failed"
	default:
		return "graphql.validation_failed"
	}
}

// variablePath names a variable and the field within it: $input.email.
func variablePath(path ast.Path) string {
	var b strings.Builder
	b.WriteByte('$')
	for i, p := range path[1:] {
		switch p := p.(type) {
		case ast.PathName:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(p))
		case ast.PathIndex:
			b.WriteString("[" + strconv.Itoa(int(p)) + "]")
		}
	}
	return b.String()
}

// orList joins the suggested names: « a », « b » ou « c ».
func orList(tag language.Tag, names [][]string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = i18n.T("graphql.quoted", n[1]).In(tag)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	last := len(quoted) - 1
	return strings.Join(quoted[:last], ", ") + " " + i18n.T("graphql.or").In(tag) + " " + quoted[last]
}

// tokens words the parser's token names (Name, <EOF>, a punctuator) and
// leaves the other arguments, which are the document's own names.
func tokens(args []string) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = token(a)
	}
	return out
}

// tokenWithValue is a lexer token shown with its text: Name "foo".
var tokenWithValue = regexp.MustCompile(`^(Name|String|BlockString|Int|Float) "(.*)"$`)

func token(a string) any {
	switch a {
	case "Name", "<EOF>", "String", "BlockString", "Int", "Float":
		return i18n.T("graphql.token." + strings.Trim(strings.ToLower(a), "<>"))
	}
	if m := tokenWithValue.FindStringSubmatch(a); m != nil {
		return i18n.T("graphql.token."+strings.ToLower(m[1])+"_value", m[2])
	}
	return strings.Trim(a, `"`)
}

// kinds words the Go kinds gqlparser names when a variable's value has
// the wrong shape (string, bool, float64, map…).
func kinds(args []string) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch a {
		case "string", "bool", "map", "slice", "float64", "int", "int64", "float32":
			out[i] = i18n.T("graphql.kind." + a)
		default:
			out[i] = a
		}
	}
	return out
}
