package service

import (
	"context"
	"strings"
	"testing"
)

// latinInArabic are own-words paragraphs that mix Latin into Urdu and
// Sindhi lines, as staff and supporters write them: an organisation in
// parentheses next to an acronym, an e-mail address, numbers, and a
// two-word name at the start and at the end of a line. The expected
// words are the input's, in logical order.
var latinInArabic = map[string][]string{
	"ur": {
		"یہ رپورٹ (Amnesty International) UNHCR کے ساتھ شائع ہوئی",
		"مزید معلومات کے لیے uaoffice@amnesty.org پر لکھیں",
		"انہیں 12 مارچ 2024 کو کراچی میں گرفتار کیا گیا",
		"Human Rights Watch نے بھی اس گرفتاری کی مذمت کی",
		"اس خط کی ایک نقل بھیجی جا رہی ہے Human Rights",
	},
	"sd": {
		"هيءَ رپورٽ (Amnesty International) UNHCR سان گڏ ڇپي",
		"وڌيڪ معلومات لاءِ uaoffice@amnesty.org تي لکو",
		"کين 12 مارچ 2024 تي ڪراچيءَ ۾ گرفتار ڪيو ويو",
		"Human Rights Watch به هن گرفتاريءَ جي مذمت ڪئي",
		"هن خط جي هڪ نقل موڪلي پئي وڃي Human Rights",
	},
}

// TestLatinInArabicLines reads own words with Latin inside Urdu and
// Sindhi lines with the three readers: each paragraph's words must come
// back in logical order, with their brackets and spaces.
func TestLatinInArabicLines(t *testing.T) {
	rs := readers(t)
	s := newTestService(t)
	for _, lang := range []string{"ur", "sd"} {
		t.Run(lang, func(t *testing.T) {
			cases := latinInArabic[lang]
			res, err := s.Letter(context.Background(), pdfRequest(lang, "a4", strings.Join(cases, "\n\n")))
			if err != nil {
				t.Fatal(err)
			}
			pdf := writeFile(t, "letter.pdf", res.Body)
			for _, r := range rs {
				out := r.extract(t, pdf)
				got := strings.Fields(normalizeText(stripMarks(out)))
				for _, c := range cases {
					want := strings.Fields(normalizeText(c))
					if i := indexWords(got, want); i < 0 {
						t.Errorf("%s: %q\n  reads as %q", r.name, c, nearestLine(out, want))
					} else {
						t.Logf("%s: %q", r.name, strings.Join(got[i:i+len(want)], " "))
					}
				}
			}
		})
	}
}

// stripMarks removes the directional formatting characters poppler puts
// around right-to-left lines.
func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r == 0x200E || r == 0x200F || r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, s)
}

// indexWords is the index of want as a contiguous run in got, or -1.
func indexWords(got, want []string) int {
	for i := 0; i+len(want) <= len(got); i++ {
		k := 0
		for k < len(want) && got[i+k] == want[k] {
			k++
		}
		if k == len(want) {
			return i
		}
	}
	return -1
}

// nearestLine is the reader's output line sharing most words with want.
func nearestLine(out string, want []string) string {
	best, score := "", -1
	for _, line := range strings.Split(out, "\n") {
		n := 0
		for _, w := range want {
			if strings.Contains(line, w) {
				n++
			}
		}
		if n > score {
			best, score = line, n
		}
	}
	return strings.TrimSpace(best)
}
