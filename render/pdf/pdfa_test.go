package pdf

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
)

// These tests check, on the file itself, the clauses of PDF/A-2u
// (ISO 19005-2) and PDF/UA-1 (ISO 14289-1) that the writer implements.
// veraPDF, the reference validator, is not available here; the clause
// numbers are those of the standards and of veraPDF's rule names.

// pdfFile is a parsed PDF: objects by number and the trailer.
type pdfFile struct {
	t    *testing.T
	objs map[int][]byte
	raw  []byte
}

func parse(t *testing.T, b []byte) *pdfFile { return &pdfFile{t: t, objs: objects(t, b), raw: b} }

// ref returns the object number that key refers to in obj.
func (f *pdfFile) ref(obj []byte, key string) int {
	f.t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(key) + `\s*(\d+) 0 R`).FindSubmatch(obj)
	if m == nil {
		f.t.Fatalf("no %s reference in %.120q", key, obj)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func (f *pdfFile) catalog() []byte {
	return f.objs[f.ref(f.raw[bytes.LastIndex(f.raw, []byte("trailer")):], "/Root")]
}

func TestPDFAIdentificationAndMetadata(t *testing.T) {
	for name, doc := range letters(t) {
		f := parse(t, render(t, doc))
		cat := f.catalog()
		// ISO 19005-2 6.6.2.1, 6.6.4: XMP metadata in the catalog, with
		// the PDF/A identification; ISO 14289-1 5: PDF/UA identification.
		xmp := streamData(t, f.objs[f.ref(cat, "/Metadata")])
		if err := xml.Unmarshal(xmp[bytes.Index(xmp, []byte("<x:xmpmeta")):bytes.Index(xmp, []byte("<?xpacket end"))], new(struct{})); err != nil {
			t.Errorf("%s: XMP is not well-formed XML: %v", name, err)
		}
		for _, want := range []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>U</pdfaid:conformance>",
			"<pdfuaid:part>1</pdfuaid:part>", `xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"`,
			`xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`} {
			if !bytes.Contains(xmp, []byte(want)) {
				t.Errorf("%s: XMP lacks %s", name, want)
			}
		}
		// ISO 19005-2 6.6.3 (via ISO 16684): info entries equal their XMP
		// counterparts; ISO 14289-1 7.1: dc:title and DisplayDocTitle.
		info := f.objs[f.ref(f.raw[bytes.LastIndex(f.raw, []byte("trailer")):], "/Info")]
		if !bytes.Contains(xmp, []byte(`<rdf:li xml:lang="x-default">`+doc.Title+"</rdf:li>")) ||
			!bytes.Contains(cat, []byte("/DisplayDocTitle true")) {
			t.Errorf("%s: no dc:title %q or no DisplayDocTitle", name, doc.Title)
		}
		if doc.Date != "" {
			// dates in full form with an offset, equal in info and XMP
			for _, key := range []string{"/CreationDate", "/ModDate"} {
				if !regexp.MustCompile(regexp.QuoteMeta(key) + `\(D:\d{14}[+-]\d\d'\d\d'\)`).Match(info) {
					t.Errorf("%s: %s not in full form with offset: %s", name, key, info)
				}
			}
			for _, want := range []string{"<xmp:CreateDate>2023-11-20T00:00:00+00:00</xmp:CreateDate>",
				"<xmp:ModifyDate>2023-11-20T00:00:00+00:00</xmp:ModifyDate>"} {
				if !bytes.Contains(xmp, []byte(want)) {
					t.Errorf("%s: XMP lacks %s", name, want)
				}
			}
			if !bytes.Contains(info, []byte("/CreationDate(D:20231120000000+00'00')")) {
				t.Errorf("%s: info date differs from XMP: %s", name, info)
			}
		}
		// ISO 14289-1 7.2: the natural language in the catalog.
		if !bytes.Contains(cat, []byte("/Lang("+doc.Lang+")")) {
			t.Errorf("%s: catalog has no /Lang(%s)", name, doc.Lang)
		}
		// ISO 19005-2 6.1.3: a file identifier, no encryption.
		trailer := f.raw[bytes.LastIndex(f.raw, []byte("trailer")):]
		if !bytes.Contains(trailer, []byte("/ID[<")) || bytes.Contains(trailer, []byte("/Encrypt")) {
			t.Errorf("%s: trailer without /ID or with /Encrypt", name)
		}
		checkOutputIntent(t, f, cat)
	}
}

// checkOutputIntent checks ISO 19005-2 6.2.3: one PDF/A output intent
// whose destination profile is a valid RGB display ICC profile.
func checkOutputIntent(t *testing.T, f *pdfFile, cat []byte) {
	m := regexp.MustCompile(`/OutputIntents\[(\d+) 0 R\]`).FindSubmatch(cat)
	if m == nil {
		t.Fatal("no /OutputIntents array with one intent")
	}
	n, _ := strconv.Atoi(string(m[1]))
	intent := f.objs[n]
	if !bytes.Contains(intent, []byte("/S/GTS_PDFA1")) || !bytes.Contains(intent, []byte("/OutputConditionIdentifier(")) {
		t.Errorf("output intent is not GTS_PDFA1 with an identifier: %s", intent)
	}
	prof := f.objs[f.ref(intent, "/DestOutputProfile")]
	if !bytes.Contains(prof, []byte("/N 3")) {
		t.Errorf("profile stream has no /N 3")
	}
	icc := streamData(t, prof)
	if len(icc) < 132 || int(binary.BigEndian.Uint32(icc)) != len(icc) {
		t.Fatalf("ICC profile size field %d, data %d bytes", binary.BigEndian.Uint32(icc), len(icc))
	}
	if v := icc[8]; v < 2 || v > 4 {
		t.Errorf("ICC major version %d", v)
	}
	if string(icc[12:24]) != "mntrRGB XYZ " || string(icc[36:40]) != "acsp" {
		t.Errorf("ICC header: class/space/PCS %q, signature %q", icc[12:24], icc[36:40])
	}
	count := int(binary.BigEndian.Uint32(icc[128:]))
	seen := map[string]bool{}
	for i := range count {
		e := icc[132+12*i:]
		sig, off, size := string(e[:4]), binary.BigEndian.Uint32(e[4:]), binary.BigEndian.Uint32(e[8:])
		if int(off+size) > len(icc) || off%4 != 0 {
			t.Errorf("ICC tag %s at %d+%d outside the profile or unaligned", sig, off, size)
		}
		seen[sig] = true
	}
	for _, sig := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if !seen[sig] {
			t.Errorf("ICC profile lacks the required tag %s", sig)
		}
	}
}

// cmapEntries reads a ToUnicode CMap's bfchar entries.
func cmapEntries(t *testing.T, cmap []byte) map[uint16]string {
	out := map[uint16]string{}
	for _, m := range regexp.MustCompile(`<([0-9A-F]{4})><([0-9A-F]*)>`).FindAllSubmatch(cmap, -1) {
		cid, _ := strconv.ParseUint(string(m[1]), 16, 16)
		var u []uint16
		for i := 0; i+4 <= len(m[2]); i += 4 {
			v, _ := strconv.ParseUint(string(m[2][i:i+4]), 16, 16)
			u = append(u, uint16(v))
		}
		out[uint16(cid)] = string(utf16Decode(u))
	}
	return out
}

func utf16Decode(u []uint16) []rune {
	var out []rune
	for i := 0; i < len(u); i++ {
		if u[i] >= 0xD800 && u[i] < 0xDC00 && i+1 < len(u) {
			out = append(out, (rune(u[i])-0xD800)<<10+(rune(u[i+1])-0xDC00)+0x10000)
			i++
			continue
		}
		out = append(out, rune(u[i]))
	}
	return out
}

// TestEveryGlyphHasUnicode checks ISO 19005-2 6.2.11.7.2 (level U): every
// code drawn has a ToUnicode value, none of them 0, U+FEFF or U+FFFE;
// 6.2.11.4.1: every font is embedded; 6.2.11.8: no code draws .notdef.
func TestEveryGlyphHasUnicode(t *testing.T) {
	for name, doc := range letters(t) {
		b := render(t, doc)
		f := parse(t, b)
		fontsByName := map[string]int{}
		for _, m := range regexp.MustCompile(`(/[FT]\d+) (\d+) 0 R`).FindAllSubmatch(f.objs[5], -1) {
			n, _ := strconv.Atoi(string(m[2]))
			fontsByName[string(m[1])] = n
		}
		uni := map[string]map[uint16]string{}
		gidOf := map[string]func(uint16) uint16{}
		for fname, n := range fontsByName {
			uni[fname] = cmapEntries(t, streamData(t, f.objs[f.ref(f.objs[n], "/ToUnicode")]))
			cid := f.objs[f.ref(f.objs[n], "/DescendantFonts[")]
			desc := f.objs[f.ref(cid, "/FontDescriptor")]
			if !bytes.Contains(desc, []byte("/FontFile2 ")) {
				t.Errorf("%s: font %s not embedded", name, fname)
			}
			if strings.HasPrefix(fname, "/T") {
				// 6.2.11.5: the layer font's one width is its blank glyph's.
				id, _ := strconv.Atoi(fname[2:])
				fd, err := loadFont(fonts.ID(id))
				if err != nil {
					t.Fatal(err)
				}
				want := "/DW " + string(appendNum(nil, fd.width(fd.sfnt.GlyphIndex(' ')), 2)) + "/"
				if !bytes.Contains(cid, []byte(want)) {
					t.Errorf("%s: layer font %s: want %s in %s", name, fname, want, cid)
				}
			}
			if bytes.Contains(cid, []byte("/CIDToGIDMap/Identity")) {
				gidOf[fname] = func(c uint16) uint16 { return c }
				continue
			}
			m := streamData(t, f.objs[f.ref(cid, "/CIDToGIDMap")])
			gidOf[fname] = func(c uint16) uint16 { return binary.BigEndian.Uint16(m[2*int(c):]) }
		}
		drawnCodes := 0
		for _, page := range contents(t, b) {
			for _, d := range interpret(t, page, fontWidths(t, b)) {
				if d.form {
					continue // a path, not text
				}
				drawnCodes++
				u, ok := uni[d.font][d.cid]
				if !ok || u == "" || u == "\x00" || u == "\uFEFF" || u == "\uFFFE" {
					t.Errorf("%s: font %s code %04X has Unicode value %q", name, d.font, d.cid, u)
				}
				if gidOf[d.font](d.cid) == 0 {
					t.Errorf("%s: font %s code %04X draws .notdef", name, d.font, d.cid)
				}
			}
		}
		t.Logf("%s: %d drawn codes checked", name, drawnCodes)
	}
}

// TestTaggedContent checks ISO 14289-1 7.1: the document is marked and
// has a structure tree; every text object and path is either marked
// content with an MCID that the parent tree maps to the structure element
// holding it, or an artifact; each page has /StructParents and /Tabs/S.
func TestTaggedContent(t *testing.T) {
	for name, doc := range letters(t) {
		b := render(t, doc)
		f := parse(t, b)
		cat := f.catalog()
		if !bytes.Contains(cat, []byte("/MarkInfo<</Marked true>>")) {
			t.Errorf("%s: not marked", name)
		}
		root := f.objs[f.ref(cat, "/StructTreeRoot")]
		pt := f.objs[f.ref(root, "/ParentTree")]
		parents := parentTree(t, pt)
		pages := contents(t, b)
		pageObjs := regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(f.objs[f.ref(cat, "/Pages")], -1)
		for p, content := range pages {
			pn, _ := strconv.Atoi(string(pageObjs[p][1]))
			if !bytes.Contains(f.objs[pn], []byte("/StructParents "+strconv.Itoa(p)+"/Tabs/S")) {
				t.Errorf("%s page %d: no /StructParents %d and /Tabs/S", name, p+1, p)
			}
			mcids := checkMarking(t, name, p, content)
			if len(parents[p]) != len(mcids) {
				t.Errorf("%s page %d: %d MCIDs, parent tree lists %d", name, p+1, len(mcids), len(parents[p]))
				continue
			}
			for i, mcid := range mcids {
				if mcid != i {
					t.Errorf("%s page %d: MCID %d at position %d", name, p+1, mcid, i)
				}
				elem := f.objs[parents[p][i]]
				if !elemHolds(elem, pn, mcid) {
					t.Errorf("%s page %d: element %d (%.60s) does not hold MCID %d", name, p+1, parents[p][i], elem, mcid)
				}
			}
		}
	}
}

// parentTree reads a flat /Nums parent tree: page key -> element objects.
func parentTree(t *testing.T, obj []byte) map[int][]int {
	out := map[int][]int{}
	for _, m := range regexp.MustCompile(`(\d+)\[([^\]]*)\]`).FindAllSubmatch(obj, -1) {
		k, _ := strconv.Atoi(string(m[1]))
		for _, r := range regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(m[2], -1) {
			n, _ := strconv.Atoi(string(r[1]))
			out[k] = append(out[k], n)
		}
	}
	return out
}

// elemHolds reports whether a structure element lists mcid of page pn.
func elemHolds(elem []byte, pn, mcid int) bool {
	pg := regexp.MustCompile(`/Pg (\d+) 0 R`).FindSubmatch(elem)
	k := elem[bytes.Index(elem, []byte("/K[")):]
	if pg != nil && string(pg[1]) == strconv.Itoa(pn) {
		// direct MCIDs: numbers not followed by " 0 R" and not inside an MCR
		plain := regexp.MustCompile(`<<[^>]*>>|\d+ 0 R`).ReplaceAll(k, nil)
		for _, f := range strings.Fields(strings.Trim(string(plain), "/K[]>")) {
			if f == strconv.Itoa(mcid) {
				return true
			}
		}
	}
	return bytes.Contains(k, []byte("<</Type/MCR/Pg "+strconv.Itoa(pn)+" 0 R/MCID "+strconv.Itoa(mcid)+">>"))
}

// checkMarking walks a content stream's marked-content nesting: every
// BT and every path painting operator must sit inside an MCID sequence or
// an artifact. It returns the MCIDs in order.
func checkMarking(t *testing.T, name string, p int, content []byte) []int {
	var stack []string // "mcid", "artifact" or "other" per open sequence
	var mcids []int
	inside := func() bool {
		for _, s := range stack {
			if s != "other" {
				return true
			}
		}
		return false
	}
	toks := tokens(content)
	for i, tok := range toks {
		switch tok {
		case "BDC", "BMC":
			kind := "other"
			if tok == "BMC" {
				if toks[i-1] == "/Artifact" {
					kind = "artifact"
				}
			} else {
				j := i - 1
				for j > 0 && toks[j] != "<<" {
					if toks[j] == "/MCID" {
						n, _ := strconv.Atoi(toks[j+1])
						mcids = append(mcids, n)
						kind = "mcid"
					}
					j--
				}
				if toks[j-1] == "/Artifact" {
					kind = "artifact"
				}
			}
			stack = append(stack, kind)
		case "EMC":
			if len(stack) == 0 {
				t.Fatalf("%s page %d: EMC without BDC", name, p+1)
			}
			stack = stack[:len(stack)-1]
		case "BT", "S", "f", "B", "re":
			if !inside() {
				t.Errorf("%s page %d: %s outside marked content or artifact", name, p+1, tok)
			}
		}
	}
	if len(stack) != 0 {
		t.Errorf("%s page %d: %d marked-content sequences left open", name, p+1, len(stack))
	}
	return mcids
}
