// Package docx renders a composed letter (letter.Document) as an editable
// WordprocessingML document (.docx) with a small, typed writer on top of
// encoding/xml escaping and archive/zip.
//
// Every block role has a named paragraph style, so an editor sees
// "Salutation", "Body" or "Signature" instead of direct formatting.
// Right-to-left letters get bidi sections and paragraphs; each run holds a
// single script (Arabic-script runs carry w:rtl and the complex-script font
// slot, Latin runs their own Noto Sans). Direction comes from w:bidi and
// w:rtl alone: no bidi control character is written (LibreOffice lays
// them out badly); user fields and LTR values such as phone numbers are
// runs of their own, and bidi controls typed by users are dropped.
// The fonts the letter uses are embedded as obfuscated .odttf parts; their
// compressed bytes are prepared once and copied into each package with
// zip.Writer.CreateRaw. Output is deterministic: identical documents give
// identical bytes.
package docx
