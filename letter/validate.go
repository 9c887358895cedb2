package letter

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
)

// Limits on request fields, in characters after NFC normalisation.
const (
	MaxName         = 120
	MaxAddressLines = 6
	MaxAddressLine  = 120
	MaxPostcode     = 20
	MaxCity         = 80
	MaxCountry      = 80
	MaxEmail        = 254
	MaxBody         = 20000
)

// requestError is a ValidationError that also wraps the sentinel errors of
// its fields (ErrUnknownLanguage, catalogue.ErrUnknownRecipient), so callers can use
// both errors.As(err, **ValidationError) and errors.Is(err, ErrUnknown…).
type requestError struct {
	*ValidationError
	causes []error
}

func (e *requestError) Unwrap() []error { return append([]error{e.ValidationError}, e.causes...) }

// fieldCheck collects field problems and the sentinels behind them.
type fieldCheck struct {
	ve     ValidationError
	causes []error
}

func (fc *fieldCheck) cause(err error, field, format string, args ...any) {
	fc.ve.Add(field, format, args...)
	fc.causes = append(fc.causes, err)
}

func (fc *fieldCheck) err() error {
	if len(fc.ve.Fields) == 0 {
		return nil
	}
	return &requestError{ValidationError: &fc.ve, causes: fc.causes}
}

// checkLang resolves lang to the action's letter in it, or records a
// field error wrapping ErrUnknownLanguage.
func checkLang(a *catalogue.Action, field, lang string, fc *fieldCheck) *catalogue.Letter {
	if lt, ok := a.Letter(lang); ok {
		return lt
	}
	if lang == "" {
		fc.cause(ErrUnknownLanguage, field, "required; available: %s", strings.Join(a.LanguageCodes(), ", "))
		return nil
	}
	fc.cause(ErrUnknownLanguage, field, "%q is not offered for %s; available: %s", lang, a.Reference, strings.Join(a.LanguageCodes(), ", "))
	return nil
}

// checkRecipient resolves the recipient key ("" is the main addressee),
// or records a field error wrapping catalogue.ErrUnknownRecipient.
func checkRecipient(a *catalogue.Action, key string, fc *fieldCheck) *catalogue.Recipient {
	r, err := a.Recipient(key)
	if err != nil {
		fc.cause(catalogue.ErrUnknownRecipient, "recipient", "%s", strings.TrimPrefix(err.Error(), catalogue.ErrUnknownRecipient.Error()+": "))
	}
	return r
}

func checkSigner(s Signer, fc *fieldCheck) {
	ve := &fc.ve
	if strings.TrimSpace(s.Name) == "" {
		ve.Add("name", "required")
	} else if !strings.ContainsFunc(s.Name, visible) {
		ve.Add("name", "has no visible character")
	} else if checkText(ve, "name", s.Name, MaxName, false) {
		if i := strings.IndexFunc(s.Name, isBidiControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString(s.Name[i:])
			ve.Add("name", "bidi control character U+%04X is not allowed in a name", r)
		}
	}
	lines := AddressLines(s.Address)
	if len(lines) > MaxAddressLines {
		ve.Add("address", "at most %d lines, got %d", MaxAddressLines, len(lines))
	}
	for i, l := range lines {
		checkText(ve, fmt.Sprintf("address[%d]", i), l, MaxAddressLine, false)
	}
	checkText(ve, "postcode", s.Postcode, MaxPostcode, false)
	checkText(ve, "city", s.City, MaxCity, false)
	checkText(ve, "country", s.Country, MaxCountry, false)
	if checkText(ve, "email", s.Email, MaxEmail, false) && s.Email != "" && !plausibleEmail(s.Email) {
		ve.Add("email", "not an e-mail address")
	}
	switch s.Gender {
	case "", Female, Male, Unspecified:
	default:
		ve.Add("gender", "%q: use female, male or unspecified", string(s.Gender))
	}
}

// AddressLines splits the signer's address entries at line breaks and
// drops empty lines: a form may send the address as one multi-line field.
func AddressLines(address []string) []string {
	var out []string
	for _, a := range address {
		for _, l := range strings.Split(strings.ReplaceAll(a, "\r\n", "\n"), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

// checkText checks encoding, control characters and length; multiline
// allows tab, CR and LF. It reports whether the field was fine.
func checkText(ve *ValidationError, field, s string, limit int, multiline bool) bool {
	if !utf8.ValidString(s) {
		ve.Add(field, "not valid UTF-8")
		return false
	}
	for _, r := range s {
		allowed := r == '\t' || (multiline && (r == '\n' || r == '\r'))
		if (unicode.Is(unicode.Cc, r) && !allowed) || r == '\u2028' || r == '\u2029' {
			ve.Add(field, "control character U+%04X is not allowed", r)
			return false
		}
		if Noncharacter(r) {
			ve.Add(field, "noncharacter U+%04X is not allowed", r)
			return false
		}
	}
	if n := utf8.RuneCountInString(norm.NFC.String(s)); n > limit {
		ve.Add(field, "at most %d characters, got %d", limit, n)
		return false
	}
	return true
}

// Noncharacter reports whether r is one of Unicode's 66 noncharacters
// (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE,
// U+FFFF … U+10FFFF), which are never valid in interchanged text.
func Noncharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE && r <= unicode.MaxRune
}

// visible reports whether r prints: a letter, mark, number, punctuation
// or symbol (not a space or an invisible format character).
func visible(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S)
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

func plausibleEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\n<>")
}

func checkDate(date string, fc *fieldCheck) {
	if date == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil || len(date) != 10 {
		fc.ve.Add("date", "%q: use an ISO 8601 date, YYYY-MM-DD", date)
	}
}

// CoverageError reports user fields holding characters no bundled font
// covers; the API answers 422 naming the fields and characters.
type CoverageError struct {
	Fields []FieldCoverage
	err    *fonts.UncoveredError // every character, for errors.As
}

// FieldCoverage names the uncovered characters of one field.
type FieldCoverage struct {
	Field string `json:"field"`
	Runes []rune `json:"-"`
}

func (e *CoverageError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + (&fonts.UncoveredError{Runes: f.Runes}).Error()
	}
	return "cannot typeset: " + strings.Join(parts, "; ")
}

// Unwrap returns the *fonts.UncoveredError listing every character.
func (e *CoverageError) Unwrap() error { return e.err }

// coverage checks the user's fields with the renderer's coverage function.
func coverage(lang string, s Signer, body string) error {
	fields := []struct{ name, text string }{
		{"name", s.Name}, {"postcode", s.Postcode}, {"city", s.City},
		{"country", s.Country}, {"email", s.Email}, {"body", body},
	}
	for i, l := range AddressLines(s.Address) {
		fields = append(fields, struct{ name, text string }{fmt.Sprintf("address[%d]", i), l})
	}
	ce := &CoverageError{err: &fonts.UncoveredError{Lang: lang}}
	seen := map[rune]bool{}
	for _, f := range fields {
		missing := fonts.Uncovered(lang, norm.NFC.String(f.text))
		if len(missing) == 0 {
			continue
		}
		ce.Fields = append(ce.Fields, FieldCoverage{Field: f.name, Runes: missing})
		for _, r := range missing {
			if !seen[r] {
				seen[r] = true
				ce.err.Runes = append(ce.err.Runes, r)
			}
		}
	}
	if len(ce.Fields) == 0 {
		return nil
	}
	return ce
}
