package letter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ualetters/ualetters/letter"
)

// The UA 109/23 model letter's three demands, each as the phrases that
// carry its parts, per language. The English phrases are the UA page's
// (../shared/sources/ua-109-23.txt); the others are those phrases in each
// translation. A future edit that drops or merges a demand, or a part of
// one, fails here.
var demands = map[string][3][]string{
	"en":  {{"Stop the crackdown", "halt forced returns", "reverse your decision"}, {"release refugees arbitrarily detained", "refrain from detaining"}, {"timely documentation", "all expired visas", "women and girls", "human rights defenders", "journalists", "religious and gender minorities"}},
	"fr":  {{"mettre fin à la répression", "cesser immédiatement les renvois forcés", "revenir sur votre décision"}, {"libérer immédiatement les réfugiés détenus arbitrairement", "vous abstenir à l’avenir de détenir"}, {"obtenir rapidement des papiers", "tous les visas expirés", "les femmes et les filles", "défenseurs des droits humains", "les journalistes", "minorités religieuses et de genre"}},
	"de":  {{"Beenden Sie das harte Vorgehen", "stoppen Sie umgehend die Zwangsrückführungen", "machen Sie Ihre Entscheidung rückgängig"}, {"Lassen Sie die willkürlich in Hafteinrichtungen festgehaltenen Geflüchteten umgehend frei", "davon ab, afghanische Geflüchtete zu inhaftieren"}, {"zeitnah Papiere", "alle abgelaufenen Visa", "Frauen und Mädchen", "Menschenrechtsverteidigerinnen", "Medienschaffende", "religiöse und geschlechtliche Minderheiten"}},
	"ur":  {{"کریک ڈاؤن بند کریں", "جبری واپسی فوری طور پر روکیں", "فیصلہ واپس لیں"}, {"قید پناہ گزینوں کو فوری طور پر رہا کریں", "حراست میں لینے سے گریز کریں"}, {"بروقت دستاویزات", "تمام میعاد ختم شدہ ویزوں", "خواتین اور لڑکیاں", "انسانی حقوق کے محافظ", "صحافی", "مذہبی و صنفی اقلیتیں"}},
	"sd":  {{"ڪريڪ ڊائون بند ڪريو", "جبري واپسي فوري طور روڪيو", "فيصلو واپس وٺو"}, {"قيد ڪيل پناهگيرن کي فوري طور آزاد ڪريو", "قيد ڪرڻ کان پرهيز ڪريو"}, {"وقت سر دستاويز", "سڀني مدت پوري ٿيل ويزائن", "عورتون ۽ ڇوڪريون", "انساني حقن جا محافظ", "صحافي", "مذهبي ۽ صنفي اقليتون"}},
	"pnb": {{"کریک ڈاؤن بند کرو", "جبری واپسی فوری طور تے روکو", "فیصلہ واپس لوو"}, {"قید پناہ گیراں نوں فوری طور تے رہا کرو", "قید کرن توں گریز کرو"}, {"ویلے سر کاغذ", "مُک چکے سارے ویزیاں", "زنانیاں تے کڑیاں", "انسانی حقاں دے راکھے", "صحافی", "مذہبی تے صنفی اقلیتاں"}},
	"bal": {{"کریک ڈاؤنءَ بند کنیت", "پر ترینگءَ ہمے دمانءَ بند کنیت", "پیصلہءَ پر گردینیت"}, {"پناہ گیراں ہمے دمانءَ آجو کنیت", "بند کنگءَ پرہیز کنیت"}, {"دستاویز گرگ", "ہر ہلاس بوتگیں ویزہ", "جنین و جنک", "انسانی ہکّانی پاسبان", "روچ نامہ کار", "دینی و صنفی اقلیت"}},
}

// figure is "more than 1.4 million" as each translation writes it.
var figure = map[string]string{
	"en": "more than 1.4 million", "fr": "plus de 1,4\u00a0million", "de": "mehr als 1,4 Millionen",
	"ur": "14 لاکھ سے زائد", "sd": "14 لک کان وڌيڪ", "pnb": "14 لکھ توں ودھ", "bal": "14 لکّ چہ گیش",
}

// TestDemandsAndFacts: every language's letter, for every signer gender,
// has the three demands as three bullets (each with all of its parts), the
// figure of more than 1.4 million, and both dates of the UA (3 October
// 2023, 1 November 2023) written with the locale's date rules.
func TestDemandsAndFacts(t *testing.T) {
	c := loadCat(t)
	dates := []time.Time{time.Date(2023, 10, 3, 0, 0, 0, 0, time.UTC), time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)}
	for _, lang := range allLangs {
		for _, g := range genders {
			d := compose(t, c, lang, g)
			bullets := blocks(d, letter.RoleBullets)
			if len(bullets) != 1 || len(bullets[0].Lines) != 3 {
				t.Fatalf("%s %s: want one list of three demands, got %d lists", lang, g, len(bullets))
			}
			for i, parts := range demands[lang] {
				for _, p := range parts {
					if !strings.Contains(bullets[0].Lines[i].Text(), p) {
						t.Errorf("%s %s: demand %d lacks %q: %s", lang, g, i+1, p, bullets[0].Lines[i].Text())
					}
				}
			}
			body := docText(&letter.Document{Blocks: blocks(d, letter.RoleBody)})
			if !strings.Contains(body, figure[lang]) {
				t.Errorf("%s %s: the figure %q is missing", lang, g, figure[lang])
			}
			for _, day := range dates {
				if want := c.Locale(lang).FormatDate(day); !strings.Contains(body, want) {
					t.Errorf("%s %s: the date %q is missing", lang, g, want)
				}
			}
		}
	}
}

// TestFrenchClosingRepeatsAddress: French protocol repeats the form of
// address in the closing formula, for every recipient.
func TestFrenchClosingRepeatsAddress(t *testing.T) {
	c := loadCat(t)
	want := map[string]string{
		"prime-minister":  "Je vous prie d’agréer, Monsieur le Premier ministre, l’expression de ma très haute considération.",
		"embassy-bern":    "Je vous prie d’agréer, Excellence, l’expression de ma très haute considération.",
		"interior":        "Je vous prie d’agréer, Monsieur le Ministre, l’expression de ma très haute considération.",
		"foreign-affairs": "Je vous prie d’agréer, Monsieur le Ministre, l’expression de ma très haute considération.",
	}
	for key, w := range want {
		d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: "fr", Signer: signer(letter.Male), Recipient: key}, now)
		if err != nil {
			t.Fatal(err)
		}
		if got := blocks(d, letter.RoleClosing)[0].Lines[0].Text(); got != w {
			t.Errorf("%s: closing %q, want %q", key, got, w)
		}
	}
}
