package letter

import (
	"errors"
	"fmt"
	"strings"
)

// Gender of the signer, for grammatical agreement in the letter text.
type Gender string

// Genders. Unspecified uses wordings that need no agreement.
const (
	Unspecified Gender = "unspecified"
	Female      Gender = "female"
	Male        Gender = "male"
)

// Signer is the person who signs the letter. Every field is user input and
// is set as literal, isolated text.
type Signer struct {
	Name     string   `json:"name"`
	Address  []string `json:"address,omitempty"` // street lines, at most 6
	Postcode string   `json:"postcode,omitempty"`
	City     string   `json:"city,omitempty"`
	Country  string   `json:"country,omitempty"`
	Email    string   `json:"email,omitempty"`
	Gender   Gender   `json:"gender,omitempty"`
}

// Request asks for one composed letter.
type Request struct {
	ActionID  string // "109-23"; the caller looks the action up once and hands it to Resolve
	Lang      string // one of the action's languages
	Signer    Signer
	Recipient string // recipient role key; "" means the main addressee
	Date      string // ISO 8601 (YYYY-MM-DD); "" means today in the action's time zone
	Body      string // own words replacing the model text; "" uses the model letter
}

// Sentinel errors callers branch on (the API maps them to status codes).
// An unknown action or recipient is catalogue.ErrUnknownAction or
// catalogue.ErrUnknownRecipient.
var (
	ErrUnknownLanguage = errors.New("language not offered")
	ErrNoFax           = errors.New("recipient has no fax number")
)

// FieldError names one bad request field.
type FieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// ValidationError lists every bad field of a request.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = fmt.Sprintf("%s: %s", f.Field, f.Detail)
	}
	return "invalid request: " + strings.Join(parts, "; ")
}

// Add records a bad field.
func (e *ValidationError) Add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Detail: fmt.Sprintf(format, args...)})
}

// Err returns e if it holds any field, else nil.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}
