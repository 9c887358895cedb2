package catalogue

import (
	"io/fs"
	"sync/atomic"
)

// Store holds the catalogue in service and swaps it atomically on reload.
type Store struct {
	cur atomic.Pointer[Catalogue]
}

// NewStore loads the catalogue from fsys; it fails if the templates are
// invalid.
func NewStore(fsys fs.FS) (*Store, error) {
	c, err := Load(fsys)
	if err != nil {
		return nil, err
	}
	s := &Store{}
	s.cur.Store(c)
	return s, nil
}

// Current returns the catalogue in service. Callers keep using the one
// they got for the whole request.
func (s *Store) Current() *Catalogue { return s.cur.Load() }

// Reload loads the catalogue from fsys and puts it in service. If the new
// templates are invalid, the previous catalogue stays in service and the
// error (a *TemplateError) is returned for the caller to log.
func (s *Store) Reload(fsys fs.FS) error {
	c, err := Load(fsys)
	if err != nil {
		return err
	}
	s.cur.Store(c)
	return nil
}
