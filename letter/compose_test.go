package letter_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
)

// variants lists, per language, text that must appear for each gender
// (female, male, unspecified); every other gender's text must not appear.
// Languages without first-person agreement in the letter (en, de, and
// Balochi, which has no grammatical gender) give one text for everyone.
var variants = map[string][3][]string{
	"fr":  {{"Profondément préoccupée,"}, {"Profondément préoccupé,"}, {"ma profonde préoccupation"}},
	"ur":  {{"لکھ رہی ہوں", "اپیل کرتی ہوں", "آپ کی مخلص"}, {"لکھ رہا ہوں", "اپیل کرتا ہوں", "آپ کا مخلص"}, {"یہ خط", "آپ سے پُرزور اپیل ہے", "والسلام"}},
	"pnb": {{"لکھ رہی ہاں", "اپیل کردی ہاں", "تہاڈی مخلص"}, {"لکھ رہیا ہاں", "اپیل کردا ہاں", "تہاڈا مخلص"}, {"ایہہ چٹھی", "زوردار اپیل اے", "احترام نال"}},
	"sd":  {{"لکي رهي آهيان", "اپيل ڪريان ٿي", "توهان جي مخلص"}, {"لکي رهيو آهيان", "اپيل ڪريان ٿو", "توهان جو مخلص"}, {"هي خط", "زور ڀري اپيل آهي", "احترام سان"}},
}

var genders = [3]letter.Gender{letter.Female, letter.Male, letter.Unspecified}

func TestGenderAgreement(t *testing.T) {
	c := loadCat(t)
	for _, lang := range allLangs {
		var texts [3]string
		for i, g := range genders {
			texts[i] = docText(compose(t, c, lang, g))
		}
		want, ok := variants[lang]
		if !ok {
			if texts[0] != texts[1] || texts[1] != texts[2] {
				t.Errorf("%s: letters differ by gender, but the language has no variants", lang)
			}
			continue
		}
		for i := range genders {
			for j := range genders {
				for _, s := range want[j] {
					if has := strings.Contains(texts[i], s); has != (i == j) {
						t.Errorf("%s %s letter: contains %q = %v", lang, genders[i], s, has)
					}
				}
			}
		}
	}
}

// Unset gender is the unspecified wording.
func TestEmptyGenderIsUnspecified(t *testing.T) {
	c := loadCat(t)
	if docText(compose(t, c, "ur", "")) != docText(compose(t, c, "ur", letter.Unspecified)) {
		t.Error("empty gender differs from unspecified")
	}
}

var slashForm = regexp.MustCompile(`\p{L}/\p{L}`)

func TestNoSlashFormsOrMarkers(t *testing.T) {
	c := loadCat(t)
	for _, lang := range allLangs {
		for _, g := range genders {
			text := docText(compose(t, c, lang, g))
			if m := slashForm.FindString(text); m != "" {
				t.Errorf("%s %s: slash form %q", lang, g, m)
			}
			if strings.Contains(text, "{{") || strings.Contains(text, "}}") || strings.Contains(text, "|") {
				t.Errorf("%s %s: template syntax left in the letter", lang, g)
			}
		}
	}
}

// The composed letters use only characters the bundled fonts cover, and
// every Arabic-script character is in the language's own script font.
func TestArabicScriptLettersCovered(t *testing.T) {
	c := loadCat(t)
	for _, lang := range []string{"ur", "sd", "bal", "pnb"} {
		script := fonts.ScriptFont(lang)
		for _, g := range genders {
			d := compose(t, c, lang, g)
			text := docText(d)
			if missing := fonts.Uncovered(lang, text); len(missing) > 0 {
				t.Errorf("%s: uncovered %q", lang, string(missing))
			}
			arabic := 0
			for _, r := range text {
				if fonts.IsArabicScript(r) {
					arabic++
					if !script.Has(r) {
						t.Errorf("%s: %s lacks U+%04X %q", lang, script.Family(), r, string(r))
					}
				}
			}
			if arabic < 1500 {
				t.Errorf("%s: only %d Arabic-script characters; is the letter translated?", lang, arabic)
			}
			if d.Dir != letter.RTL {
				t.Errorf("%s: dir %s", lang, d.Dir)
			}
		}
	}
}

// Orthography: Urdu and Punjabi use ی ک ہ, not Arabic ي ك ه; Sindhi uses
// ڪ for k and its own letters.
func TestOrthography(t *testing.T) {
	c := loadCat(t)
	for _, lang := range []string{"ur", "pnb"} {
		text := docText(compose(t, c, lang, letter.Female))
		if strings.ContainsAny(text, "\u064A\u0643\u0647") {
			t.Errorf("%s uses Arabic yeh, kaf or heh", lang)
		}
	}
	sd := docText(compose(t, c, "sd", letter.Female))
	for _, r := range "ڪ۾۽ٿڏڳ" {
		if !strings.ContainsRune(sd, r) {
			t.Errorf("sd: no %q", r)
		}
	}
}

func TestLetterStructure(t *testing.T) {
	c := loadCat(t)
	for _, lang := range allLangs {
		d := compose(t, c, lang, letter.Female)
		var roles []string
		for _, b := range d.Blocks {
			if n := len(roles); n == 0 || roles[n-1] != string(b.Role) {
				roles = append(roles, string(b.Role))
			}
		}
		want := "sender date recipient subject salutation body bullets closing signature copies"
		if got := strings.Join(roles, " "); got != want {
			t.Errorf("%s: roles %s", lang, got)
		}
		if b := blocks(d, letter.RoleBullets); len(b) != 1 || len(b[0].Lines) != 3 {
			t.Errorf("%s: want one list of three demands, got %+v", lang, b)
		}
		if n := len(blocks(d, letter.RoleBody)); n != 6 {
			t.Errorf("%s: %d body paragraphs, want 6", lang, n)
		}
		if d.Lang != lang || d.ActionID != "109-23" || d.Reference != "UA 109/23" || d.Author != "Amina Khan" || d.Date != "2023-11-21" {
			t.Errorf("%s: metadata %+v", lang, d)
		}
		copies := blocks(d, letter.RoleCopies)[0].Lines
		if len(copies) != 4 { // the label and three copies; their wording: TestCopyList
			t.Errorf("%s: copies %v", lang, copies)
		}
	}
}

// User values are User runs; numbers, postcodes, e-mail, the UA id and
// date numbers are LTR isolates; no run mixes them with template text.
func TestRunKinds(t *testing.T) {
	c := loadCat(t)
	d := compose(t, c, "ur", letter.Female)
	kinds := map[string]letter.Kind{}
	for _, b := range d.Blocks {
		for _, l := range b.Lines {
			for _, r := range l.Runs {
				kinds[r.Text] = r.Kind
			}
		}
	}
	for text, want := range map[string]letter.Kind{
		"Amina Khan": letter.User, "3005 Bern": letter.User, "Bahnhofstrasse 1": letter.User, "Switzerland": letter.User,
		"amina@example.org": letter.LTRIsolate, "UA 109/23": letter.LTRIsolate,
		"21": letter.LTRIsolate, "2023": letter.LTRIsolate, "14": letter.LTRIsolate,
		"G-5/2 Islamabad": letter.LTRIsolate,
	} {
		if got, ok := kinds[text]; !ok || got != want {
			t.Errorf("run %q: kind %v (present %v), want %v", text, got, ok, want)
		}
	}
	subj := blocks(d, letter.RoleSubject)[0].Lines[0]
	// Right-to-left locales put the reference on its own line.
	if subj.Text() != "UA 109/23\nافغان پناہ گزینوں کی ملک بدری بند کی جائے" {
		t.Errorf("subject %q", subj.Text())
	}
}

// User input is set literally: markup-looking text adds no structure.
func TestUserTextIsLiteral(t *testing.T) {
	c := loadCat(t)
	s := signer(letter.Male)
	s.Name = "{{salutation}} - *Bold*"
	d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: "en", Signer: s}, now)
	if err != nil {
		t.Fatal(err)
	}
	sig := blocks(d, letter.RoleSignature)[0].Lines[0].Runs
	if len(sig) != 1 || sig[0].Text != s.Name || sig[0].Kind != letter.User {
		t.Errorf("signature runs %+v", sig)
	}
}

func TestOwnWords(t *testing.T) {
	c := loadCat(t)
	body := "Dear friends of {{signer}},\r\nplease stop.\n\n- not a bullet\n\n\n\nThird\rparagraph.\tEnd"
	d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: "ur", Signer: signer(letter.Female), Body: body}, now)
	if err != nil {
		t.Fatal(err)
	}
	paras := blocks(d, letter.RoleBody)
	// Line breaks inside a paragraph stay (CR LF and CR become LF).
	want := []string{"Dear friends of {{signer}},\nplease stop.", "- not a bullet", "Third\nparagraph.\tEnd"}
	if len(paras) != len(want) || len(blocks(d, letter.RoleBullets)) != 0 {
		t.Fatalf("paragraphs %+v", paras)
	}
	for i, p := range paras {
		r := p.Lines[0].Runs
		if len(r) != 1 || r[0].Text != want[i] || r[0].Kind != letter.User {
			t.Errorf("paragraph %d: %+v", i, r)
		}
	}
	if len(blocks(d, letter.RoleSalutation)) != 1 || len(blocks(d, letter.RoleClosing)) != 1 || len(blocks(d, letter.RoleSignature)) != 1 {
		t.Error("salutation, closing and signature must stay")
	}
	// A body of blank lines is no own words: the model letter stays.
	d, err = letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: "en", Signer: signer(letter.Female), Body: "  \n\n \t "}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks(d, letter.RoleBody)) < 4 || len(blocks(d, letter.RoleBullets)) != 1 {
		t.Errorf("blank body dropped the model letter: %d paragraphs", len(blocks(d, letter.RoleBody)))
	}
}

func TestRecipientChoice(t *testing.T) {
	c := loadCat(t)
	d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: "de", Signer: signer(""), Recipient: "interior"}, now)
	if err != nil {
		t.Fatal(err)
	}
	text := docText(d)
	if !strings.Contains(text, "Sehr geehrter Herr Minister,") || !strings.Contains(text, "Herrn Sarfraz Bugti\nInnenminister\nInnenministerium\nSecretary, Room #409, 4th Floor, R-Block\n") {
		t.Errorf("letter to the interior minister:\n%s", text)
	}
	copies := blocks(d, letter.RoleCopies)[0]
	if strings.Contains(docText(&letter.Document{Blocks: []letter.Block{copies}}), "Bugti") {
		t.Error("the addressee is listed among the copies")
	}
}

func TestDates(t *testing.T) {
	c := loadCat(t)
	day := time.Date(2024, 2, 8, 0, 0, 0, 0, time.UTC)
	may := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	want := map[string][2]string{
		"en":  {"8 February 2024", "1 May 2024"},
		"fr":  {"8 février 2024", "1er mai 2024"}, // day_suffixes: {1: er}
		"de":  {"8. Februar 2024", "1. Mai 2024"},
		"ur":  {"8 فروری 2024ء", "1 مئی 2024ء"},   // year_mark: ء
		"sd":  {"8 فيبروري 2024ع", "1 مئي 2024ع"}, // year_mark: ع
		"pnb": {"8 فروری 2024", "1 مئی 2024"},
		"bal": {"8 فروری 2024", "1 مئی 2024"},
	}
	for lang, w := range want {
		l := c.Locale(lang)
		if got := l.FormatDate(day); got != w[0] {
			t.Errorf("%s: %q, want %q", lang, got, w[0])
		}
		if got := l.FormatDate(may); got != w[1] {
			t.Errorf("%s: %q, want %q", lang, got, w[1])
		}
	}
}

func TestDateLine(t *testing.T) {
	c := loadCat(t)
	cases := []struct{ lang, date, city, want string }{
		{"en", "", "Bern", "Bern, 21 November 2023"}, // default: today in Karachi
		{"fr", "2024-01-05", "Genève", "Genève, le 5 janvier 2024"},
		{"ur", "2024-01-05", "کراچی", "5 جنوری 2024ء"}, // the city heads the sender block
		{"de", "2024-01-05", "", "5. Januar 2024"},
	}
	for _, tc := range cases {
		s := signer(letter.Female)
		s.City = tc.city
		d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: tc.lang, Signer: s, Date: tc.date}, now)
		if err != nil {
			t.Fatal(err)
		}
		if got := blocks(d, letter.RoleDate)[0].Lines[0].Text(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}

func TestDigitStyle(t *testing.T) {
	m := copyFS(t)
	edit(t, m, "locales/ur.yaml", "digits: western", "digits: extended-arabic-indic")
	c, err := catalogue.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Locale("ur").FormatDate(time.Date(2024, 2, 8, 0, 0, 0, 0, time.UTC)); got != "۸ فروری ۲۰۲۴ء" {
		t.Errorf("got %q", got)
	}
	d := compose(t, c, "ur", letter.Male)
	if !strings.Contains(docText(d), "۱۴ لاکھ") {
		t.Error("template numbers keep western digits")
	}
}

func TestComposeDeterministic(t *testing.T) {
	c := loadCat(t)
	a, b := docText(compose(t, c, "sd", letter.Male)), docText(compose(t, c, "sd", letter.Male))
	if a != b {
		t.Error("two compositions differ")
	}
}

func BenchmarkComposeUrdu(b *testing.B) {
	c := loadCat(b)
	req := letter.Request{ActionID: "109-23", Lang: "ur", Signer: signer(letter.Female)}
	for b.Loop() {
		if _, err := letter.ComposeRequest(c, req, now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadCatalogue(b *testing.B) {
	m := copyFS(b)
	for b.Loop() {
		if _, err := catalogue.Load(m); err != nil {
			b.Fatal(err)
		}
	}
}
