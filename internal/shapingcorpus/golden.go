package shapingcorpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// Header is the first line of the golden file.
type Header struct {
	Generator string `json:"generator"`
	HBShape   string `json:"hb_shape"` // hb-shape --version, first line
	Corpus    string `json:"corpus"`   // base name of the corpus file
	Entries   int    `json:"entries"`
	Items     int    `json:"items"`
	Glyphs    int    `json:"glyphs"`
}

// Record is one shaped item of one corpus entry.
type Record struct {
	Entry     int     `json:"entry"` // 1-based entry number in the corpus
	Lang      string  `json:"lang"`
	Text      string  `json:"text"` // the entry as written in the corpus (markup included)
	Item      int     `json:"item"` // 0-based item index within the entry, logical order
	Font      string  `json:"font"` // font file name
	Script    string  `json:"script"`
	Language  string  `json:"language"`
	Direction string  `json:"direction"` // "rtl" or "ltr", see Direction
	ItemText  string  `json:"item_text"`
	Glyphs    []Glyph `json:"glyphs"`
}

// Glyph is one glyph as hb-shape prints it in JSON, in font units; Cl is a
// rune index into the item text.
type Glyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Ax int `json:"ax"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
}

// WriteGolden writes the golden file: the header, then one JSON object per
// record, each on its own line, with HTML characters left unescaped.
func WriteGolden(path string, h Header, recs []Record) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(h); err != nil {
		return fmt.Errorf("encode header: %w", err)
	}
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("encode entry %d item %d: %w", r.Entry, r.Item, err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write golden: %w", err)
	}
	return nil
}

// ReadGolden reads a golden file written by WriteGolden. Errors name the
// file and line.
func ReadGolden(path string) (Header, []Record, error) {
	var h Header
	f, err := os.Open(path)
	if err != nil {
		return h, nil, fmt.Errorf("open golden: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return h, nil, fmt.Errorf("read golden %s: %w", path, err)
		}
		return h, nil, errors.New(path + ": golden file is empty")
	}
	if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
		return h, nil, fmt.Errorf("%s:1: golden header: %w", path, err)
	}
	var recs []Record
	for n := 2; sc.Scan(); n++ {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return h, nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		return h, nil, fmt.Errorf("read golden %s: %w", path, err)
	}
	return h, recs, nil
}
