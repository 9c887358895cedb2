package fonts

import _ "embed"

//go:embed OFL.txt
var licence []byte

// Licence is the SIL Open Font Licence the bundled fonts are under; it
// goes with the fonts wherever they are handed out (the letter builder
// page serves it beside them).
func Licence() []byte { return licence }
