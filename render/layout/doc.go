// Package layout places a composed letter on pages: it breaks paragraphs
// into lines with the text engine, paginates with widow, orphan and
// keep-with-next rules, adds footers, and produces a display list of glyph
// runs, rules and boxes that the PDF and raster back ends paint.
package layout
