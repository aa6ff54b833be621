package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// keyShape is what a literal that names a message looks like.
var keyShape = regexp.MustCompile(`^[a-z_]+\.[A-Za-z_.]*[A-Za-z_]$`)

// TestEveryMessageIsACatalogueKey scans the module's code: a message given
// to apierror.New or i18n.T is a literal key of the catalogue (not an
// English or French sentence), or a parameter of a wrapper whose callers
// give one; and every literal shaped like a key of one of the catalogue's
// areas ("ws.…", "net.…") is in the catalogue.
func TestEveryMessageIsACatalogueKey(t *testing.T) {
	areas := map[string]bool{}
	for key := range fr {
		areas[key[:strings.Index(key, ".")]] = true
	}
	root := filepath.Join("..", "..", "..")
	fset := token.NewFileSet()
	packages := map[string][]*ast.File{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if (rel != "." && strings.HasPrefix(d.Name(), ".")) || (strings.HasPrefix(rel, "ent"+string(filepath.Separator)) && rel != filepath.Join("ent", "schema")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "generated.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		packages[filepath.Dir(path)] = append(packages[filepath.Dir(path)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, files := range packages {
		wrappers := map[string]int{} // function name → index of its key parameter
		type call struct {
			at   token.Pos
			name string
			args []ast.Expr
		}
		var local []call
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					if keyShape.MatchString(s) && areas[s[:strings.Index(s, ".")]] && !Has(s) {
						t.Errorf("%s: %q is not a key of the catalogue", fset.Position(lit.Pos()), s)
					}
				}
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch fn := c.Fun.(type) {
				case *ast.Ident:
					local = append(local, call{c.Pos(), fn.Name, c.Args})
				case *ast.SelectorExpr:
					pkg, _ := fn.X.(*ast.Ident)
					switch {
					case pkg != nil && pkg.Name == "apierror" && fn.Sel.Name == "New":
						calls++
						checkKey(t, fset, f, c, c.Args[1], wrappers)
					case pkg != nil && pkg.Name == "i18n" && fn.Sel.Name == "T":
						if _, concat := c.Args[0].(*ast.BinaryExpr); !concat {
							checkKey(t, fset, f, c, c.Args[0], wrappers)
						}
					}
				}
				return true
			})
		}
		for _, c := range local {
			if i, ok := wrappers[c.name]; ok && i < len(c.args) {
				lit, ok := c.args[i].(*ast.BasicLit)
				if !ok {
					t.Errorf("%s: %s takes a message key: give a literal key", fset.Position(c.at), c.name)
					continue
				}
				if s, _ := strconv.Unquote(lit.Value); !Has(s) {
					t.Errorf("%s: %q is not a key of the catalogue", fset.Position(c.at), s)
				}
			}
		}
	}
	if calls < 100 {
		t.Fatalf("found only %d calls of apierror.New: is the scan looking at the module?", calls)
	}
}

// checkKey checks the message argument arg of call c: a literal key, a
// parameter of the enclosing function (recorded in wrappers, whose
// callers are checked), or an expression that computes a key (a field,
// a call) whose literals the key-shape rule checks.
func checkKey(t *testing.T, fset *token.FileSet, f *ast.File, c *ast.CallExpr, arg ast.Expr, wrappers map[string]int) {
	t.Helper()
	switch a := arg.(type) {
	case *ast.BasicLit:
		if s, _ := strconv.Unquote(a.Value); !Has(s) {
			t.Errorf("%s: %q is not a key of the catalogue", fset.Position(a.Pos()), s)
		}
	case *ast.Ident:
		name, i := enclosingParam(f, c.Pos(), a.Name)
		if i < 0 {
			t.Errorf("%s: message %s is neither a literal key nor a parameter", fset.Position(a.Pos()), a.Name)
			return
		}
		wrappers[name] = i
	case *ast.SelectorExpr, *ast.CallExpr:
	default:
		t.Errorf("%s: a message is a key of the catalogue", fset.Position(arg.Pos()))
	}
}

// enclosingParam finds the innermost function around pos that has a
// parameter called param: its name (a declared function, or the variable
// a literal is assigned to) and the parameter's index, or -1.
func enclosingParam(f *ast.File, pos token.Pos, param string) (string, int) {
	name, index := "", -1
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return n == nil
		}
		var fields *ast.FieldList
		var fname string
		switch fn := n.(type) {
		case *ast.FuncDecl:
			fields, fname = fn.Type.Params, fn.Name.Name
		case *ast.AssignStmt:
			if lit, ok := fn.Rhs[0].(*ast.FuncLit); ok {
				if id, ok := fn.Lhs[0].(*ast.Ident); ok {
					fields, fname = lit.Type.Params, id.Name
				}
			}
		}
		if fields != nil {
			i := 0
			for _, field := range fields.List {
				for _, id := range field.Names {
					if id.Name == param {
						name, index = fname, i
					}
					i++
				}
			}
		}
		return true
	})
	return name, index
}
