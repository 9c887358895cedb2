package main

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
)

// The benchmark letter: THE letter every bench script and Go benchmark
// renders. A one-page Urdu own-words letter of UA 109/23 (Nastaliq body at
// 15 pt, per-character text layer, structure tree): the signer's two
// sentences of own words replace the model text, which at 15 pt fills
// three pages. TestBenchLetterOnePage checks that it stays one page.
const (
	benchAction = "109-23"
	benchLang   = "ur"
	benchName   = "Amina Rahimi"
	benchDate   = "2023-11-20"
	// benchOwnWords is split where the unique-words runs put a generated
	// word: "… I write to you about the forced deportation of Afghan
	// refugees. I appeal to you to stop it."
	benchWordsHead = "میں افغان پناہ گزینوں کی جبری ملک بدری پر اپنی گہری تشویش کا اظہار کرنے کے لیے آپ کو لکھ رہی ہوں۔ "
	benchWordsTail = "میں آپ سے اپیل کرتی ہوں کہ اسے روکیں۔"
	benchOwnWords  = benchWordsHead + benchWordsTail
)

// uniqueLetters spell the generated words of the unique-words runs: Urdu
// letters that join on both sides, so every word is one cursive cluster
// that the shaping caches have never seen.
var uniqueLetters = []rune("بتپثجچحخسشصضطظعغفقکگلمنہی")

// uniqueWord spells n in uniqueLetters (least significant letter first),
// at least four letters long.
func uniqueWord(n int) string {
	var b strings.Builder
	for i := 0; i < 4 || n > 0; i++ {
		b.WriteRune(uniqueLetters[n%len(uniqueLetters)])
		n /= len(uniqueLetters)
	}
	return b.String()
}

// benchRequest is the benchmark letter in the given format; body "" is
// the benchmark own words.
func benchRequest(f service.Format, body string) service.LetterRequest {
	if body == "" {
		body = benchOwnWords
	}
	return service.LetterRequest{
		Request: letter.Request{ActionID: benchAction, Lang: benchLang, Date: benchDate, Body: body,
			Signer: letter.Signer{Name: benchName, Gender: letter.Female}},
		Format: f,
	}
}

// form is the benchmark letter as the urlencoded form the HTTP API takes.
func form(format, body string) string {
	if body == "" {
		body = benchOwnWords
	}
	v := url.Values{}
	v.Set("lang", benchLang)
	v.Set("format", format)
	v.Set("name", benchName)
	v.Set("gender", "female")
	v.Set("date", benchDate)
	v.Set("body", body)
	return v.Encode()
}

// pagesBody returns own words that make the benchmark letter exactly
// pages pages long: the model letter's first paragraph repeated, found by
// rendering (render returns the page count of a body).
func pagesBody(pages int, render func(body string) (int, error)) (string, error) {
	if pages <= 1 {
		return benchOwnWords, nil
	}
	para := strings.Repeat(benchWordsHead, 3) + benchWordsTail
	var parts []string
	for n := 1; n <= 400; n++ {
		parts = append(parts, para)
		body := strings.Join(parts, "\n\n")
		got, err := render(body)
		if err != nil {
			return "", err
		}
		if got == pages {
			return body, nil
		}
		if got > pages {
			break
		}
	}
	return "", fmt.Errorf("no own words give exactly %d pages", pages)
}

// latinWord spells n in the letters a to z (least significant first), at
// least four letters long: the unique signer names of the -lua name runs.
func latinWord(n int) string {
	var b []byte
	for i := 0; i < 4 || n > 0; i++ {
		b = append(b, byte('a'+n%26))
		n /= 26
	}
	return string(b)
}
