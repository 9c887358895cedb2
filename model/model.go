// Package model is the document model: what composing a letter produces
// and every renderer (PDF, DOCX, raster) consumes. It knows nothing of the
// catalogue, YAML or phone numbers, so the renderers depend on it alone.
package model

// Direction is a paragraph or document direction.
type Direction string

// Directions.
const (
	LTR Direction = "ltr"
	RTL Direction = "rtl"
)

// Role says what a block is; renderers map roles to styles.
type Role string

// Block roles of a letter and of a fax cover sheet.
const (
	RoleSender     Role = "sender"     // signer's address block
	RoleDate       Role = "date"       // place and date line
	RoleRecipient  Role = "recipient"  // addressee's name, title and postal address
	RoleSubject    Role = "subject"    // "UA 109/23: Stop deporting Afghan refugees"
	RoleSalutation Role = "salutation" // "Dear H.E. …,"
	RoleBody       Role = "body"       // one paragraph of the letter text
	RoleBullets    Role = "bullets"    // a bulleted list: one Line per item
	RoleClosing    Role = "closing"    // "Yours sincerely,"
	RoleSignature  Role = "signature"  // signer's name (and city)
	RoleCopies     Role = "copies"     // "Copy to: …" lines

	RoleCoverTitle   Role = "cover-title"   // "Fax"
	RoleCoverField   Role = "cover-field"   // Label + value lines (To, Fax, From, Date, Pages, Subject)
	RoleCoverMessage Role = "cover-message" // the note to the recipient
)

// Kind says where a run's text comes from, which decides how bidi treats it.
type Kind int

// Run kinds.
const (
	// Template text: part of the translated letter, laid out in the
	// paragraph's own bidi context.
	Template Kind = iota
	// User text (name, address, own words): isolated, so nothing in it
	// (bidi controls included) can reorder the text around it.
	User
	// LTR text (phone and fax numbers, postcodes, UA ids, dates, emails):
	// laid out as a left-to-right isolate, so "0300-1234567" stays intact
	// inside right-to-left text.
	LTRIsolate
)

// Style is the character style of a run.
type Style struct {
	Bold   bool `json:"bold,omitempty"`
	Italic bool `json:"italic,omitempty"`
}

// Run is a piece of text in one language, kind and style. Runs never carry
// markup: their text is set literally.
type Run struct {
	Text  string `json:"text"`
	Lang  string `json:"lang"` // language code of the text: en, fr, de, ur, sd, bal, pnb
	Kind  Kind   `json:"kind"`
	Style Style  `json:"style"`
}

// Line is one paragraph-level line of a block: an address line, a bullet
// item, or a whole paragraph (which the layout breaks into lines).
type Line struct {
	Runs []Run `json:"runs"`
}

// Text is the line's text in logical order.
func (l Line) Text() string {
	s := ""
	for _, r := range l.Runs {
		s += r.Text
	}
	return s
}

// Block is one element of the letter.
type Block struct {
	Role  Role   `json:"role"`
	Label []Run  `json:"label,omitempty"` // cover-sheet field label ("To"); empty elsewhere
	Lines []Line `json:"lines"`
}

// Document is a composed letter or cover sheet, ready to render.
type Document struct {
	Kind      string    `json:"kind"`      // "letter" or "cover"
	ActionID  string    `json:"action_id"` // "109-23"
	Reference string    `json:"reference"` // "UA 109/23", shown in footers
	Lang      string    `json:"lang"`      // language code: en, ur, …
	Tag       string    `json:"tag"`       // BCP 47 tag: ur-PK, sd-Arab-PK, …
	Dir       Direction `json:"dir"`
	Title     string    `json:"title"`   // document title (metadata)
	Subject   string    `json:"subject"` // metadata subject: the UA reference
	Author    string    `json:"author"`  // the signer's name (metadata)
	Date      string    `json:"date"`    // ISO 8601 date of the letter, for metadata
	Blocks    []Block   `json:"blocks"`
}

// RTL reports whether the document is right-to-left.
func (d *Document) RTL() bool { return d.Dir == RTL }
