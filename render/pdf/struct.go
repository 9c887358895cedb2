package pdf

import (
	"strconv"

	"github.com/ualetters/ualetters/model"
	"github.com/ualetters/ualetters/render/layout"
)

// mark is one marked-content sequence of a page: a run of content with
// its MCID and where it belongs in the structure.
type mark struct {
	page, mcid int
	st         layout.Struct
	lang       string // the run's language
	tag        string // the structure type it is marked with
}

// elem is a structure element being built.
type elem struct {
	typ    string
	lang   string // /Lang when it differs from the document's
	parent *elem
	kids   []kid
	page   int // the page of its first marked content, -1 for none
	obj    int
	key    layout.Struct // what the element groups (Block, Para, Role)
}

// kid is a structure element or a marked-content reference.
type kid struct {
	e          *elem
	page, mcid int
}

// typeFor is the standard structure type of a block's text.
func typeFor(st layout.Struct) string {
	switch st.Role {
	case model.RoleSubject, model.RoleCoverTitle:
		return "H1"
	case model.RoleBullets:
		if st.Label {
			return "Lbl"
		}
		return "LBody"
	}
	return "P"
}

// markTag is the tag of a run's marked content: the type of the element
// that holds it, a Span where its language differs from the document's.
func (d *docWriter) markTag(st layout.Struct, lang string) string {
	if d.otherLang(lang) {
		return "Span"
	}
	return typeFor(st)
}

func (d *docWriter) otherLang(lang string) bool { return lang != "" && lang != d.doc.Lang }

// treeBuilder groups the page marks, in reading order, into elements:
// one per paragraph (block line), a list (L) of items (LI, with Lbl and
// LBody) for bullets, and a Span with /Lang for a run in another language.
type treeBuilder struct {
	d          *docWriter
	root       *elem
	cur        *elem // the element receiving content
	list, item *elem
	all        []*elem
	slab       []elem // elements are carved from here, a chunk at a time
}

func (b *treeBuilder) add(parent *elem, typ string, key layout.Struct) *elem {
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]elem, 0, 32)
	}
	b.slab = append(b.slab, elem{typ: typ, parent: parent, page: -1, key: key})
	e := &b.slab[len(b.slab)-1]
	parent.kids = append(parent.kids, kid{e: e})
	b.all = append(b.all, e)
	return e
}

// container returns the element that takes the content of m.
func (b *treeBuilder) container(m mark) *elem {
	st := m.st
	para := layout.Struct{Block: st.Block, Para: st.Para, Role: st.Role}
	if st.Role != model.RoleBullets {
		b.list, b.item = nil, nil
		if b.cur == nil || b.cur.key != para || b.cur.parent != b.root {
			b.cur = b.add(b.root, typeFor(st), para)
		}
		return b.cur
	}
	block := layout.Struct{Block: st.Block, Role: st.Role}
	if b.list == nil || b.list.key != block {
		b.list = b.add(b.root, "L", block)
		b.item = nil
	}
	if b.item == nil || b.item.key != para {
		b.item = b.add(b.list, "LI", para)
		b.cur = nil
	}
	if typ := typeFor(st); b.cur == nil || b.cur.parent != b.item || b.cur.typ != typ {
		b.cur = b.add(b.item, typ, para)
	}
	return b.cur
}

// place puts m's marked content into the tree and returns the element that
// holds it directly.
func (b *treeBuilder) place(m mark) *elem {
	e := b.container(m)
	if b.d.otherLang(m.lang) {
		n := len(e.kids)
		if n > 0 && e.kids[n-1].e != nil && e.kids[n-1].e.typ == "Span" && e.kids[n-1].e.lang == m.lang {
			e = e.kids[n-1].e
		} else {
			span := b.add(e, "Span", e.key)
			span.lang = m.lang
			e = span
		}
	}
	if e.page < 0 {
		e.page = m.page
	}
	e.kids = append(e.kids, kid{page: m.page, mcid: m.mcid})
	return e
}

// structTree writes the structure tree root, its elements and the parent
// tree that maps each page's MCIDs back to their elements.
func (d *docWriter) structTree() {
	root := &elem{typ: "Document", page: -1}
	b := &treeBuilder{d: d, root: root, all: append(make([]*elem, 0, 64), root)}
	byPage := make([][]*elem, len(d.doc.Pages))
	for _, m := range d.marks {
		byPage[m.page] = append(byPage[m.page], b.place(m))
	}
	for _, e := range b.all {
		e.obj = d.alloc()
	}
	parentTree := d.alloc()

	d.begin(d.structRoot)
	d.buf = append(d.buf, "<</Type/StructTreeRoot/K "...)
	d.ref(root.obj)
	d.buf = append(d.buf, "/ParentTree "...)
	d.ref(parentTree)
	d.buf = append(d.buf, "/ParentTreeNextKey "...)
	d.buf = strconv.AppendInt(d.buf, int64(len(d.doc.Pages)), 10)
	d.buf = append(d.buf, ">>"...)
	d.end()
	for _, e := range b.all {
		d.structElem(e)
	}
	d.begin(parentTree)
	d.buf = append(d.buf, "<</Nums["...)
	for p, elems := range byPage {
		d.buf = strconv.AppendInt(d.buf, int64(p), 10)
		d.buf = append(d.buf, '[')
		for i, e := range elems {
			if i > 0 {
				d.buf = append(d.buf, ' ')
			}
			d.ref(e.obj)
		}
		d.buf = append(d.buf, "]\n"...)
	}
	d.buf = append(d.buf, "]>>"...)
	d.end()
}

// structElem writes one structure element. Marked content on its first
// page is referenced by MCID; on other pages by a marked-content
// reference naming the page.
func (d *docWriter) structElem(e *elem) {
	d.begin(e.obj)
	d.buf = append(d.buf, "<</Type/StructElem/S/"...)
	d.buf = append(d.buf, e.typ...)
	d.buf = append(d.buf, "/P "...)
	if e.parent == nil {
		d.ref(d.structRoot)
	} else {
		d.ref(e.parent.obj)
	}
	if e.lang != "" {
		d.buf = append(d.buf, "/Lang"...)
		d.buf = appendTextString(d.buf, e.lang)
	}
	if e.page >= 0 {
		d.buf = append(d.buf, "/Pg "...)
		d.ref(d.pageObj[e.page])
	}
	d.buf = append(d.buf, "/K["...)
	for i, k := range e.kids {
		if i > 0 {
			d.buf = append(d.buf, ' ')
		}
		switch {
		case k.e != nil:
			d.ref(k.e.obj)
		case k.page == e.page:
			d.buf = strconv.AppendInt(d.buf, int64(k.mcid), 10)
		default:
			d.buf = append(d.buf, "<</Type/MCR/Pg "...)
			d.ref(d.pageObj[k.page])
			d.buf = append(d.buf, "/MCID "...)
			d.buf = strconv.AppendInt(d.buf, int64(k.mcid), 10)
			d.buf = append(d.buf, ">>"...)
		}
	}
	d.buf = append(d.buf, "]>>"...)
	d.end()
}
