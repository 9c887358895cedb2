package fonts

import "sort"

// Language is what typesetting needs to know of a letter language, in the
// one table of such facts in the code. The locale files
// (templates/locales) hold what a campaign may change: names, BCP 47 tag,
// digits, dates and labels; the catalogue takes each locale's direction
// and script font from here.
type Language struct {
	Script ID   // regular face of the language's own script
	RTL    bool // paragraphs run right to left
	// Shaping is the language HarfBuzz shapes the language's own script
	// with (hb-shape --language): the fonts' OpenType language systems are
	// URD and SND only (none has PAN or BLI), so Punjabi and Balochi are
	// shaped as Urdu.
	Shaping string
}

var languages = map[string]Language{
	"en":  {Script: SansRegular, Shaping: "en"},
	"fr":  {Script: SansRegular, Shaping: "fr"},
	"de":  {Script: SansRegular, Shaping: "de"},
	"ur":  {Script: NastaliqRegular, RTL: true, Shaping: "ur"},
	"pnb": {Script: NastaliqRegular, RTL: true, Shaping: "ur"},
	"sd":  {Script: NaskhRegular, RTL: true, Shaping: "sd"},
	"bal": {Script: NaskhRegular, RTL: true, Shaping: "ur"},
}

// LanguageOf returns the facts of a letter language, and false for a
// language the table does not have.
func LanguageOf(lang string) (Language, bool) {
	l, ok := languages[lang]
	return l, ok
}

// Languages lists the codes of the languages LanguageOf knows, sorted.
func Languages() []string {
	out := make([]string, 0, len(languages))
	for code := range languages {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

// ScriptFont is the regular font for a language's own script: Nastaliq for
// Urdu and Punjabi (Shahmukhi), Naskh for Sindhi and Balochi, Noto Sans for
// everything else.
func ScriptFont(lang string) ID {
	if l, ok := languages[lang]; ok {
		return l.Script
	}
	return SansRegular
}

// ShapingLanguage is the language a run of text in a letter of lang is
// shaped with: in an Arabic font the language's own shaping language when
// it writes in Arabic script, else Urdu's (an Arabic word in a Latin
// letter); in a Latin font the letter's language when it writes in Latin
// script, else English (a Latin name inside a right-to-left letter).
// Unknown languages keep their code in a Latin font ("" becomes English).
func ShapingLanguage(lang string, arabicFont bool) string {
	l, known := languages[lang]
	switch {
	case arabicFont && known && l.Script.Arabic():
		return l.Shaping
	case arabicFont:
		return "ur"
	case known && !l.Script.Arabic():
		return l.Shaping
	case known || lang == "":
		return "en"
	}
	return lang
}
