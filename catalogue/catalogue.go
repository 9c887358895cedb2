// Package catalogue loads the Urgent Action catalogue from its YAML files
// (actions, their letters in every language, locales), checks every file
// and names each problem by file and line, normalises fax numbers to
// E.164, and keeps the catalogue in service in a Store that a reload can
// swap. Composing a letter from it is package letter's job.
package catalogue

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/ualetters/ualetters/model"
)

// Catalogue is a loaded, validated set of actions and locales. It is
// read-only after Load and safe for concurrent use.
type Catalogue struct {
	actions map[string]*Action
	order   []string
	locales map[string]*Locale
}

// Action is one Urgent Action, shaped for GET /v1/actions/{id}.
type Action struct {
	ID                 string            `json:"id"`
	Reference          string            `json:"reference"`
	AIIndex            string            `json:"ai_index"`
	Title              map[string]string `json:"title"`
	Issued             string            `json:"issued"`
	Deadline           string            `json:"deadline"`
	TimeZone           string            `json:"time_zone"`
	PreferredLanguages []string          `json:"preferred_languages"`
	Languages          []Language        `json:"languages"`
	Recipients         []Recipient       `json:"recipients"`

	loc     *time.Location
	letters map[string]*Letter
	refLine int // line of reference in action.yaml, for problems
}

// Language is one language an action's letter is offered in.
type Language struct {
	Code        string          `json:"code"`
	Name        string          `json:"name"`         // in the language itself
	EnglishName string          `json:"english_name"` // "Urdu"
	Tag         string          `json:"tag"`          // BCP 47
	Dir         model.Direction `json:"dir"`
	Font        string          `json:"font"`   // family of the script font
	Status      string          `json:"status"` // source, reviewed or draft
	Note        string          `json:"note,omitempty"`
	// NeedsNativeReview marks a draft that must not be sent before a native
	// speaker has reviewed it (a translator could not vouch for it), as
	// distinct from an ordinary draft. The letter is still offered.
	NeedsNativeReview bool `json:"needs_native_review,omitempty"`
}

// Recipient roles.
const (
	RecipientMain = "main"
	RecipientCopy = "copy"
)

// Recipient is an addressee of the appeal: the main addressee or a copy.
type Recipient struct {
	Key          string   `json:"key"`  // role key: prime-minister, embassy-bern, …
	Role         string   `json:"role"` // "main" or "copy"
	Name         string   `json:"name"`
	Title        string   `json:"title,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
	Address      []string `json:"address,omitempty"`
	Country      string   `json:"country,omitempty"`
	Fax          string   `json:"fax,omitempty"` // E.164
	Email        string   `json:"email,omitempty"`
	Forward      bool     `json:"forward,omitempty"` // asked to forward the appeal to the main addressee

	faxDisplay string              // international format, for cover sheets
	lang       string              // language of the postal data
	salutation map[string]string   // per language
	addressee  map[string]string   // per language: how messages name this recipient
	heading    map[string][]string // per language: lines above the postal address
	copyLine   map[string]string   // per language: the line in the copy list
}

// Main reports whether r is the main addressee.
func (r *Recipient) Main() bool { return r.Role == RecipientMain }

// FaxDisplay is the fax number in international format ("+41 31 350 17 99").
func (r *Recipient) FaxDisplay() string { return r.faxDisplay }

// Salutation is the recipient's salutation in lang, as literal text.
func (r *Recipient) Salutation(lang string) string { return r.salutation[lang] }

// Addressee is how cover-sheet messages in lang name the recipient.
func (r *Recipient) Addressee(lang string) string { return r.addressee[lang] }

// Heading is the lines above the postal address in lang (title and name
// as readers of lang write them).
func (r *Recipient) Heading(lang string) []string { return r.heading[lang] }

// CopyLine is the recipient's line in the copy list of a letter in lang.
func (r *Recipient) CopyLine(lang string) string { return r.copyLine[lang] }

// PostalLang is the language the postal address and country are written
// in ("en" unless the action says otherwise).
func (r *Recipient) PostalLang() string { return r.lang }

// Letter is an action's letter in one language, parsed and checked, with
// the locale of that language.
type Letter struct {
	Locale            *Locale
	Status, Note      string
	NeedsNativeReview bool
	Salutation        Template
	Closing           Template
	Signature         Template
	Body              []BodyPart
}

// BodyPart is a paragraph or a bulleted list of a letter's model body.
type BodyPart struct {
	Bullets bool
	Items   []Template // one paragraph, or one template per bullet
}

// Sentinel errors callers branch on (the API maps them to status codes).
var (
	ErrUnknownAction    = errors.New("unknown action")
	ErrUnknownRecipient = errors.New("unknown recipient")
)

// Load reads and validates every action and locale in fsys (the
// layout of package templates). Any problem makes it fail with a
// *TemplateError listing all of them.
func Load(fsys fs.FS) (*Catalogue, error) {
	c, ps := load(fsys)
	if len(ps.list) > 0 {
		return nil, &TemplateError{Problems: ps.sorted()}
	}
	return c, nil
}

// CheckTemplates validates the templates in fsys and returns every problem
// (none when they are fine). Load runs the same checks.
func CheckTemplates(fsys fs.FS) []Problem {
	_, ps := load(fsys)
	return ps.sorted()
}

func load(fsys fs.FS) (*Catalogue, *problems) {
	ps := &problems{}
	c := &Catalogue{actions: map[string]*Action{}, locales: loadLocales(fsys, ps)}
	dirs, err := fs.ReadDir(fsys, "actions")
	if err != nil {
		ps.add("actions", 0, "cannot list actions: %v", err)
		return c, ps
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		if a := loadAction(fsys, "actions/"+d.Name(), c.locales, ps); a != nil {
			c.actions[a.ID] = a
			c.order = append(c.order, a.ID)
		}
	}
	if len(c.order) == 0 {
		ps.add("actions", 0, "no actions found")
	}
	sort.Strings(c.order)
	checkReferences(c, ps)
	return c, ps
}

// Actions returns every action, ordered by id.
func (c *Catalogue) Actions() []*Action {
	out := make([]*Action, len(c.order))
	for i, id := range c.order {
		out[i] = c.actions[id]
	}
	return out
}

// Action returns the action with the given id, or an error wrapping
// ErrUnknownAction.
func (c *Catalogue) Action(id string) (*Action, error) {
	a, ok := c.actions[id]
	if !ok {
		return nil, fmt.Errorf("%w: %q (available: %s)", ErrUnknownAction, id, strings.Join(c.order, ", "))
	}
	return a, nil
}

// Locale returns the locale data of a language, or nil.
func (c *Catalogue) Locale(lang string) *Locale { return c.locales[lang] }

// Offers reports whether the action's letter exists in lang.
func (a *Action) Offers(lang string) bool {
	_, ok := a.letters[lang]
	return ok
}

// Letter is the action's letter in lang, or false when the action is not
// offered in lang.
func (a *Action) Letter(lang string) (*Letter, bool) {
	lt, ok := a.letters[lang]
	return lt, ok
}

// LanguageCodes lists the codes of the action's languages, in catalogue order.
func (a *Action) LanguageCodes() []string {
	out := make([]string, len(a.Languages))
	for i, l := range a.Languages {
		out[i] = l.Code
	}
	return out
}

// Recipient returns the recipient with the given key ("" is the main
// addressee), or an error wrapping ErrUnknownRecipient.
func (a *Action) Recipient(key string) (*Recipient, error) {
	for i := range a.Recipients {
		r := &a.Recipients[i]
		if r.Key == key || (key == "" && r.Main()) {
			return r, nil
		}
	}
	keys := make([]string, len(a.Recipients))
	for i, r := range a.Recipients {
		keys[i] = r.Key
	}
	return nil, fmt.Errorf("%w: %q (recipients of %s: %s)", ErrUnknownRecipient, key, a.ID, strings.Join(keys, ", "))
}

// MainRecipient returns the main addressee.
func (a *Action) MainRecipient() *Recipient {
	r, _ := a.Recipient("")
	return r
}

// Location is the action's time zone.
func (a *Action) Location() *time.Location { return a.loc }
