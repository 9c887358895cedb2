package model

// Paper is a page size. Lengths are in PDF points (1/72 inch).
type Paper struct {
	Name          string  // "a4" or "letter"
	Width, Height float64 // points
}

// The supported paper sizes.
var (
	A4     = Paper{Name: "a4", Width: 595.2756, Height: 841.8898}
	Letter = Paper{Name: "letter", Width: 612, Height: 792}
)

// PaperByName returns the paper for "a4" or "letter".
func PaperByName(name string) (Paper, bool) {
	switch name {
	case "", "a4", "A4":
		return A4, true
	case "letter", "Letter":
		return Letter, true
	}
	return Paper{}, false
}
