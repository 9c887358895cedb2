package letter_test

import (
	"errors"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
)

// templateFiles lists the shipped template files, sorted.
func templateFiles(t testing.TB, m fstest.MapFS) []string {
	t.Helper()
	var names []string
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// FuzzCheckTemplates replaces one shipped template file (a locale, the
// action's YAML, or a letter text) with arbitrary bytes and runs the same
// check as `ualetters check-templates`. It must not panic; every problem
// names a file of the set and a line inside it; and LoadCatalogue fails
// exactly when problems are reported.
func FuzzCheckTemplates(f *testing.F) {
	base := copyFS(f)
	names := templateFiles(f, base)
	for i, name := range names {
		data := base[name].Data
		f.Add(uint8(i), data)
		f.Add(uint8(i), data[:len(data)/2])
		f.Add(uint8(i), []byte(strings.Replace(string(data), ":", ": [", 1)))
	}
	f.Add(uint8(0), []byte("a: &x [*x, *x]\nb: *x\n"))
	f.Add(uint8(1), []byte("{{name}} {{#x}} {{/y}} {{"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		name := names[int(which)%len(names)]
		m[name] = &fstest.MapFile{Data: data}
		problems := letter.CheckTemplates(m)
		for _, p := range problems {
			checkProblem(t, m, p)
		}
		_, err := letter.LoadCatalogue(m)
		if (err != nil) != (len(problems) > 0) {
			t.Fatalf("%s: LoadCatalogue error %v, but %d problem(s)", name, err, len(problems))
		}
	})
}

func checkProblem(t *testing.T, m fstest.MapFS, p letter.Problem) {
	t.Helper()
	if p.Msg == "" {
		t.Fatalf("problem without a message: %+v", p)
	}
	if p.File == "" {
		return
	}
	if fi, err := fs.Stat(m, p.File); err != nil || fi.IsDir() {
		return // a file that should exist and does not, or a directory
	}
	data, err := fs.ReadFile(m, p.File)
	if err != nil {
		t.Fatalf("problem names unreadable %s: %v", p.File, err)
	}
	if lines := strings.Count(string(data), "\n") + 1; p.Line < 0 || p.Line > lines {
		t.Fatalf("%s: line %d of %d", p.File, p.Line, lines)
	}
}

var fuzzGenders = []letter.Gender{"", letter.Female, letter.Male, letter.Unspecified, "x"}

// FuzzCompose composes the UA 109/23 letter with arbitrary signer values
// and own words in every language. It must not panic; it fails only with a
// *ValidationError or a *CoverageError; and a composed letter holds the
// signer's name, and every word of the own words, as typed (after NFC).
func FuzzCompose(f *testing.F) {
	for i, s := range []string{"Amina Rahimi", "امینہ رحیمی", "a\n", "\u202Eabc", "x\uFFFF", "ڪ۽", "王", "\t\t", "Mallory\r\n\r\nEve"} {
		f.Add(uint8(i), uint8(i), s, "Lahore\nPunjab", s+"\n\n"+s, "")
	}
	f.Add(uint8(3), uint8(1), "Ali", "", strings.Repeat("a\n", 300), "2023-02-29")
	cat := catalogue(f)
	f.Fuzz(func(t *testing.T, li, gi uint8, name, address, body, date string) {
		req := letter.Request{ActionID: "109-23", Lang: allLangs[int(li)%len(allLangs)], Date: date, Body: body,
			Signer: letter.Signer{Name: name, Address: []string{address}, City: address, Gender: fuzzGenders[int(gi)%len(fuzzGenders)]}}
		doc, err := cat.Compose(req, now)
		if err != nil {
			var (
				ve *letter.ValidationError
				ce *letter.CoverageError
			)
			if !errors.As(err, &ve) && !errors.As(err, &ce) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		all := documentText(doc)
		if n := squash(norm.NFC.String(name)); !strings.Contains(all, n) {
			t.Fatalf("the name %q is not in the letter", name)
		}
		for _, w := range strings.Fields(norm.NFC.String(body)) {
			if w = squash(w); w != "" && !strings.Contains(all, w) {
				t.Fatalf("own word %q is not in the letter", w)
			}
		}
	})
}

// documentText joins every run of doc, without spaces and ignorable
// characters, so words can be looked up whatever the line breaking.
func documentText(doc *letter.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		for _, l := range bl.Lines {
			b.WriteString(squash(l.Text()))
		}
	}
	return b.String()
}

// squash drops white space and characters that need no glyph.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || fonts.Ignorable(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
