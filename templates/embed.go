// Package templates embeds the shipped action catalogue: one folder per
// action under actions/ (action.yaml and one letter.<lang>.yaml per
// language) and one locale file per language under locales/. The format is
// described in README.md; package catalogue loads and checks it.
package templates

import "embed"

// FS holds actions/ and locales/ at its root, the layout
// catalogue.Load expects (a directory with the same layout, opened
// with os.DirFS, can replace it).
//
//go:embed actions locales
var FS embed.FS
