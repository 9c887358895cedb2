package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/ualetters/ualetters/fonts"
)

// drawn is a glyph as a PDF reader places it.
type drawn struct {
	font      string
	cid       uint16 // the glyph id in the name of a glyph's form XObject
	x, y      float64
	invisible bool
	form      bool // drawn as a path (a glyph form XObject), not text
}

// formGlyph matches a glyph form's resource name: font id, glyph id.
var formGlyph = regexp.MustCompile(`^/G(\d+)\.(\d+)$`)

// glyphFormData returns the decoded content of every glyph form, by
// resource name, from the file's resource dictionary.
func glyphFormData(t *testing.T, b []byte) map[string][]byte {
	objs := objects(t, b)
	out := map[string][]byte{}
	for _, obj := range objs {
		if !bytes.HasPrefix(obj, []byte("<</Font<<")) {
			continue
		}
		for _, m := range regexp.MustCompile(`(/G\d+\.\d+) (\d+) 0 R`).FindAllSubmatch(obj, -1) {
			n, _ := strconv.Atoi(string(m[2]))
			out[string(m[1])] = streamData(t, objs[n])
		}
	}
	return out
}

// fontWidths reads each font resource's /W array from the file.
func fontWidths(t *testing.T, b []byte) map[string][]float64 {
	objs := objects(t, b)
	res := regexp.MustCompile(`(/[FT]\d+) (\d+) 0 R`).FindAllSubmatch(objs[5], -1)
	out := map[string][]float64{}
	for _, m := range res {
		n, _ := strconv.Atoi(string(m[2]))
		desc := regexp.MustCompile(`/DescendantFonts\[(\d+) 0 R\]`).FindSubmatch(objs[n])
		d, _ := strconv.Atoi(string(desc[1]))
		w := regexp.MustCompile(`/W\[1\[([^\]]*)\]\]`).FindSubmatch(objs[d])
		if w == nil {
			if !bytes.HasPrefix(m[1], []byte("/T")) || !bytes.Contains(objs[d], []byte("/DW ")) {
				t.Fatalf("font %s: no /W array", m[1])
			}
			continue // a text-layer font: every code draws the blank glyph
		}
		widths := []float64{0}
		for _, f := range bytes.Fields(w[1]) {
			v, err := strconv.ParseFloat(string(f), 64)
			if err != nil {
				t.Fatal(err)
			}
			widths = append(widths, v)
		}
		out[string(m[1])] = widths
	}
	return out
}

// interpret runs the text operators of a content stream and returns the
// glyphs it draws, in order. It knows the operators the writer uses.
func interpret(t *testing.T, content []byte, widths map[string][]float64) []drawn {
	var (
		out             []drawn
		stack           []string
		lx, ly, x, size float64
		rise, tz        = 0.0, 100.0
		font            string
		tr              int
		dict            int
		ctm             = [6]float64{1, 0, 0, 1, 0, 0}
		saved           [][6]float64
	)
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("bad number %q", s)
		}
		return v
	}
	show := func(hex string) {
		for i := 0; i+4 <= len(hex); i += 4 {
			v, _ := strconv.ParseUint(hex[i:i+4], 16, 16)
			cid := uint16(v)
			// The text layer draws only the blank glyph.
			out = append(out, drawn{font, cid, x, ly + rise, tr == 3 || strings.HasPrefix(font, "/T"), false})
			w := 500.0
			if ws := widths[font]; ws != nil {
				w = ws[cid]
			}
			x += w * size / 1000 * tz / 100
		}
	}
	for _, tok := range tokens(content) {
		switch {
		case tok == "<<":
			dict++
			continue
		case tok == ">>":
			dict--
			continue
		case dict > 0:
			continue
		}
		switch tok {
		case "q":
			saved = append(saved, ctm)
		case "Q":
			ctm, saved = saved[len(saved)-1], saved[:len(saved)-1]
		case "cm":
			var m [6]float64
			for i := range m {
				m[i] = num(stack[i])
			}
			ctm = [6]float64{m[0]*ctm[0] + m[1]*ctm[2], m[0]*ctm[1] + m[1]*ctm[3],
				m[2]*ctm[0] + m[3]*ctm[2], m[2]*ctm[1] + m[3]*ctm[3],
				m[4]*ctm[0] + m[5]*ctm[2] + ctm[4], m[4]*ctm[1] + m[5]*ctm[3] + ctm[5]}
		case "Do":
			g := formGlyph.FindStringSubmatch(stack[0])
			if g == nil {
				t.Fatalf("XObject %s is not a glyph form", stack[0])
			}
			gid, _ := strconv.Atoi(g[2])
			out = append(out, drawn{"/F" + g[1], uint16(gid), ctm[4], ctm[5], false, true})
		case "BT":
			lx, ly, x = 0, 0, 0
		case "Td":
			lx += num(stack[0])
			ly += num(stack[1])
			x = lx
		case "Tm":
			lx, ly = num(stack[4]), num(stack[5])
			x = lx
		case "Tf":
			font, size = stack[0], num(stack[1])
		case "Ts":
			rise = num(stack[0])
		case "Tz":
			tz = num(stack[0])
		case "Tr":
			tr = int(num(stack[0]))
		case "Tj":
			show(stack[0][1 : len(stack[0])-1])
		case "TJ":
			for _, e := range stack {
				if e[0] == '<' {
					show(e[1 : len(e)-1])
				} else if e != "[" && e != "]" {
					x -= num(e) / 1000 * size * tz / 100
				}
			}
		default:
			if isOperand(tok) {
				stack = append(stack, tok)
				continue
			}
		}
		stack = stack[:0]
	}
	return out
}

func isOperand(tok string) bool {
	c := tok[0]
	return c == '/' || c == '<' || c == '[' || c == ']' || c == '(' || c == '-' || c == '.' || (c >= '0' && c <= '9')
}

// tokens splits a content stream into operands and operators.
func tokens(b []byte) []string {
	var out []string
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r':
			i++
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			out = append(out, string(b[i:i+2]))
			i += 2
		case c == '[' || c == ']':
			out = append(out, string(c))
			i++
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			out = append(out, string(b[i:i+j+1]))
			i += j + 1
		case c == '(':
			j := bytes.IndexByte(b[i:], ')')
			out = append(out, string(b[i:i+j+1]))
			i += j + 1
		default:
			j := i + 1
			for j < len(b) && !bytes.ContainsRune([]byte(" \n\r[]<>()/"), rune(b[j])) {
				j++
			}
			out = append(out, string(b[i:j]))
			i = j
		}
	}
	return out
}

// TestGlyphPositions reads the PDF's content streams back and requires
// every visible glyph where the display list puts it (within 0.01 pt),
// with consistent glyph numbering and widths equal to the font's advances.
func TestGlyphPositions(t *testing.T) {
	for name, doc := range letters(t) {
		b := render(t, doc)
		widths := fontWidths(t, b)
		pages := contents(t, b)
		if len(pages) != len(doc.Pages) {
			t.Fatalf("%s: %d content streams for %d pages", name, len(pages), len(doc.Pages))
		}
		cidOf := map[string]uint16{}
		forms := glyphFormData(t, b)
		modes := runModes(doc)
		checked := 0
		for p, page := range doc.Pages {
			var visible []drawn
			for _, d := range interpret(t, pages[p], widths) {
				if !d.invisible {
					visible = append(visible, d)
				}
			}
			i := 0
			for ri, r := range page.Runs {
				for _, g := range r.Glyphs {
					if modes[p][ri] != speaking && glyphOutline(r.Font, g.ID).empty() {
						continue // a silent glyph without outline is not drawn
					}
					if i >= len(visible) {
						t.Fatalf("%s page %d: only %d glyphs drawn", name, p+1, len(visible))
					}
					d := visible[i]
					i++
					wantY := page.Paper.Height - g.Y
					if math.Abs(d.x-g.X) > 0.01 || math.Abs(d.y-wantY) > 0.01 {
						t.Errorf("%s page %d glyph %d (gid %d): at (%.4f, %.4f), want (%.4f, %.4f)",
							name, p+1, i, g.ID, d.x, d.y, g.X, wantY)
					}
					// speaking glyphs are text, one code per glyph; silent
					// ones are the glyph's form
					key := fmt.Sprint(r.Font, "/", g.ID, "/", modes[p][ri] == speaking)
					if c, ok := cidOf[key]; ok && c != d.cid {
						t.Errorf("%s: glyph %s drawn as CID %d and %d", name, key, c, d.cid)
					}
					cidOf[key] = d.cid
					if d.form != (modes[p][ri] != speaking) {
						t.Errorf("%s page %d glyph %d (gid %d, mode %d): drawn as form %v", name, p+1, i, g.ID, modes[p][ri], d.form)
					}
					// a form is named after its glyph and draws its outline
					// (glyphs of one outline share the object)
					if fn := fmt.Sprintf("/G%d.%d", r.Font, d.cid); d.form && (d.cid != g.ID || !bytes.Equal(forms[fn], inflate(t, glyphOutline(r.Font, g.ID).z))) {
						t.Errorf("%s page %d glyph %d (gid %d): form %s is not its outline", name, p+1, i, g.ID, fn)
					}
					if !d.form {
						checkWidth(t, r.Font, g.ID, widths["/F"+strconv.Itoa(int(r.Font))][d.cid])
					}
					checked++
				}
			}
			if i != len(visible) {
				t.Errorf("%s page %d: %d glyphs drawn, display list has %d", name, p+1, len(visible), i)
			}
		}
		t.Logf("%s: %d glyph positions checked", name, checked)
	}
}

var faces = map[fonts.ID]*font.Face{}

func checkWidth(t *testing.T, id fonts.ID, gid uint16, w float64) {
	t.Helper()
	f := faces[id]
	if f == nil {
		f = id.NewFace()
		faces[id] = f
	}
	want := float64(f.HorizontalAdvance(font.GID(gid))) * 1000 / id.Upem()
	if math.Abs(want-w) > 0.005 {
		t.Errorf("%s glyph %d: /W width %v, font advance %v", id, gid, w, want)
	}
}

// inflate decompresses a zlib stream.
func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
