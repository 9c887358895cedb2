package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
)

// node is a parsed XML element with its namespace-resolved name.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// walk calls f for n and every descendant, depth first.
func (n *node) walk(f func(*node)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// all returns every descendant (or n itself) with the local name.
func (n *node) all(local string) []*node {
	var out []*node
	n.walk(func(c *node) {
		if c.XMLName.Local == local {
			out = append(out, c)
		}
	})
	return out
}

func (n *node) child(local string) *node {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			return &n.Nodes[i]
		}
	}
	return nil
}

// pkg is an unpacked .docx.
type pkg struct {
	order []string
	files map[string][]byte
}

func unpack(t *testing.T, data []byte) *pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	p := &pkg{files: map[string][]byte{}}
	for _, f := range zr.File {
		if f.Modified.Year() != 1980 || f.Modified.Month() != 1 || f.Modified.Day() != 1 {
			t.Errorf("%s: timestamp %v, want 1980-01-01", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc) // checks the CRC too
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		p.order = append(p.order, f.Name)
		p.files[f.Name] = b
	}
	return p
}

// parse parses a part strictly as XML.
func (p *pkg) parse(t *testing.T, name string) *node {
	t.Helper()
	b, ok := p.files[name]
	if !ok {
		t.Fatalf("missing part %s", name)
	}
	var n node
	if err := xml.Unmarshal(b, &n); err != nil {
		t.Fatalf("%s is not well-formed XML: %v", name, err)
	}
	return &n
}

// rels returns a part's relationships as id → resolved target part name.
func (p *pkg) rels(t *testing.T, source string) map[string]string {
	t.Helper()
	dir, file := path.Split(source)
	relsName := dir + "_rels/" + file + ".rels"
	out := map[string]string{}
	for _, r := range p.parse(t, relsName).all("Relationship") {
		out[r.attr("Id")] = path.Join(dir, r.attr("Target"))
	}
	return out
}

func render(t testing.TB, lang string) []byte {
	t.Helper()
	b, err := Render(sampleDoc(lang), Options{})
	if err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	return b
}

var langs = []string{"en", "fr", "de", "ur", "sd", "bal", "pnb"}

func TestPackageStructure(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			p := unpack(t, render(t, lang))
			if p.order[0] != "[Content_Types].xml" {
				t.Errorf("first entry %s, want [Content_Types].xml", p.order[0])
			}
			for name := range p.files {
				if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
					p.parse(t, name)
				}
			}
			checkContentTypes(t, p)
			checkRelationships(t, p)
			checkFonts(t, p)
		})
	}
}

// checkContentTypes: every part has a content type, every override a part.
func checkContentTypes(t *testing.T, p *pkg) {
	ct := p.parse(t, "[Content_Types].xml")
	defaults, overrides := map[string]string{}, map[string]string{}
	for _, d := range ct.all("Default") {
		defaults[d.attr("Extension")] = d.attr("ContentType")
	}
	for _, o := range ct.all("Override") {
		overrides[o.attr("PartName")] = o.attr("ContentType")
		if _, ok := p.files[strings.TrimPrefix(o.attr("PartName"), "/")]; !ok {
			t.Errorf("override for missing part %s", o.attr("PartName"))
		}
	}
	for name := range p.files {
		if name == "[Content_Types].xml" {
			continue
		}
		if _, ok := overrides["/"+name]; ok {
			continue
		}
		if _, ok := defaults[strings.TrimPrefix(path.Ext(name), ".")]; !ok {
			t.Errorf("part %s has no content type", name)
		}
	}
	if got := overrides["/word/document.xml"]; !strings.HasSuffix(got, "document.main+xml") {
		t.Errorf("document.xml content type %q", got)
	}
	if defaults["odttf"] != ctFont {
		t.Errorf("odttf content type %q", defaults["odttf"])
	}
}

// checkRelationships: every target exists and every r:id used resolves.
func checkRelationships(t *testing.T, p *pkg) {
	for name := range p.files {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		dir := path.Dir(path.Dir(name)) // "word/_rels/x.rels" → "word"
		if dir == "." {
			dir = ""
		}
		for _, r := range p.parse(t, name).all("Relationship") {
			target := path.Join(dir, r.attr("Target"))
			if _, ok := p.files[target]; !ok {
				t.Errorf("%s: %s → %s does not exist", name, r.attr("Id"), target)
			}
		}
	}
	if got := p.rels(t, "")["rId1"]; got != "word/document.xml" {
		t.Errorf("package officeDocument → %q", got)
	}
	for _, source := range []string{"word/document.xml", "word/fontTable.xml"} {
		rels := p.rels(t, source)
		p.parse(t, source).walk(func(n *node) {
			for _, a := range n.Attrs {
				if a.Name.Space == nsR && a.Name.Local == "id" {
					if _, ok := rels[a.Value]; !ok {
						t.Errorf("%s: r:id %q has no relationship", source, a.Value)
					}
				}
			}
		})
	}
	doc := p.rels(t, "word/document.xml")
	for _, want := range []string{"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/numbering.xml", "word/header1.xml", "word/footer1.xml"} {
		found := false
		for _, target := range doc {
			found = found || target == want
		}
		if !found {
			t.Errorf("document has no relationship to %s", want)
		}
	}
}

// checkFonts: each embedded font de-obfuscates with its key to the bundled
// font of its family and face.
func checkFonts(t *testing.T, p *pkg) {
	rels := p.rels(t, "word/fontTable.xml")
	embeds := 0
	for _, f := range p.parse(t, "word/fontTable.xml").all("font") {
		for _, e := range f.Nodes {
			if !strings.HasPrefix(e.XMLName.Local, "embed") {
				continue
			}
			embeds++
			key := e.attr("fontKey")
			if key != strings.ToUpper(key) || len(key) != 38 {
				t.Errorf("font key %q is not an upper-case braced GUID", key)
			}
			data := p.files[rels[e.attr("id")]]
			plain, err := obfuscate(data, key)
			if err != nil {
				t.Fatal(err)
			}
			id := faceFor(t, f.attr("name"), e.XMLName.Local)
			want, err := embeddingBytes(id)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(plain, want) {
				t.Errorf("%s %s does not de-obfuscate to %s", f.attr("name"), e.XMLName.Local, id.FileName())
			}
			if bytes.Equal(data[:32], id.Bytes()[:32]) {
				t.Errorf("%s is not obfuscated", id.FileName())
			}
		}
	}
	var parts int
	for name := range p.files {
		if strings.HasSuffix(name, ".odttf") {
			parts++
		}
	}
	if embeds == 0 || embeds != parts {
		t.Errorf("%d embedded faces in fontTable, %d font parts", embeds, parts)
	}
	if len(p.parse(t, "word/settings.xml").all("embedTrueTypeFonts")) != 1 {
		t.Error("settings lack w:embedTrueTypeFonts")
	}
}

func faceFor(t *testing.T, family, embed string) fonts.ID {
	for _, id := range fonts.All() {
		if id.Family() == family && embedElement(id) == "w:"+embed {
			return id
		}
	}
	t.Fatalf("no bundled font for %s %s", family, embed)
	return 0
}

func TestEmbeddedFontsPerLanguage(t *testing.T) {
	want := map[string][]string{
		"en":  {"Noto Sans embedRegular", "Noto Sans embedBold"},
		"ur":  {"Noto Nastaliq Urdu embedRegular", "Noto Nastaliq Urdu embedBold", "Noto Sans embedRegular", "Noto Sans embedBold"},
		"pnb": {"Noto Nastaliq Urdu embedRegular", "Noto Nastaliq Urdu embedBold", "Noto Sans embedRegular", "Noto Sans embedBold"},
		"sd":  {"Noto Naskh Arabic embedRegular", "Noto Naskh Arabic embedBold", "Noto Sans embedRegular", "Noto Sans embedBold"},
		"bal": {"Noto Naskh Arabic embedRegular", "Noto Naskh Arabic embedBold", "Noto Sans embedRegular", "Noto Sans embedBold"},
	}
	for lang, faces := range want {
		p := unpack(t, render(t, lang))
		var got []string
		for _, f := range p.parse(t, "word/fontTable.xml").all("font") {
			for _, e := range f.Nodes {
				if strings.HasPrefix(e.XMLName.Local, "embed") {
					got = append(got, f.attr("name")+" "+e.XMLName.Local)
				}
			}
		}
		if strings.Join(got, ", ") != strings.Join(faces, ", ") {
			t.Errorf("%s embeds %v, want %v", lang, got, faces)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, lang := range langs {
		a, b := render(t, lang), render(t, lang)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", lang)
		}
	}
	if err := Prepare(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(render(t, "ur"), render(t, "ur")) {
		t.Error("renders differ after Prepare")
	}
}

func TestFontKeyDerivedFromContent(t *testing.T) {
	a, b := fontKey(fonts.SansRegular.Bytes()), fontKey(fonts.SansBold.Bytes())
	if a == b || a != fontKey(fonts.SansRegular.Bytes()) {
		t.Errorf("keys %s %s", a, b)
	}
	// The key's bytes are the GUID's hex digits reversed.
	key, err := keyBytes("{00112233-4455-6677-8899-AABBCCDDEEFF}")
	if err != nil {
		t.Fatal(err)
	}
	if key[0] != 0xFF || key[15] != 0x00 || key[5] != 0xAA {
		t.Errorf("key bytes % X", key)
	}
	if _, err := keyBytes("{nothex}"); err == nil {
		t.Error("bad key accepted")
	}
}
