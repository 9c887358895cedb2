// Package pdf writes a laid-out document (render/layout's display list) as
// a compact PDF 1.7 file that is tagged (PDF/UA-1) and identifies as
// PDF/A-2u: subset TrueType fonts embedded as Type0/CIDFontType2 with
// widths and a ToUnicode CMap, a structure tree with marked content,
// artifacts for page furniture, a text layer that gives poppler, MuPDF
// and pdf.js the logical text of right-to-left lines, metadata (info
// dictionary and XMP), an sRGB output intent, Flate-compressed streams
// and a classic cross-reference table. Output is deterministic: the same
// document always gives the same bytes.
package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"io"
	"math"
	"strconv"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/layout"
)

// ErrEmpty is returned for a nil document or one without pages.
var ErrEmpty = errors.New("pdf: document has no pages")

// Write renders doc as PDF to w.
func Write(w io.Writer, doc *layout.Document) error {
	b, err := Render(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Render returns doc as PDF bytes, caching nothing. It is safe for
// concurrent use.
func Render(doc *layout.Document) ([]byte, error) { return (*Cache)(nil).Render(doc) }

// Render returns doc as PDF bytes, taking what repeats from earlier
// documents from c: the same bytes as the package's Render.
func (c *Cache) Render(doc *layout.Document) ([]byte, error) {
	return c.RenderInto(make([]byte, 0, 64<<10), doc)
}

// RenderInto is Render writing into buf's storage (from buf[:0]), which
// it grows when the document does not fit: a caller that recycles its
// buffers saves allocating the document's size (most of what a one-page
// letter allocates) on every letter. The result holds the bytes.
func (c *Cache) RenderInto(buf []byte, doc *layout.Document) ([]byte, error) {
	if doc == nil || len(doc.Pages) == 0 {
		return nil, ErrEmpty
	}
	modes := runModes(doc)
	s := scratches.Get().(*scratch)
	used, err := collectFonts(doc, modes, s)
	if err != nil {
		s.release(nil)
		return nil, err
	}
	d := &docWriter{doc: doc, fonts: used, modes: modes, cache: c, s: s, buf: buf[:0]}
	out, err := d.write()
	s.release(used)
	return out, err
}

// docWriter assembles the file. Object numbers come from alloc, in the
// order the writer asks for them; the fixed objects (catalog, page tree,
// info, metadata, resources, output intent, structure tree root) first.
type docWriter struct {
	cache   *Cache
	s       *scratch
	doc     *layout.Document
	fonts   []*fontUse
	buf     []byte
	offsets []int // by object number; 0 is the free list head
	marks   []mark
	pageObj []int
	modes   [][]mode // how each run carries its text, by page

	catalog, pages, info, meta, res, intent, icc, structRoot int
}

// alloc returns the next free object number.
func (d *docWriter) alloc() int {
	d.offsets = append(d.offsets, 0)
	return len(d.offsets) - 1
}

// allocN returns the first of n consecutive object numbers.
func (d *docWriter) allocN(n int) int {
	first := d.alloc()
	for range n - 1 {
		d.alloc()
	}
	return first
}

func (d *docWriter) write() ([]byte, error) {
	d.offsets = make([]int, 1, 64)
	for _, n := range []*int{&d.catalog, &d.pages, &d.info, &d.meta, &d.res, &d.intent, &d.icc, &d.structRoot} {
		*n = d.alloc()
	}
	for _, f := range d.fonts {
		f.obj = d.allocN(5)
		if len(f.layerChars) > 0 {
			f.layerObj = d.allocN(4)
		}
		f.forms = make([]int, len(f.drawn))
		for i := range f.forms {
			f.forms[i] = d.alloc()
		}
	}
	d.pageObj = make([]int, len(d.doc.Pages))
	for i := range d.pageObj {
		d.pageObj[i] = d.allocN(2)
	}
	d.buf = append(d.buf, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"...)

	d.writeCatalog()
	d.pageTree()
	if err := d.writeInfo(); err != nil {
		return nil, err
	}
	d.metadata()
	d.resources()
	d.outputIntent()
	for _, f := range d.fonts {
		if err := d.font(f); err != nil {
			return nil, err
		}
		d.glyphForms(f)
	}
	for i := range d.doc.Pages {
		if err := d.page(i); err != nil {
			return nil, fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
	}
	d.structTree()
	d.trailer()
	return d.buf, nil
}

func (d *docWriter) begin(n int) {
	d.offsets[n] = len(d.buf)
	d.buf = strconv.AppendInt(d.buf, int64(n), 10)
	d.buf = append(d.buf, " 0 obj\n"...)
}

func (d *docWriter) end() { d.buf = append(d.buf, "\nendobj\n"...) }

func (d *docWriter) ref(n int) {
	d.buf = strconv.AppendInt(d.buf, int64(n), 10)
	d.buf = append(d.buf, " 0 R"...)
}

// stream writes object n as a stream; dict holds the extra dictionary
// entries. Data is Flate-compressed (fast level: these streams are built
// per request) unless raw is set or it is too short to gain; cuts are
// offsets where the compressor may start a new piece (see zseg.go).
func (d *docWriter) stream(n int, dict string, data []byte, raw bool, cuts ...int) {
	if raw || len(data) < minCompress {
		d.rawStream(n, dict, data)
		return
	}
	d.s.zbuf = d.cache.appendZlib(d.s.zbuf[:0], data, cuts)
	d.rawStream(n, dict+"/Filter/FlateDecode", d.s.zbuf)
}

// minCompress is the shortest stream worth compressing: below it the
// zlib header, Huffman tables and checksum outweigh the gain.
const minCompress = 64

// rawStream writes object n as a stream of data as given.
func (d *docWriter) rawStream(n int, dict string, data []byte) {
	d.begin(n)
	d.buf = append(d.buf, "<<"...)
	d.buf = append(d.buf, dict...)
	d.buf = append(d.buf, "/Length "...)
	d.buf = strconv.AppendInt(d.buf, int64(len(data)), 10)
	d.buf = append(d.buf, ">>\nstream\n"...)
	d.buf = append(d.buf, data...)
	d.buf = append(d.buf, "\nendstream"...)
	d.end()
}

// writeCatalog writes the catalog: a tagged document (the structure tree
// is written after the pages) with its language, output intent and
// metadata.
func (d *docWriter) writeCatalog() {
	d.begin(d.catalog)
	d.buf = append(d.buf, "<</Type/Catalog/Pages "...)
	d.ref(d.pages)
	d.buf = append(d.buf, "/Metadata "...)
	d.ref(d.meta)
	d.buf = append(d.buf, "/MarkInfo<</Marked true>>/StructTreeRoot "...)
	d.ref(d.structRoot)
	d.buf = append(d.buf, "/OutputIntents["...)
	d.ref(d.intent)
	d.buf = append(d.buf, "]"...)
	if d.doc.Lang != "" {
		d.buf = append(d.buf, "/Lang"...)
		d.buf = appendTextString(d.buf, d.doc.Lang)
	}
	if d.doc.RTL || d.doc.Title != "" {
		d.buf = append(d.buf, "/ViewerPreferences<<"...)
		if d.doc.RTL {
			d.buf = append(d.buf, "/Direction/R2L"...)
		}
		if d.doc.Title != "" {
			d.buf = append(d.buf, "/DisplayDocTitle true"...)
		}
		d.buf = append(d.buf, ">>"...)
	}
	d.buf = append(d.buf, ">>"...)
	d.end()
}

func (d *docWriter) pageTree() {
	d.begin(d.pages)
	d.buf = append(d.buf, "<</Type/Pages/Kids["...)
	for i, n := range d.pageObj {
		if i > 0 {
			d.buf = append(d.buf, ' ')
		}
		d.ref(n)
	}
	d.buf = append(d.buf, "]/Count "...)
	d.buf = strconv.AppendInt(d.buf, int64(len(d.doc.Pages)), 10)
	d.buf = append(d.buf, ">>"...)
	d.end()
}

func (d *docWriter) resources() {
	d.begin(d.res)
	d.buf = append(d.buf, "<</Font<<"...)
	for _, f := range d.fonts {
		d.buf = append(d.buf, f.name...)
		d.buf = append(d.buf, ' ')
		d.ref(f.obj)
		if f.layerObj != 0 {
			d.buf = append(d.buf, f.layerName...)
			d.buf = append(d.buf, ' ')
			d.ref(f.layerObj)
		}
	}
	d.buf = append(d.buf, ">>"...)
	xobj := false
	for _, f := range d.fonts {
		for g, form := range f.formOf {
			if form == 0 {
				continue
			}
			if !xobj {
				d.buf = append(d.buf, "/XObject<<"...)
				xobj = true
			}
			d.buf = f.appendFormName(d.buf, uint16(g))
			d.buf = append(d.buf, ' ')
			d.ref(f.forms[form-1])
		}
	}
	if xobj {
		d.buf = append(d.buf, ">>"...)
	}
	d.buf = append(d.buf, ">>"...)
	d.end()
}

// glyphForms writes one form XObject per distinct outline of a font's
// silent glyphs: the outline in font units, filled in the colour of the
// page where it is drawn.
func (d *docWriter) glyphForms(f *fontUse) {
	for i, g := range f.drawn {
		form := glyphOutline(f.id, g)
		d.rawStream(f.forms[i], form.dict, form.z)
	}
}

func (d *docWriter) page(i int) error {
	p := &d.doc.Pages[i]
	n := d.pageObj[i]
	w, h := p.Paper.Width, p.Paper.Height
	if !finite(w, h) || w <= 0 || h <= 0 || w > 14400 || h > 14400 {
		return fmt.Errorf("bad paper size %v × %v", w, h)
	}
	c := content{height: h, tz: 100, b: d.s.content[:0], cuts: d.s.cuts[:0], runes: d.s.runes, ltrEnd: math.NaN()}
	defer func() { d.s.content, d.s.cuts, d.s.runes = c.b, c.cuts, c.runes }()
	pp := &pagePainter{d: d, c: &c, page: i}
	if err := p.Paint(pp); err != nil {
		return err
	}
	pp.closeArtifact()
	d.begin(n)
	d.buf = append(d.buf, "<</Type/Page/Parent "...)
	d.ref(d.pages)
	d.buf = append(d.buf, "/MediaBox[0 0 "...)
	d.buf = appendNum(d.buf, w, 2)
	d.buf = append(d.buf, ' ')
	d.buf = appendNum(d.buf, h, 2)
	d.buf = append(d.buf, "]/Resources "...)
	d.ref(d.res)
	d.buf = append(d.buf, "/Contents "...)
	d.ref(n + 1)
	d.buf = append(d.buf, "/StructParents "...)
	d.buf = strconv.AppendInt(d.buf, int64(i), 10)
	d.buf = append(d.buf, "/Tabs/S>>"...)
	d.end()
	d.stream(n+1, "", c.b, false, c.cuts...)
	return nil
}

// pagePainter writes a page's display list into its content stream, each
// item marked as an artifact or as marked content with an MCID.
type pagePainter struct {
	d          *docWriter
	c          *content
	page       int
	mcid       int
	inArtifact bool // inside an open /Artifact BMC of rules and boxes
	block      int  // structure block and paragraph of the last run drawn,
	para       int
	ran        bool // and whether one was
}

func (pp *pagePainter) Run(r *layout.GlyphRun, it layout.Item) error {
	if len(r.Glyphs) == 0 {
		return nil
	}
	pp.closeArtifact()
	if pp.ran && (it.Struct.Block != pp.block || it.Struct.Para != pp.para) {
		// Each paragraph (block line: a signature's name, an address
		// line) starts a compression piece (appendZlib joins short ones),
		// so a signer's name costs compressing its own line, not its whole
		// block.
		pp.c.cuts = append(pp.c.cuts, len(pp.c.b))
	}
	pp.block, pp.para, pp.ran = it.Struct.Block, it.Struct.Para, true
	if it.Struct.Artifact {
		pp.c.b = append(pp.c.b, "/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n"...)
	} else {
		pp.begin(it.Struct, r.Lang)
	}
	if err := pp.c.run(r, pp.d.fontFor(r.Font), pp.d.modes[pp.page][it.Index]); err != nil {
		return fmt.Errorf("run %d: %w", it.Index, err)
	}
	pp.c.b = append(pp.c.b, "EMC\n"...)
	return nil
}

func (pp *pagePainter) Rule(r layout.Rule, it layout.Item) error {
	pp.openArtifact()
	if err := pp.c.rule(r); err != nil {
		return fmt.Errorf("rule %d: %w", it.Index, err)
	}
	return nil
}

func (pp *pagePainter) Box(b layout.Box, it layout.Item) error {
	pp.openArtifact()
	if err := pp.c.box(b); err != nil {
		return fmt.Errorf("box %d: %w", it.Index, err)
	}
	return nil
}

// begin opens the marked content of a structure element's part and
// records it for the structure tree.
func (pp *pagePainter) begin(st layout.Struct, lang string) {
	tag := pp.d.markTag(st, lang)
	pp.d.marks = append(pp.d.marks, mark{page: pp.page, mcid: pp.mcid, st: st, lang: lang, tag: tag})
	pp.c.b = append(pp.c.b, '/')
	pp.c.b = append(pp.c.b, tag...)
	pp.c.b = append(pp.c.b, "<</MCID "...)
	pp.c.b = strconv.AppendInt(pp.c.b, int64(pp.mcid), 10)
	pp.c.b = append(pp.c.b, ">>BDC\n"...)
	pp.mcid++
}

// Rules and boxes are page furniture: consecutive ones share one
// /Artifact sequence, closed before the next run and at the page's end.
func (pp *pagePainter) openArtifact() {
	if !pp.inArtifact {
		pp.c.b = append(pp.c.b, "/Artifact BMC\n"...)
		pp.inArtifact = true
	}
}

func (pp *pagePainter) closeArtifact() {
	if pp.inArtifact {
		pp.c.b = append(pp.c.b, "EMC\n"...)
		pp.inArtifact = false
	}
}

func (d *docWriter) fontFor(id fonts.ID) *fontUse {
	for _, f := range d.fonts {
		if f.id == id {
			return f
		}
	}
	return nil
}

// trailer writes the cross-reference table and a trailer whose /ID is a
// hash of everything before it.
func (d *docWriter) trailer() {
	sum := documentID(d.buf)
	xref := len(d.buf)
	d.buf = append(d.buf, "xref\n0 "...)
	d.buf = strconv.AppendInt(d.buf, int64(len(d.offsets)), 10)
	d.buf = append(d.buf, "\n0000000000 65535 f \n"...)
	for _, off := range d.offsets[1:] {
		d.buf = appendPadded(d.buf, off, 10)
		d.buf = append(d.buf, " 00000 n \n"...)
	}
	d.buf = append(d.buf, "trailer\n<</Size "...)
	d.buf = strconv.AppendInt(d.buf, int64(len(d.offsets)), 10)
	d.buf = append(d.buf, "/Root "...)
	d.ref(d.catalog)
	d.buf = append(d.buf, "/Info "...)
	d.ref(d.info)
	d.buf = append(d.buf, "/ID["...)
	for range 2 {
		d.buf = append(d.buf, '<')
		for _, c := range sum {
			d.buf = append(d.buf, hexDigits[c>>4], hexDigits[c&15])
		}
		d.buf = append(d.buf, '>')
	}
	d.buf = append(d.buf, "]>>\nstartxref\n"...)
	d.buf = strconv.AppendInt(d.buf, int64(xref), 10)
	d.buf = append(d.buf, "\n%%EOF\n"...)
}

// documentID is the file identifier: a hash of everything before the
// cross-reference table, so equal documents get equal identifiers and
// the bytes stay deterministic. Two xxHash-64 sums (seeds 0 and 1) make
// its 16 bytes; SHA-256 took a twentieth of a letter's time.
func documentID(b []byte) [16]byte {
	var id [16]byte
	binary.BigEndian.PutUint64(id[:8], xxhash.Sum64(b))
	h := xxhash.NewWithSeed(1)
	h.Write(b)
	binary.BigEndian.PutUint64(id[8:], h.Sum64())
	return id
}

// appendPadded appends n in decimal, zero-padded to width digits.
func appendPadded(b []byte, n, width int) []byte {
	var digits [20]byte
	i := len(digits)
	for n > 0 || i == len(digits) {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	for range width - (len(digits) - i) {
		b = append(b, '0')
	}
	return append(b, digits[i:]...)
}

// Compression levels: per-request streams favour speed; subset font files
// are cached, so they get the default level's smaller output.
const (
	levelStream = zlib.BestSpeed
	levelFont   = zlib.DefaultCompression
	levelForm   = zlib.BestCompression // glyph forms, cached for the process
)

// zbuf is a reusable zlib writer with its output buffer: a fresh Flate
// writer allocates over half a megabyte of state.
type zbuf struct {
	out   bytes.Buffer
	w     *zlib.Writer
	level int
}

var zpools = map[int]*sync.Pool{levelStream: newZPool(levelStream), levelFont: newZPool(levelFont), levelForm: newZPool(levelForm)}

func newZPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		z := &zbuf{level: level}
		z.w, _ = zlib.NewWriterLevel(&z.out, level) // level is a valid constant
		return z
	}}
}

func getZ(level int) *zbuf { return zpools[level].Get().(*zbuf) }

func putZ(z *zbuf) { zpools[z.level].Put(z) }

// compress returns the zlib stream of data; the result is valid until the
// next call.
func (z *zbuf) compress(data []byte) []byte {
	z.out.Reset()
	z.w.Reset(&z.out)
	z.w.Write(data) // writes to a bytes.Buffer cannot fail
	z.w.Close()
	return z.out.Bytes()
}
