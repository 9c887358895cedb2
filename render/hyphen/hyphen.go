// Package hyphen finds hyphenation points with Liang's algorithm, using the
// libhyphen pattern files of Debian's hyphen-en-us, hyphen-fr and
// hyphen-de packages (patterns/, each with its licence).
package hyphen

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/encoding/charmap"

	"github.com/ualetters/ualetters/internal/lru"
)

//go:embed patterns/*.dic
var files embed.FS

var dictFiles = map[string]string{"en": "hyph_en_US.dic", "fr": "hyph_fr.dic", "de": "hyph_de_DE.dic"}

// level is one level of a pattern file: libhyphen files may hold two, the
// first for compound boundaries (German) or apostrophes (French).
type level struct {
	patterns       map[string][]uint8 // letters -> value before each letter and after the last
	maxLen         int                // longest pattern, in runes
	lhmin, rhmin   int                // shortest word start and end kept whole
	clhmin, crhmin int                // the same at compound boundaries
}

// Dict is a parsed pattern file. It is safe for concurrent use.
type Dict struct {
	levels []*level
	memo   *lru.Cache[string, []int] // lower-case word -> points: letters repeat the same words
}

// memoBytes bounds each dictionary's memo of hyphenated words.
const memoBytes = 1 << 20

// MemoStats reports the memos of the dictionaries loaded so far, summed.
func MemoStats() lru.Stats {
	var sum lru.Stats
	loadOnce.Range(func(_, v any) bool {
		if d := v.(*dictOnce).d; d != nil {
			s := d.memo.Stats()
			sum.Hits += s.Hits
			sum.Misses += s.Misses
			sum.Entries += s.Entries
			sum.Bytes += s.Bytes
			sum.MaxBytes += s.MaxBytes
		}
		return true
	})
	return sum
}

var (
	loadOnce sync.Map // language -> *dictOnce
)

type dictOnce struct {
	once sync.Once
	d    *Dict
	err  error
}

// For returns the dictionary of a language (en, fr, de), or nil when the
// language has none.
func For(lang string) (*Dict, error) {
	name, ok := dictFiles[lang]
	if !ok {
		return nil, nil
	}
	v, _ := loadOnce.LoadOrStore(lang, &dictOnce{})
	o := v.(*dictOnce)
	o.once.Do(func() {
		data, err := files.ReadFile("patterns/" + name)
		if err != nil {
			o.err = fmt.Errorf("hyphen: %w", err)
			return
		}
		o.d, o.err = Parse(data)
		if o.err != nil {
			o.err = fmt.Errorf("hyphen: %s: %w", name, o.err)
		}
	})
	return o.d, o.err
}

// Parse reads a libhyphen .dic file: a charset line (UTF-8 or ISO8859-1),
// then directives and one pattern per line; NEXTLEVEL starts a second
// level. Non-standard patterns (with "/", replacing letters) are skipped.
func Parse(data []byte) (*Dict, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("no charset line")
	}
	charset := strings.TrimSpace(string(data[:nl]))
	body := data[nl+1:]
	switch charset {
	case "UTF-8":
	case "ISO8859-1":
		var err error
		if body, err = charmap.ISO8859_1.NewDecoder().Bytes(body); err != nil {
			return nil, fmt.Errorf("decode %s: %w", charset, err)
		}
	default:
		return nil, fmt.Errorf("unsupported charset %q", charset)
	}
	d := &Dict{levels: []*level{newLevel()}, memo: lru.New[string, []int](memoBytes)}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for n := 2; sc.Scan(); n++ {
		if err := d.parseLine(strings.TrimSpace(sc.Text())); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, l := range d.levels {
		l.defaults()
	}
	return d, nil
}

func newLevel() *level { return &level{patterns: map[string][]uint8{}} }

// defaults fills unset minimums as libhyphen does: 2 at word edges, the
// word-edge values at compound boundaries.
func (l *level) defaults() {
	if l.lhmin == 0 {
		l.lhmin = 2
	}
	if l.rhmin == 0 {
		l.rhmin = 2
	}
	if l.clhmin == 0 {
		l.clhmin = l.lhmin
	}
	if l.crhmin == 0 {
		l.crhmin = l.rhmin
	}
}

func (d *Dict) parseLine(line string) error {
	cur := d.levels[len(d.levels)-1]
	if line == "" || line[0] == '#' || line[0] == '%' {
		return nil
	}
	key, val, _ := strings.Cut(line, " ")
	mins := map[string]*int{"LEFTHYPHENMIN": &cur.lhmin, "RIGHTHYPHENMIN": &cur.rhmin,
		"COMPOUNDLEFTHYPHENMIN": &cur.clhmin, "COMPOUNDRIGHTHYPHENMIN": &cur.crhmin}
	if p, ok := mins[key]; ok {
		v, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		*p = v
		return nil
	}
	switch {
	case key == "NEXTLEVEL":
		d.levels = append(d.levels, newLevel())
		return nil
	case strings.ContainsRune(line, '/'):
		return nil // non-standard pattern: not supported, skipped
	}
	cur.add(strings.Fields(line)[0])
	return nil
}

// add stores a pattern such as ".a2ch4": letters ".ach", values 0 0 2 0 4.
func (l *level) add(p string) {
	var letters []rune
	values := []uint8{0}
	for _, r := range p {
		if r >= '0' && r <= '9' {
			values[len(values)-1] = uint8(r - '0')
			continue
		}
		letters = append(letters, r)
		values = append(values, 0)
	}
	l.patterns[string(letters)] = values // a repeated pattern: the last wins, as in libhyphen
	l.maxLen = max(l.maxLen, len(letters))
}

// Points returns the rune offsets inside word (0 < k < len) before which a
// hyphen may be inserted. Case is ignored.
func (d *Dict) Points(word string) []int {
	if d == nil {
		return nil
	}
	lower := strings.ToLower(word)
	if d.memo == nil {
		return d.points([]rune(lower))
	}
	if pts, ok := d.memo.Get(lower); ok {
		return pts
	}
	pts := d.points([]rune(lower))
	d.memo.Put(lower, pts, len(lower)+8*cap(pts)+24)
	return pts
}

func (d *Dict) points(w []rune) []int {
	if len(w) < 2 {
		return nil
	}
	if len(d.levels) == 1 {
		return d.levels[0].points(w, true, true)
	}
	var out []int
	start := 0
	bounds := append(d.levels[0].points(w, true, true), len(w))
	for _, b := range bounds {
		for _, k := range d.levels[1].points(w[start:b], start == 0, b == len(w)) {
			out = append(out, start+k)
		}
		if b < len(w) {
			out = append(out, b)
		}
		start = b
	}
	return out
}

// points applies Liang's algorithm to w; wordStart and wordEnd say whether
// w's edges are the word's (else compound boundaries, with their minimums).
func (l *level) points(w []rune, wordStart, wordEnd bool) []int {
	s := make([]rune, 0, len(w)+2)
	s = append(append(append(s, '.'), w...), '.')
	values := make([]uint8, len(s)+1)
	for i := range s {
		for j := i + 1; j <= len(s) && j-i <= l.maxLen; j++ {
			if pat, ok := l.patterns[string(s[i:j])]; ok {
				for k, v := range pat {
					values[i+k] = max(values[i+k], v)
				}
			}
		}
	}
	left, right := l.clhmin, l.crhmin
	if wordStart {
		left = l.lhmin
	}
	if wordEnd {
		right = l.rhmin
	}
	var out []int
	for k := max(1, left); k <= len(w)-max(1, right); k++ {
		if values[k+1]%2 == 1 && unicode.IsLetter(w[k-1]) && unicode.IsLetter(w[k]) {
			out = append(out, k)
		}
	}
	return out
}
