package fonts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// sharedState lists the package-level variables of fonts and render/...
// that hold state shared across requests and are allowed to: the font
// registry, and what is not per font.
var sharedState = map[string]string{
	"fonts.reg":       "the font registry: every per-font cache",
	"hyphen.loadOnce": "the hyphenation dictionaries, one per language (their memos are on /metrics as hyphen_memo)",
	"pdf.srgbICC":     "the one sRGB output profile, built once",
}

// TestRegistryOnlyHolder keeps the font registry the only holder of
// per-font caches: it lists, with go/parser, every package-level variable
// of fonts and render/... that can hold a cache (one whose type or
// initialiser uses sync (but sync.Pool), sync/atomic or internal/lru, or that a function
// assigns to, by index or as a whole) and fails on any not in
// sharedState. A renderer that needs a per-font cache adds it to the
// registry (Cache, Value, Glyph) instead.
func TestRegistryOnlyHolder(t *testing.T) {
	found := map[string]bool{}
	for _, dir := range packageDirs(t, ".", "../render") {
		for _, name := range cacheGlobals(t, dir) {
			found[name] = true
		}
	}
	var names []string
	for name := range found {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, ok := sharedState[name]; !ok {
			t.Errorf("%s is a package-level cache: per-font data belongs in the font registry (fonts.Value, fonts.Glyph); other shared state goes in sharedState with a reason", name)
		}
	}
	for name := range sharedState {
		if !found[name] {
			t.Errorf("sharedState lists %s, which no longer exists", name)
		}
	}
}

// packageDirs lists the directories under roots that hold Go files.
func packageDirs(t *testing.T, roots ...string) []string {
	t.Helper()
	var dirs []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() && (root == "." && path != ".") {
				return filepath.SkipDir // fonts has no subpackages of its own
			}
			if d.IsDir() {
				dirs = append(dirs, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dirs
}

// cacheGlobals returns "pkg.var" for each package-level variable of the
// package in dir (tests left out) that can hold a cache.
func cacheGlobals(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	pkgs := map[string][]*ast.File{} // package name -> its files
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		pkgs[f.Name.Name] = append(pkgs[f.Name.Name], f)
	}
	var out []string
	for name, files := range pkgs {
		globals := map[string]bool{} // name -> uses a cache type
		top := map[*ast.ValueSpec]bool{}
		for _, f := range files {
			for _, decl := range f.Decls {
				if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, spec := range g.Specs {
						vs := spec.(*ast.ValueSpec)
						top[vs] = true
						for _, id := range vs.Names {
							globals[id.Name] = globals[id.Name] || usesCacheType(vs)
						}
					}
				}
			}
		}
		written := writtenGlobals(files, globals, top)
		for g, typed := range globals {
			if g != "_" && (typed || written[g]) {
				out = append(out, name+"."+g)
			}
		}
	}
	return out
}

// usesCacheType reports whether a variable's type or initialiser names
// anything from sync, sync/atomic or internal/lru, sync.Pool excepted: a
// pool is scratch space the garbage collector empties, not a cache.
func usesCacheType(vs *ast.ValueSpec) bool {
	exprs := append([]ast.Expr{vs.Type}, vs.Values...)
	found := false
	for _, e := range exprs {
		if e == nil {
			continue
		}
		ast.Inspect(e, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false // what a function literal uses inside is not the variable's type
			}
			if sel, ok := n.(*ast.SelectorExpr); ok {
				x, ok := sel.X.(*ast.Ident)
				pool := ok && x.Name == "sync" && sel.Sel.Name == "Pool"
				if ok && !pool && (x.Name == "sync" || x.Name == "atomic" || x.Name == "lru") {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// writtenGlobals returns the package-level variables a function assigns
// to, as a whole or by index, or deletes from or clears. A local variable
// of the same name counts too: rename it rather than allow a cache.
func writtenGlobals(files []*ast.File, globals map[string]bool, top map[*ast.ValueSpec]bool) map[string]bool {
	written := map[string]bool{}
	mark := func(e ast.Expr) {
		for {
			switch x := e.(type) {
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.SelectorExpr:
				e = x.X
				continue
			case *ast.Ident:
				if _, ok := globals[x.Name]; ok && !isLocal(x, top) {
					written[x.Name] = true
				}
			}
			return
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch s := n.(type) {
				case *ast.AssignStmt:
					for _, l := range s.Lhs {
						mark(l)
					}
				case *ast.IncDecStmt:
					mark(s.X)
				case *ast.CallExpr:
					if id, ok := s.Fun.(*ast.Ident); ok && (id.Name == "delete" || id.Name == "clear") && len(s.Args) > 0 {
						mark(s.Args[0])
					}
				}
				return true
			})
		}
	}
	return written
}

// isLocal reports whether the parser resolved an identifier to a
// declaration inside a function (a parameter or local variable).
func isLocal(id *ast.Ident, top map[*ast.ValueSpec]bool) bool {
	if id.Obj == nil {
		return false // unresolved: a package-level name from another file
	}
	vs, ok := id.Obj.Decl.(*ast.ValueSpec)
	if !ok {
		return true // a parameter, result, := or range variable
	}
	return !top[vs]
}
