package catalogue

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"github.com/ualetters/ualetters/fonts"
)

// letterPlaceholders is the fixed set of placeholders letter files may use.
var letterPlaceholders = []string{"signer", "city", "date", "salutation"}

// letterBlocks are the keys every letter file must have besides status/note.
var letterBlocks = []string{"salutation", "body", "closing", "signature"}

// Translation statuses.
var statuses = map[string]bool{"source": true, "reviewed": true, "draft": true}

func loadAction(fsys fs.FS, dir string, locales map[string]*Locale, ps *problems) *Action {
	file := dir + "/action.yaml"
	m, ok := yamlFile(fsys, file, ps)
	if !ok {
		return nil
	}
	m.allow("id", "reference", "ai_index", "title", "issued", "deadline", "time_zone",
		"languages", "preferred_languages", "recipients")
	ref := m.str("reference", true)
	a := &Action{
		ID: m.str("id", true).Value, Reference: ref.Value, refLine: ref.Line,
		AIIndex: m.str("ai_index", true).Value, Title: map[string]string{},
		letters: map[string]*Letter{},
	}
	if a.ID != path.Base(dir) {
		ps.add(file, m.str("id", false).Line, "id %q must match the folder name %q", a.ID, path.Base(dir))
	}
	a.Issued = isoDate(m, "issued", ps)
	a.Deadline = isoDate(m, "deadline", ps)
	tz := m.str("time_zone", true)
	loc, err := time.LoadLocation(tz.Value)
	if err != nil {
		ps.add(file, tz.Line, "time_zone %q: %v", tz.Value, err)
		loc = time.UTC
	}
	a.TimeZone, a.loc = tz.Value, loc
	a.loadLanguages(fsys, dir, m, locales, ps)
	a.loadTitles(m, ps)
	for _, rm := range m.seqOfMappings("recipients") {
		if r, ok := loadRecipient(rm, a.LanguageCodes(), ps); ok {
			a.Recipients = append(a.Recipients, r)
		}
	}
	a.checkRecipients(m, ps)
	return a
}

func isoDate(m *mapping, key string, ps *problems) string {
	t := m.str(key, true)
	if t.Value == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, t.Value); err != nil {
		ps.add(m.file, t.Line, "%s %q: not an ISO 8601 date (YYYY-MM-DD)", key, t.Value)
	}
	return t.Value
}

func (a *Action) loadLanguages(fsys fs.FS, dir string, m *mapping, locales map[string]*Locale, ps *problems) {
	listed := map[string]bool{}
	for _, t := range m.list("languages", true) {
		if listed[t.Value] {
			ps.add(m.file, t.Line, "language %q listed twice", t.Value)
			continue
		}
		listed[t.Value] = true
		loc, ok := locales[t.Value]
		if !ok {
			ps.add(m.file, t.Line, "language %q has no locale file locales/%s.yaml", t.Value, t.Value)
			continue
		}
		lt := loadLetter(fsys, dir+"/letter."+t.Value+".yaml", loc, ps)
		if lt == nil {
			continue
		}
		a.letters[t.Value] = lt
		a.Languages = append(a.Languages, Language{Code: t.Value, Name: loc.Name, EnglishName: loc.EnglishName,
			Tag: loc.Tag, Dir: loc.Dir, Font: loc.Font, Status: lt.Status, Note: lt.Note, NeedsNativeReview: lt.NeedsNativeReview})
	}
	for _, t := range m.list("preferred_languages", false) {
		if !listed[t.Value] {
			ps.add(m.file, t.Line, "preferred language %q is not in languages", t.Value)
		}
		a.PreferredLanguages = append(a.PreferredLanguages, t.Value)
	}
	files, _ := fs.Glob(fsys, dir+"/letter.*.yaml")
	for _, f := range files {
		if lang := strings.TrimSuffix(strings.TrimPrefix(path.Base(f), "letter."), ".yaml"); !listed[lang] {
			ps.add(f, 0, "letter file for %q, which action.yaml does not list in languages", lang)
		}
	}
}

func (a *Action) loadTitles(m *mapping, ps *problems) {
	titles, line := m.texts("title", true)
	for _, lang := range a.LanguageCodes() {
		t, ok := titles[lang]
		if !ok {
			if titles != nil {
				ps.add(m.file, line, "title: missing language %q", lang)
			}
			continue
		}
		parseChecked(lang, t, nil, ps)
		a.Title[lang] = t.Value
	}
}

func loadRecipient(m *mapping, langs []string, ps *problems) (Recipient, bool) {
	m.allow("key", "role", "lang", "name", "title", "organisation", "address", "country",
		"fax", "fax_region", "email", "forward", "salutation", "addressee", "heading", "copy")
	r := Recipient{
		Key: m.str("key", true).Value, Role: m.str("role", true).Value, Name: m.str("name", true).Value,
		Title: m.str("title", false).Value, Organisation: m.str("organisation", false).Value,
		Country: m.str("country", false).Value, Email: m.str("email", false).Value,
		lang: m.str("lang", false).Value,
	}
	switch f := m.str("forward", false); f.Value {
	case "", "false":
	case "true":
		r.Forward = true
	default:
		ps.add(m.file, f.Line, "recipient %q: forward must be true or false, not %q", r.Key, f.Value)
	}
	if r.lang == "" {
		r.lang = "en"
	}
	for _, t := range m.list("address", false) {
		r.Address = append(r.Address, t.Value)
	}
	if r.Role != RecipientMain && r.Role != RecipientCopy {
		ps.add(m.file, m.str("role", false).Line, "recipient %q: role must be main or copy, not %q", r.Key, r.Role)
	}
	checkCoverage(r.lang, text{Value: strings.Join(append([]string{r.Name, r.Title, r.Organisation, r.Country}, r.Address...), "\n"),
		File: m.file, Line: m.node.Line}, ps)
	r.loadFax(m, ps)
	r.salutation = perLanguage(m, "salutation", langs, true, ps)
	r.addressee = perLanguage(m, "addressee", langs, r.Main(), ps)
	r.loadNaming(m, langs, ps)
	return r, r.Key != ""
}

// loadFax normalises the fax number to E.164 for the region the number
// was written for.
func (r *Recipient) loadFax(m *mapping, ps *problems) {
	fax := m.str("fax", false)
	if fax.Value == "" {
		return
	}
	region := m.str("fax_region", true).Value
	n, err := phonenumbers.Parse(fax.Value, region)
	if err != nil {
		ps.add(m.file, fax.Line, "recipient %q: fax number %q (region %q) does not parse: %v", r.Key, fax.Value, region, err)
		return
	}
	if !phonenumbers.IsValidNumber(n) {
		ps.add(m.file, fax.Line, "recipient %q: fax number %q (region %q) is not a valid number", r.Key, fax.Value, region)
		return
	}
	r.Fax = phonenumbers.Format(n, phonenumbers.E164)
	r.faxDisplay = phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}

// perLanguage reads a mapping of one text per language.
func perLanguage(m *mapping, key string, langs []string, required bool, ps *problems) map[string]string {
	texts, line := m.texts(key, required)
	out := map[string]string{}
	if texts == nil {
		return out
	}
	for _, lang := range langs {
		t, ok := texts[lang]
		if !ok {
			ps.add(m.file, line, "%s: missing language %q", key, lang)
			continue
		}
		parseChecked(lang, t, nil, ps)
		out[lang] = t.Value
	}
	return out
}

func (a *Action) checkRecipients(m *mapping, ps *problems) {
	mains, keys := 0, map[string]bool{}
	for _, r := range a.Recipients {
		if r.Main() {
			mains++
		}
		if keys[r.Key] {
			ps.add(m.file, m.keys["recipients"].Line, "recipient key %q used twice", r.Key)
		}
		keys[r.Key] = true
	}
	if mains != 1 && m.keys["recipients"] != nil {
		ps.add(m.file, m.keys["recipients"].Line, "need exactly one main recipient, found %d", mains)
	}
}

func loadLetter(fsys fs.FS, file string, loc *Locale, ps *problems) *Letter {
	lang := loc.Code
	m, ok := yamlFile(fsys, file, ps)
	if !ok {
		return nil
	}
	m.allow(append([]string{"status", "note", "needs_native_review"}, letterBlocks...)...)
	lt := &Letter{Locale: loc, Status: m.str("status", true).Value, Note: m.str("note", false).Value}
	if !statuses[lt.Status] {
		ps.add(file, m.str("status", false).Line, "status %q: use source, reviewed or draft", lt.Status)
	}
	if lt.Status == "draft" && lt.Note == "" {
		ps.add(file, m.str("status", false).Line, "a draft needs a note saying what review it awaits")
	}
	lt.NeedsNativeReview = loadNativeReview(m, lt.Status, ps)
	for _, key := range letterBlocks {
		t := m.str(key, false)
		if _, ok := m.keys[key]; !ok {
			ps.add(file, m.node.Line, "missing block %q", key)
			continue
		}
		if strings.TrimSpace(t.Value) == "" {
			ps.add(file, t.Line, "block %q is empty", key)
		}
		if key == "body" {
			lt.loadBody(lang, t, ps)
			continue
		}
		*lt.block(key) = parseChecked(lang, t, letterPlaceholders, ps)
	}
	for _, key := range letterBlocks {
		checkSlashForms(m.str(key, false), ps)
		checkHandDates(loc, m.str(key, false), ps)
	}
	return lt
}

// loadNativeReview reads needs_native_review: true or false, and only a
// draft can need review.
func loadNativeReview(m *mapping, status string, ps *problems) bool {
	f := m.str("needs_native_review", false)
	switch f.Value {
	case "", "false":
		return false
	case "true":
		if status != "draft" {
			ps.add(m.file, f.Line, "needs_native_review: a %s letter cannot need native review; make it a draft", status)
		}
		return true
	}
	ps.add(m.file, f.Line, "needs_native_review must be true or false, not %q", f.Value)
	return false
}

// block is the template of the short block key (salutation, closing or
// signature).
func (lt *Letter) block(key string) *Template {
	switch key {
	case "salutation":
		return &lt.Salutation
	case "closing":
		return &lt.Closing
	}
	return &lt.Signature
}

// loadBody parses the body's paragraphs and bullets; problems are reported
// at their own line.
func (lt *Letter) loadBody(lang string, t text, ps *problems) {
	parseChecked(lang, t, letterPlaceholders, ps) // report at exact lines
	for _, part := range splitBody(t.Value) {
		bp := BodyPart{Bullets: part.bullets}
		for _, it := range part.items {
			segs, _ := parseTemplate(it, letterPlaceholders)
			bp.Items = append(bp.Items, segs)
		}
		lt.Body = append(lt.Body, bp)
	}
}

// checkSlashForms rejects "رہا/رہی" style forms: a slash between two
// letters. Gender alternatives belong in {{female|male|unspecified}}.
func isLetter(r rune) bool { return unicode.IsLetter(r) }

func checkSlashForms(t text, ps *problems) {
	rs := []rune(t.Value)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '/' && isLetter(rs[i-1]) && isLetter(rs[i+1]) {
			off := len(string(rs[:i]))
			ps.add(t.File, t.lineOf(off), "slash form %q: write gender variants as {{female|male|unspecified}}",
				string(rs[max(0, i-4):min(len(rs), i+5)]))
		}
	}
}

// checkCoverage reports characters no bundled font covers, and, in
// Arabic-script languages, Arabic letters the language's own script font
// lacks (they would be set in a different style). Problems are grouped by
// line.
func checkCoverage(lang string, t text, ps *problems) {
	script := fonts.ScriptFont(lang)
	type key struct {
		line   int
		script bool
	}
	found := map[key][]string{}
	var order []key
	seen := map[rune]bool{}
	for off, r := range t.Value {
		if seen[r] || fonts.Ignorable(r) {
			continue
		}
		seen[r] = true
		var k key
		if _, ok := fonts.For(lang, r); !ok {
			k = key{t.lineOf(off), false}
		} else if script.Arabic() && fonts.IsArabicScript(r) && !script.Has(r) {
			k = key{t.lineOf(off), true}
		} else {
			continue
		}
		if found[k] == nil {
			order = append(order, k)
		}
		found[k] = append(found[k], fmt.Sprintf("U+%04X %q", r, string(r)))
	}
	for _, k := range order {
		chars := strings.Join(found[k], ", ")
		if k.script {
			ps.add(t.File, k.line, "%s: %s, the script font for %s, lacks these characters", chars, script.Family(), lang)
		} else {
			ps.add(t.File, k.line, "%s: no bundled font covers these characters", chars)
		}
	}
}
