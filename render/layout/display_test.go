package layout

import (
	"errors"
	"strings"
	"testing"
)

// recorder is a painter that notes what it was asked to paint.
type recorder struct{ got []string }

func (r *recorder) Run(g *GlyphRun, _ Item) error {
	r.got = append(r.got, "run:"+g.Text)
	return nil
}
func (r *recorder) Rule(Rule, Item) error { r.got = append(r.got, "rule"); return nil }
func (r *recorder) Box(Box, Item) error   { r.got = append(r.got, "box"); return nil }

func TestPaintFollowsTheDisplayList(t *testing.T) {
	var p Page
	p.AddBox(Box{W: 1, H: 1, Fill: true}, Artifact)
	p.AddRun(GlyphRun{Text: "a"}, Struct{Block: 0})
	p.AddRule(Rule{Width: 1}, Artifact)
	p.AddRun(GlyphRun{Text: "b"}, Struct{Block: 1})
	var r recorder
	if err := p.Paint(&r); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.got, " "); got != "box run:a rule run:b" {
		t.Errorf("painted %q", got)
	}
	if st := p.RunStructs(); len(st) != 2 || st[1].Block != 1 {
		t.Errorf("run structures %+v", st)
	}
	p.Runs = append(p.Runs, GlyphRun{Text: "not listed"})
	if err := p.Paint(&r); !errors.Is(err, ErrDisplayList) {
		t.Errorf("a run outside the display list: %v", err)
	}
	p.Items[0].Index = 7
	p.Runs = p.Runs[:2]
	if err := p.Paint(&r); !errors.Is(err, ErrDisplayList) {
		t.Errorf("an item pointing nowhere: %v", err)
	}
}
