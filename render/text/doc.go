// Package text is the text engine: it resolves bidi levels, itemizes text
// into runs of one font and direction, shapes them with HarfBuzz (go-text's
// port, pinned at v0.3.3), breaks lines at UAX #14 opportunities, justifies
// them and reorders them visually, producing positioned glyphs to draw.
package text
