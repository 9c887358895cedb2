package service

// Format is an output format.
type Format string

// Formats. PNG is a one-page preview; TIFF is Class F for fax machines.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
	PNG  Format = "png"
	TIFF Format = "tiff"
)

var formats = []struct {
	f     Format
	ctype string
}{
	{PDF, "application/pdf"},
	{DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{PNG, "image/png"},
	{TIFF, "image/tiff"},
}

// Valid reports whether f is a known format.
func (f Format) Valid() bool { return f.ContentType() != "" }

// ContentType is the media type of f ("" for an unknown format).
func (f Format) ContentType() string {
	for _, x := range formats {
		if x.f == f {
			return x.ctype
		}
	}
	return ""
}

// Ext is the file name extension of f.
func (f Format) Ext() string { return string(f) }

// FormatNames lists the known formats.
func FormatNames() []string {
	out := make([]string, len(formats))
	for i, x := range formats {
		out[i] = string(x.f)
	}
	return out
}

// FormatFor returns the format with the given media type.
func FormatFor(contentType string) (Format, bool) {
	for _, x := range formats {
		if x.ctype == contentType {
			return x.f, true
		}
	}
	return "", false
}
