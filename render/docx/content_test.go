package docx

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
)

// runText is the text of a w:r: w:t content, with w:tab as \t and w:br as \n.
func runText(r *node) string {
	var b strings.Builder
	for _, c := range r.Nodes {
		switch c.XMLName.Local {
		case "t":
			b.WriteString(c.Text)
		case "tab":
			b.WriteByte('\t')
		case "br":
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// paragraphs returns each w:p of a part with its style and text.
func paragraphs(root *node) (styles, texts []string) {
	for _, p := range root.all("p") {
		style := ""
		if pp := p.child("pPr"); pp != nil {
			if s := pp.child("pStyle"); s != nil {
				style = s.attr("val")
			}
		}
		var b strings.Builder
		for _, r := range p.all("r") {
			b.WriteString(runText(r))
		}
		styles = append(styles, style)
		texts = append(texts, b.String())
	}
	return styles, texts
}

func hasArabic(s string) bool { return strings.IndexFunc(s, fonts.IsArabicScript) >= 0 }
func hasLatin(s string) bool  { return strings.IndexFunc(s, fonts.IsLatinScript) >= 0 }

func TestRTLRuns(t *testing.T) {
	cases := map[string]struct{ font, tag string }{
		"ur": {"Noto Nastaliq Urdu", "ur-PK"}, "pnb": {"Noto Nastaliq Urdu", "pnb-Arab-PK"},
		"sd": {"Noto Naskh Arabic", "sd-Arab-PK"}, "bal": {"Noto Naskh Arabic", "bal-Arab-PK"},
	}
	for lang, want := range cases {
		t.Run(lang, func(t *testing.T) {
			p := unpack(t, render(t, lang))
			doc := p.parse(t, "word/document.xml")
			if doc.child("body").child("sectPr").child("bidi") == nil {
				t.Error("sectPr lacks w:bidi")
			}
			for _, para := range doc.all("p") {
				if para.child("pPr").child("bidi") == nil {
					t.Error("paragraph lacks w:bidi")
				}
			}
			arabicRuns, latinRuns := 0, 0
			for _, r := range doc.all("r") {
				text := runText(r)
				rpr := r.child("rPr")
				if hasArabic(text) && hasLatin(text) {
					t.Errorf("run mixes scripts: %q", text)
				}
				switch {
				case hasArabic(text):
					arabicRuns++
					fonts := rpr.child("rFonts")
					if rpr.child("rtl") == nil || fonts.attr("hint") != "cs" || fonts.attr("cs") != want.font ||
						rpr.child("lang").attr("bidi") != want.tag {
						t.Errorf("Arabic run %q lacks rtl/cs font %s/lang %s", text, want.font, want.tag)
					}
				case hasLatin(text) || strings.ContainsAny(text, "0123456789"):
					if rpr.child("rtl") != nil && hasLatin(text) {
						t.Errorf("Latin run %q is marked rtl", text)
					}
					if hasLatin(text) {
						latinRuns++
						if f := rpr.child("rFonts"); f.attr("ascii") != "Noto Sans" || f.attr("hAnsi") != "Noto Sans" {
							t.Errorf("Latin run %q not in Noto Sans", text)
						}
					}
				}
			}
			if arabicRuns == 0 || latinRuns == 0 {
				t.Errorf("%d Arabic and %d Latin runs", arabicRuns, latinRuns)
			}
			// The phone number is a run of its own, not rtl.
			found := false
			for _, r := range doc.all("r") {
				if runText(r) == "\u200e0300-1234567\u200e" {
					found = true
					if r.child("rPr").child("rtl") != nil {
						t.Error("phone number run is rtl")
					}
				}
			}
			if !found {
				t.Error("no run 0300-1234567")
			}
			// Justified body, the date at the end margin as in the PDF, no
			// w:jc left/right anywhere (bidi-ambiguous).
			styles := p.parse(t, "word/styles.xml")
			for _, jc := range append(doc.all("jc"), styles.all("jc")...) {
				if v := jc.attr("val"); v != "both" && v != "center" && v != "end" {
					t.Errorf("w:jc %q in a bidi document", v)
				}
			}
		})
	}
}

func TestStylesPerRole(t *testing.T) {
	p := unpack(t, render(t, "ur"))
	styleIDs := map[string]bool{}
	for _, s := range p.parse(t, "word/styles.xml").all("style") {
		styleIDs[s.attr("styleId")] = true
	}
	for _, want := range []string{"Normal", "Sender", "Date", "Recipient", "Subject", "Salutation", "Body", "Bullet", "Closing", "Signature", "Copies", "CoverTitle", "CoverField", "CoverMessage", "Header", "Footer"} {
		if !styleIDs[want] {
			t.Errorf("no style %s", want)
		}
	}
	styles, texts := paragraphs(p.parse(t, "word/document.xml"))
	s := samples["ur"]
	want := []struct{ style, text string }{
		{"Sender", "\u200eAyesha Khan\u200e\n\u200eHouse 12, Street 5\u200e\n\u200e75500\u200e \u200eKarachi\u200e"},
		{"Date", s.date},
		{"Body", s.body},
		{"Bullet", s.bullets[0]},
		{"Bullet", s.bullets[1]},
		{"Closing", s.closing},
	}
	for _, w := range want {
		ok := false
		for i := range styles {
			ok = ok || (styles[i] == w.style && texts[i] == w.text)
		}
		if !ok {
			t.Errorf("no %s paragraph %q", w.style, w.text)
		}
	}
	for _, para := range p.parse(t, "word/document.xml").all("p") {
		if para.child("pPr").child("pStyle").attr("val") == "Bullet" && para.child("pPr").child("numPr") == nil {
			t.Error("bullet paragraph without numPr")
		}
	}
	num := p.parse(t, "word/numbering.xml")
	if lvl := num.all("lvl"); len(lvl) != 1 || lvl[0].child("numFmt").attr("val") != "bullet" || lvl[0].child("pPr").child("bidi") == nil {
		t.Error("numbering lacks a bidi bullet level")
	}
}

func TestHeaderFooterAndProperties(t *testing.T) {
	p := unpack(t, render(t, "ur"))
	_, hdr := paragraphs(p.parse(t, "word/header1.xml"))
	if len(hdr) != 1 || hdr[0] != "\u200eUA 109/23\u200e" {
		t.Errorf("header %q", hdr)
	}
	var instr []string
	for _, n := range p.parse(t, "word/footer1.xml").all("instrText") {
		instr = append(instr, strings.TrimSpace(n.Text))
	}
	if len(instr) != 2 || !strings.HasPrefix(instr[0], "PAGE ") || !strings.HasPrefix(instr[1], "NUMPAGES ") {
		t.Errorf("footer fields %q", instr)
	}
	core := p.parse(t, "docProps/core.xml")
	get := func(local string) string {
		if n := core.child(local); n != nil {
			return n.Text
		}
		return ""
	}
	for local, want := range map[string]string{
		"title": "UA 109/23: " + samples["ur"].subject, "subject": "UA 109/23", "creator": "ualetters",
		"language": "ur-PK", "created": "2026-01-15T00:00:00Z", "modified": "2026-01-15T00:00:00Z",
	} {
		if got := get(local); got != want {
			t.Errorf("core %s = %q, want %q", local, got, want)
		}
	}
	doc := sampleDoc("ur")
	doc.Date = ""
	b, err := Render(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := unpack(t, b).parse(t, "docProps/core.xml"); c.child("created") != nil {
		t.Error("created date without a letter date")
	}
	doc.Date = "15/01/2026"
	if _, err := Render(doc, Options{}); err == nil {
		t.Error("bad date accepted")
	}
}

func TestPaper(t *testing.T) {
	for _, c := range []struct {
		paper layout.Paper
		w, h  string
	}{{layout.Paper{}, "11906", "16838"}, {layout.A4, "11906", "16838"}, {layout.Letter, "12240", "15840"}} {
		b, err := Render(sampleDoc("en"), Options{Paper: c.paper})
		if err != nil {
			t.Fatal(err)
		}
		pg := unpack(t, b).parse(t, "word/document.xml").all("pgSz")[0]
		if pg.attr("w") != c.w || pg.attr("h") != c.h {
			t.Errorf("%q: page %sx%s, want %sx%s", c.paper.Name, pg.attr("w"), pg.attr("h"), c.w, c.h)
		}
	}
	if _, err := Render(sampleDoc("en"), Options{Paper: layout.Paper{Name: "x", Width: -1, Height: 5}}); err == nil {
		t.Error("bad paper accepted")
	}
}

func TestHostileValuesAreLiteral(t *testing.T) {
	hostile := []string{
		`</w:t></w:r></w:p><w:p><w:r><w:t>injected`,
		`Tom & Jerry &amp; &#x41; <b>bold</b>`,
		`]]><![CDATA[x]]>`,
		`"double" 'single'`,
		"\u202Egnirts desrever\u202C and \u2067rli\u2069\u2069\u2069 \u202Dltr",
		"tab\there\nnew line",
	}
	for _, lang := range []string{"en", "ur"} {
		for _, h := range hostile {
			doc := sampleDoc(lang)
			doc.Blocks[0].Lines[0].Runs[0].Text = h // signer name, a User run
			doc.Title = h
			doc.Reference = h
			b, err := Render(doc, Options{})
			if err != nil {
				t.Fatalf("%q: %v", h, err)
			}
			p := unpack(t, b)
			root := p.parse(t, "word/document.xml")
			ref, err := Render(sampleDoc(lang), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(root.all("p")), len(unpack(t, ref).parse(t, "word/document.xml").all("p")); got != want {
				t.Errorf("%q: %d paragraphs, want %d", h, got, want)
			}
			_, texts := paragraphs(root)
			// Bidi embeddings, overrides and isolates are dropped; in an
			// RTL letter LRMs shield each line of the LTR name.
			want := strings.NewReplacer("\u202E", "", "\u202C", "", "\u2067", "", "\u2069", "", "\u202D", "").Replace(h)
			if lang == "ur" {
				want = "\u200e" + strings.ReplaceAll(want, "\n", "\u200e\n\u200e") + "\u200e"
			}
			if !strings.HasPrefix(texts[0], want+"\n") {
				t.Errorf("%q: sender paragraph %q", h, texts[0])
			}
			if got := p.parse(t, "docProps/core.xml").child("title").Text; got != h {
				t.Errorf("title %q, want %q", got, h)
			}
			if !strings.Contains(string(p.files["word/header1.xml"]), "<w:t") {
				t.Error("header lost its text")
			}
		}
	}
}

func TestControlCharactersRejected(t *testing.T) {
	for _, bad := range []string{"a\x00b", "esc\x1b[31m", "bell\a", "cr\ronly", "c1\u0085", "\xff\xfe", "nonchar\uFFFF"} {
		doc := sampleDoc("ur")
		doc.Blocks[0].Lines[0].Runs[0].Text = bad
		if _, err := Render(doc, Options{}); !errors.Is(err, ErrInvalidText) {
			t.Errorf("%q: error %v, want ErrInvalidText", bad, err)
		}
		doc = sampleDoc("en")
		doc.Author = bad
		if _, err := Render(doc, Options{}); !errors.Is(err, ErrInvalidText) {
			t.Errorf("author %q: error %v, want ErrInvalidText", bad, err)
		}
	}
	doc := sampleDoc("en")
	doc.Blocks[0].Lines[0].Runs[0].Text = "a\r\nb"
	if _, err := Render(doc, Options{}); err != nil {
		t.Errorf("CR LF rejected: %v", err)
	}
}

func TestBadDocuments(t *testing.T) {
	if _, err := Render(nil, Options{}); err == nil {
		t.Error("nil document accepted")
	}
	doc := sampleDoc("en")
	doc.Blocks = append(doc.Blocks, letter.Block{Role: "poem"})
	if _, err := Render(doc, Options{}); err == nil || !strings.Contains(err.Error(), "poem") {
		t.Errorf("unknown role: %v", err)
	}
	doc = sampleDoc("en")
	doc.Dir = "up"
	if _, err := Render(doc, Options{}); err == nil {
		t.Error("unknown direction accepted")
	}
	doc = sampleDoc("ur")
	doc.Blocks[0].Lines[0].Runs[0].Text = "Klingon \uF8E0"
	var unc *fonts.UncoveredError
	if _, err := Render(doc, Options{}); !errors.As(err, &unc) {
		t.Errorf("uncovered character: %v", err)
	}
}

func TestCoverSheet(t *testing.T) {
	run := func(s string) letter.Run { return letter.Run{Text: s, Lang: "en"} }
	doc := &letter.Document{Kind: "cover", Reference: "UA 109/23", Lang: "en", Tag: "en-GB", Dir: letter.LTR, Date: "2026-01-15",
		Blocks: []letter.Block{
			{Role: letter.RoleCoverTitle, Lines: []letter.Line{{Runs: []letter.Run{run("Fax")}}}},
			{Role: letter.RoleCoverField, Label: []letter.Run{run("To")}, Lines: []letter.Line{{Runs: []letter.Run{run("Prime Minister")}}}},
			{Role: letter.RoleCoverField, Label: []letter.Run{run("Fax")}, Lines: []letter.Line{{Runs: []letter.Run{{Text: "+92 51 9221596", Lang: "en", Kind: letter.LTRIsolate}}}}},
			{Role: letter.RoleCoverMessage, Lines: []letter.Line{{Runs: []letter.Run{run("Please find our appeal attached.")}}}},
		}}
	b, err := Render(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	styles, texts := paragraphs(unpack(t, b).parse(t, "word/document.xml"))
	got := strings.Join(styles, ",") + "|" + strings.Join(texts, "|")
	want := "CoverTitle,CoverField,CoverField,CoverMessage|Fax|To\tPrime Minister|Fax\t+92 51 9221596|Please find our appeal attached."
	if got != want {
		t.Errorf("cover\n got %q\nwant %q", got, want)
	}
}

func TestSplitByScript(t *testing.T) {
	cases := []struct {
		lang, text string
		ltr        bool
		want       string
	}{
		{"ur", "محترم Anwar-ul-Haq Kakar، آپ", false, "محترم |Anwar-ul-Haq Kakar|، آپ"},
		{"ur", "0300-1234567", true, "0300-1234567"},
		{"ur", "J. Smith", false, "J. Smith"},
		{"sd", "ڪراچي Karachi", false, "ڪراچي |Karachi"},
		{"en", "Dear Ayesha", false, "Dear Ayesha"},
		// Whole-word fallback: ملڪ (Sindhi ڪ) is one Naskh segment.
		{"ur", "میرا ملڪ پاکستان", false, "میرا |ملڪ |پاکستان"},
	}
	for _, c := range cases {
		segs, err := split(c.lang, c.text, c.ltr, fonts.ScriptFont(c.lang).Arabic(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, s := range segs {
			parts = append(parts, s.text)
			if hasArabic(s.text) != s.font.Arabic() && (hasArabic(s.text) || hasLatin(s.text)) {
				t.Errorf("%q in %s", s.text, s.font)
			}
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("split(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	segs, _ := split("ur", "0300-1234567", true, true, nil)
	if segs[0].font != fonts.SansRegular {
		t.Errorf("LTR number in %s, want Noto Sans", segs[0].font)
	}
}

func TestShieldMarks(t *testing.T) {
	user := func(s string) letter.Run { return letter.Run{Text: s, Kind: letter.User} }
	cases := []struct {
		rtl  bool
		run  letter.Run
		want string
	}{
		{true, letter.Run{Text: "0300-1234567", Kind: letter.LTRIsolate}, "\u200e0300-1234567\u200e"},
		{true, user("Ayesha Khan"), "\u200eAyesha Khan\u200e"},
		{true, user("12 Main St\nFlat 3"), "\u200e12 Main St\u200e\n\u200eFlat 3\u200e"},
		{true, user("عائشہ خان"), "عائشہ خان"},
		{true, letter.Run{Text: "جنوری، "}, "جنوری، "},
		{false, user("عائشہ!"), "\u200fعائشہ!\u200f"},
		{false, user("Anna"), "Anna"},
		{false, letter.Run{Text: "+92 51", Kind: letter.LTRIsolate}, "+92 51"},
	}
	for _, c := range cases {
		r := &renderer{rtl: c.rtl}
		if got := shield(c.run.Text, r.shieldMark(&c.run, c.run.Text)); got != c.want {
			t.Errorf("rtl=%v %q: %q, want %q", c.rtl, c.run.Text, got, c.want)
		}
	}
}

func TestDropBidiControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                            "plain",
		"x\u2069\u202Ey":                   "xy",
		"\u2066open":                       "open",
		"a\u202A\u202B\u202C\u202D\u202Eb": "ab",
		"\u2066\u2067\u2068\u2069":         "",
		"keep\u200E\u200F\u061Cmarks":      "keep\u200E\u200F\u061Cmarks",
	} {
		if got := dropBidiControls(in); got != want {
			t.Errorf("dropBidiControls(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNoBidiControlsInText: no w:t of any part of any letter holds a bidi
// embedding, override or isolate, even when the signer typed them.
func TestNoBidiControlsInText(t *testing.T) {
	for _, lang := range langs {
		doc := sampleDoc(lang)
		doc.Blocks[0].Lines[0].Runs[0].Text = "\u2067Ayesha\u2069 \u202Egnirts\u202C \u2066x"
		b, err := Render(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := unpack(t, b)
		for name := range p.files {
			if !strings.HasSuffix(name, ".xml") {
				continue
			}
			for _, n := range p.parse(t, name).all("t") {
				if i := strings.IndexFunc(n.Text, isBidiScope); i >= 0 {
					t.Errorf("%s %s: w:t %q holds U+%04X", lang, name, n.Text, []rune(n.Text[i:])[0])
				}
			}
		}
	}
}

// TestNumberPartsStayLeftToRight: in a right-to-left letter, digit groups
// in own words and template text become LTR-isolated runs (as in the PDF);
// a left-to-right user value and a left-to-right letter are left alone.
func TestNumberPartsStayLeftToRight(t *testing.T) {
	rtl := &renderer{rtl: true}
	parts := rtl.numberParts(letter.Run{Text: "فون نمبر 0300-1234567 پر، 20-11-2023 کو", Kind: letter.User})
	var got []string
	for _, p := range parts {
		got = append(got, fmt.Sprintf("%d:%s", p.Kind, p.Text))
	}
	want := []string{
		fmt.Sprintf("%d:فون نمبر ", letter.User), fmt.Sprintf("%d:0300-1234567", letter.LTRIsolate),
		fmt.Sprintf("%d: پر، ", letter.User), fmt.Sprintf("%d:20-11-2023", letter.LTRIsolate),
		fmt.Sprintf("%d: کو", letter.User),
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("parts\n got %q\nwant %q", got, want)
	}
	for _, c := range []struct {
		r   *renderer
		run letter.Run
	}{
		{rtl, letter.Run{Text: "call 0300-1234567 now", Kind: letter.User}},
		{&renderer{}, letter.Run{Text: "فون 0300-1234567"}},
	} {
		if n := len(c.r.numberParts(c.run)); n != 1 {
			t.Errorf("%q (rtl %v): split into %d runs, want 1", c.run.Text, c.r.rtl, n)
		}
	}
}
