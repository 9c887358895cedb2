package catalogue

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"
)

// text is a string read from a template file, with where it came from so
// that problems inside it can name the exact line.
type text struct {
	Value string
	File  string
	Line  int  // line of the value's first character
	block bool // literal or folded block: content starts on the next line
}

// lineOf returns the file line of the byte offset off inside the value.
func (t text) lineOf(off int) int {
	n := strings.Count(t.Value[:min(off, len(t.Value))], "\n")
	if t.block {
		return t.Line + 1 + n
	}
	return t.Line + n
}

// yamlFile reads and parses one YAML file into its top-level mapping.
func yamlFile(fsys fs.FS, name string, ps *problems) (*mapping, bool) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		ps.add(name, 0, "cannot read: %v", err)
		return nil, false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		ps.add(name, yamlErrorLine(err), "bad YAML: %s", yamlErrorText(err))
		return nil, false
	}
	if len(doc.Content) == 0 {
		ps.add(name, 0, "file is empty")
		return nil, false
	}
	return newMapping(name, doc.Content[0], ps)
}

// yamlErrorLine extracts the line number yaml.v3 puts in its messages
// ("yaml: line 7: ...").
func yamlErrorLine(err error) int {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	var line int
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i+5:], "%d", &line)
	}
	return line
}

// yamlErrorText strips the "yaml: line N:" prefix, which Problem repeats.
func yamlErrorText(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	return msg
}

// mapping is a YAML mapping node with its keys indexed.
type mapping struct {
	file string
	node *yaml.Node
	keys map[string]*yaml.Node
	line map[string]int // line of each key
	skip []string       // keys already reported (retired)
	ps   *problems
}

func newMapping(file string, n *yaml.Node, ps *problems) (*mapping, bool) {
	if n.Kind != yaml.MappingNode {
		ps.add(file, n.Line, "expected a mapping (key: value)")
		return nil, false
	}
	m := &mapping{file: file, node: n, keys: map[string]*yaml.Node{}, line: map[string]int{}, ps: ps}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if _, dup := m.keys[k.Value]; dup {
			ps.add(file, k.Line, "duplicate key %q", k.Value)
		}
		m.keys[k.Value] = n.Content[i+1]
		m.line[k.Value] = k.Line
	}
	return m, true
}

// retired reports keys that files no longer hold, saying where the value
// comes from now, and removes them so that allow does not report them
// again.
func retired(m *mapping, keys ...string) {
	for _, k := range keys {
		if _, ok := m.keys[k]; ok {
			m.ps.add(m.file, m.line[k], "%q is no longer set here: direction and script font come from the language (package fonts); remove it", k)
			m.skip = append(m.skip, k)
		}
	}
}

// allow reports every key not in the allowed list.
func (m *mapping) allow(allowed ...string) {
	for i := 0; i+1 < len(m.node.Content); i += 2 {
		k := m.node.Content[i]
		found := false
		for _, a := range append(allowed, m.skip...) {
			found = found || a == k.Value
		}
		if !found {
			m.ps.add(m.file, k.Line, "unknown key %q (allowed: %s)", k.Value, strings.Join(allowed, ", "))
		}
	}
}

// str reads a scalar value; a missing required key is a problem.
func (m *mapping) str(key string, required bool) text {
	n, ok := m.keys[key]
	if !ok {
		if required {
			m.ps.add(m.file, m.node.Line, "missing %q", key)
		}
		return text{File: m.file, Line: m.node.Line}
	}
	return m.scalar(key, n)
}

func (m *mapping) scalar(what string, n *yaml.Node) text {
	if n.Kind != yaml.ScalarNode {
		m.ps.add(m.file, n.Line, "%s: expected a text value", what)
		return text{File: m.file, Line: n.Line}
	}
	block := n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	return text{Value: n.Value, File: m.file, Line: n.Line, block: block}
}

// list reads a sequence of scalars.
func (m *mapping) list(key string, required bool) []text {
	n, ok := m.keys[key]
	if !ok {
		if required {
			m.ps.add(m.file, m.node.Line, "missing %q", key)
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		m.ps.add(m.file, n.Line, "%s: expected a list", key)
		return nil
	}
	out := make([]text, 0, len(n.Content))
	for _, c := range n.Content {
		out = append(out, m.scalar(key, c))
	}
	return out
}

// sub reads a nested mapping.
func (m *mapping) sub(key string, required bool) *mapping {
	n, ok := m.keys[key]
	if !ok {
		if required {
			m.ps.add(m.file, m.node.Line, "missing %q", key)
		}
		return nil
	}
	sm, ok := newMapping(m.file, n, m.ps)
	if !ok {
		return nil
	}
	return sm
}

// texts reads a mapping of scalars (such as a value per language).
func (m *mapping) texts(key string, required bool) (map[string]text, int) {
	sm := m.sub(key, required)
	if sm == nil {
		return nil, m.node.Line
	}
	keyLine := m.line[key]
	out := map[string]text{}
	for i := 0; i+1 < len(sm.node.Content); i += 2 {
		k := sm.node.Content[i].Value
		out[k] = sm.scalar(key+"."+k, sm.node.Content[i+1])
	}
	return out, keyLine
}

// seqOfMappings reads a list of mappings.
func (m *mapping) seqOfMappings(key string) []*mapping {
	n, ok := m.keys[key]
	if !ok {
		m.ps.add(m.file, m.node.Line, "missing %q", key)
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		m.ps.add(m.file, n.Line, "%s: expected a list", key)
		return nil
	}
	var out []*mapping
	for _, c := range n.Content {
		if sm, ok := newMapping(m.file, c, m.ps); ok {
			out = append(out, sm)
		}
	}
	return out
}
