package service

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"sort"
	"strings"
)

// ZIPContentType is the media type of a fax batch.
const ZIPContentType = "application/zip"

// ManifestName is the name of the batch's table of contents.
const ManifestName = "manifest.json"

// FaxBatch is the fax documents for every recipient of an action that has
// a fax number, packed as one ZIP with a manifest.
type FaxBatch struct {
	Result                // Body: the ZIP; Filename: UA-109-23-faxes.zip; Pages: 0
	Manifest Manifest     // what manifest.json in the ZIP holds
	Faxes    []*FaxResult // the documents, in the order of Manifest.Faxes
}

// Manifest describes a fax batch (manifest.json).
type Manifest struct {
	Action      string          `json:"action"`    // action id
	Reference   string          `json:"reference"` // "UA 109/23"
	Lang        string          `json:"lang"`      // language of the appeal
	CoverLang   string          `json:"cover_lang"`
	Format      Format          `json:"format"`                // pdf or tiff
	Resolution  string          `json:"resolution,omitempty"`  // TIFF: fine or normal
	Compression string          `json:"compression,omitempty"` // TIFF: g4 or g3
	Faxes       []ManifestEntry `json:"faxes"`
}

// ManifestEntry is one fax of a batch.
type ManifestEntry struct {
	Recipient string `json:"recipient"` // recipient key
	Name      string `json:"name"`
	Number    string `json:"number"` // E.164, the number to dial
	Pages     int    `json:"pages"`  // including the cover sheet
	File      string `json:"file"`   // name in the ZIP
	SHA256    string `json:"sha256"` // of the file, lower-case hex
}

// Faxes renders, for every recipient of the action with a fax number, the
// same document Fax returns for that recipient, and packs them with a
// manifest into a ZIP whose bytes depend only on the request. req.Recipient
// must be empty. The appeal is composed and laid out once for all
// recipients; the documents are rendered one after another.
func (s *Service) Faxes(ctx context.Context, req FaxRequest) (*FaxBatch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	job, err := s.faxJob(ctx, req, false)
	if err != nil {
		return nil, err
	}
	batch := &FaxBatch{Manifest: newManifest(job)}
	for i := range job.act.Recipients {
		rcpt := &job.act.Recipients[i]
		if rcpt.Fax == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fr, err := s.faxFor(job, rcpt)
		if err != nil {
			return nil, fmt.Errorf("fax to %s: %w", rcpt.Key, err)
		}
		batch.Faxes = append(batch.Faxes, fr)
	}
	if len(batch.Faxes) == 0 {
		return nil, fmt.Errorf("%w: action %s has no recipient with a fax number", ErrNoFaxRecipients, job.act.ID)
	}
	sort.Slice(batch.Faxes, func(i, j int) bool { return batch.Faxes[i].Filename < batch.Faxes[j].Filename })
	for _, fr := range batch.Faxes {
		sum := sha256.Sum256(fr.Body)
		batch.Manifest.Faxes = append(batch.Manifest.Faxes, ManifestEntry{Recipient: fr.Recipient, Name: fr.Name,
			Number: fr.Number, Pages: fr.Pages, File: fr.Filename, SHA256: hex.EncodeToString(sum[:])})
	}
	body, err := batch.zip()
	if err != nil {
		return nil, err
	}
	batch.Result = Result{Body: body, ContentType: ZIPContentType, Lang: job.lang, Filename: BatchFilename(job.act.ID)}
	return batch, nil
}

// ErrNoFaxRecipients reports an action none of whose recipients has a fax
// number.
var ErrNoFaxRecipients = errors.New("no recipient has a fax number")

// BatchFilename is the download name of a fax batch: UA-109-23-faxes.zip.
func BatchFilename(actionID string) string { return "UA-" + actionID + "-faxes.zip" }

func newManifest(job *faxJob) Manifest {
	m := Manifest{Action: job.act.ID, Reference: job.act.Reference, Lang: job.req.Lang,
		CoverLang: job.req.CoverLang, Format: job.req.Format}
	if m.CoverLang == "" {
		m.CoverLang = "en"
	}
	if job.req.Format == TIFF {
		m.Resolution = nameOf(faxResolutions, job.opts.Resolution)
		m.Compression = nameOf(faxCompressions, job.opts.Compression)
	}
	return m
}

// nameOf finds the non-empty option name of v.
func nameOf[V comparable](names map[string]V, v V) string {
	for k, x := range names {
		if k != "" && x == v {
			return k
		}
	}
	return ""
}

// zipEpoch is the modification time of every ZIP entry: 1980-01-01 00:00,
// the start of the MS-DOS calendar, in its date encoding
// ((year-1980)<<9 | month<<5 | day). A fixed time keeps the bytes a
// function of the request alone.
const zipEpochDate = 0<<9 | 1<<5 | 1

// zip packs the documents and the manifest, sorted by name. The documents
// are already compressed (PDF streams, CCITT coding) and are stored; the
// manifest is deflated.
func (b *FaxBatch) zip() ([]byte, error) {
	manifest, err := json.MarshalIndent(b.Manifest, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	type entry struct {
		name   string
		body   []byte
		method uint16
	}
	entries := []entry{{ManifestName, append(manifest, '\n'), zip.Deflate}}
	for _, fr := range b.Faxes {
		entries = append(entries, entry{fr.Filename, fr.Body, zip.Store})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if strings.ContainsAny(e.name, "/\\") {
			return nil, fmt.Errorf("zip entry name %q holds a path separator", e.name)
		}
		if err := addZipEntry(zw, e.name, e.body, e.method); err != nil {
			return nil, fmt.Errorf("zip %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	return buf.Bytes(), nil
}

// addZipEntry writes one entry whose local header already holds its CRC
// and sizes, so that it needs no data descriptor: Java's streaming
// ZipInputStream refuses a stored entry followed by one ("only DEFLATED
// entries can have EXT descriptor"). The body is compressed here, before
// the header is written.
func addZipEntry(zw *zip.Writer, name string, body []byte, method uint16) error {
	data := body
	if method == zip.Deflate {
		var c bytes.Buffer
		fw, err := flate.NewWriter(&c, flate.BestCompression)
		if err != nil {
			return err
		}
		if _, err := fw.Write(body); err != nil {
			return err
		}
		if err := fw.Close(); err != nil {
			return err
		}
		data = c.Bytes()
	}
	h := &zip.FileHeader{
		Name: name, Method: method, CreatorVersion: 20, ReaderVersion: 20,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(body)),
	}
	// The MS-DOS date field alone: Modified would add an extended
	// timestamp field to every header.
	//lint:ignore SA1019 the deprecated field is the one without the extra field
	h.ModifiedDate = zipEpochDate
	w, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
