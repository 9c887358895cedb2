package catalogue

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one error found in the template files.
type Problem struct {
	File string // path inside the templates file system
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string
}

// String formats the problem as "file:line: problem".
func (p Problem) String() string {
	if p.Line <= 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// TemplateError is returned by Load when the templates have
// problems; it lists every one of them.
type TemplateError struct {
	Problems []Problem
}

func (e *TemplateError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("templates: %d problem(s):\n%s", len(lines), strings.Join(lines, "\n"))
}

// problems collects Problems while loading.
type problems struct {
	list []Problem
}

func (ps *problems) add(file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// sorted returns the problems ordered by file and line, for stable output.
func (ps *problems) sorted() []Problem {
	out := append([]Problem(nil), ps.list...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}
