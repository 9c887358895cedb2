package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/templates"
)

// schemaDir is the ECMA-376 transitional schema set kept in
// testdata/ooxml-xsd (see its README): the closest check of what Word
// accepts available here. UALETTERS_OOXML_XSD names another copy.
func schemaDir(t *testing.T) string {
	if d := os.Getenv("UALETTERS_OOXML_XSD"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "ooxml-xsd")
}

// schemaFor names the schema of a package part.
func schemaFor(name string) string {
	switch {
	case name == "[Content_Types].xml":
		return "opc-xsd/opc-contentTypes.xsd"
	case strings.HasSuffix(name, ".rels"):
		return "opc-xsd/opc-relationships.xsd"
	// docProps/core.xml is left out: its schema imports Dublin Core
	// schemas from the network, which --nonet rightly refuses.
	case name == "docProps/app.xml":
		return "shared-documentPropertiesExtended.xsd"
	case strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml"):
		return "wml.xsd"
	}
	return ""
}

// TestSchemaValid validates every XML part of every kind of DOCX (the
// sample and the catalogue letter of every language, own words, a cover
// sheet, Letter paper) with xmllint against the transitional schemas.
func TestSchemaValid(t *testing.T) {
	xmllint := testtool.Need(t, "xmllint", "libxml2-utils")
	xsd := schemaDir(t)
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*letter.Document{"cover": coverDoc()}
	for _, lang := range langs {
		docs[lang+"-sample"] = sampleDoc(lang)
		docs[lang+"-model"] = composed(t, cat, lang)
		docs[lang+"-own"] = composedOwn(t, cat, lang)
	}
	dir := t.TempDir()
	bySchema := map[string][]string{}
	for name, doc := range docs {
		b, err := Render(doc, Options{Paper: layout.Letter})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for part, data := range unpack(t, b).files {
			xsd := schemaFor(part)
			if xsd == "" {
				continue
			}
			path := filepath.Join(dir, name, part)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			bySchema[xsd] = append(bySchema[xsd], path)
		}
	}
	parts := 0
	for schema, files := range bySchema {
		args := append([]string{"--noout", "--nonet", "--schema", filepath.Join(xsd, schema)}, files...)
		out, err := exec.Command(xmllint, args...).CombinedOutput()
		if err != nil {
			t.Errorf("xmllint --schema %s: %v\n%s", schema, err, out)
		}
		parts += len(files)
	}
	if parts < 12*len(docs) {
		t.Errorf("validated %d parts of %d documents", parts, len(docs))
	}
}

func coverDoc() *letter.Document {
	run := func(s string) letter.Run { return letter.Run{Text: s, Lang: "ur"} }
	return &letter.Document{Kind: "cover", Reference: "UA 109/23", Lang: "ur", Tag: "ur-PK", Dir: letter.RTL, Date: "2026-01-15",
		Blocks: []letter.Block{
			{Role: letter.RoleCoverTitle, Lines: []letter.Line{{Runs: []letter.Run{run("فیکس")}}}},
			{Role: letter.RoleCoverField, Label: []letter.Run{run("بنام")}, Lines: []letter.Line{{Runs: []letter.Run{{Text: "Prime Minister", Lang: "en", Kind: letter.User}}}}},
			{Role: letter.RoleCoverField, Label: []letter.Run{run("فیکس نمبر")}, Lines: []letter.Line{{Runs: []letter.Run{{Text: "+92 51 9221596", Lang: "en", Kind: letter.LTRIsolate}}}}},
			{Role: letter.RoleCoverMessage, Lines: []letter.Line{{Runs: []letter.Run{run("منسلکہ اپیل ملاحظہ فرمائیں۔")}}}},
		}}
}
