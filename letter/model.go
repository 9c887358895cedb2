// Package letter composes a letter or a fax cover sheet into the document
// model of package model. A request is checked once against its action
// (Resolve: language, recipient, signer fields, date, font coverage);
// composing then works only from what was resolved (the action, the
// letter text and locale of its language, the recipient), never from ids.
package letter

import "github.com/ualetters/ualetters/model"

// The document model lives in package model so that the renderers need
// neither the catalogue nor its YAML and phone-number dependencies; these
// aliases keep letter.Document and its kin valid for composing code.
type (
	Direction = model.Direction
	Role      = model.Role
	Kind      = model.Kind
	Style     = model.Style
	Run       = model.Run
	Line      = model.Line
	Block     = model.Block
	Document  = model.Document
)

// Directions.
const (
	LTR = model.LTR
	RTL = model.RTL
)

// Block roles.
const (
	RoleSender       = model.RoleSender
	RoleDate         = model.RoleDate
	RoleRecipient    = model.RoleRecipient
	RoleSubject      = model.RoleSubject
	RoleSalutation   = model.RoleSalutation
	RoleBody         = model.RoleBody
	RoleBullets      = model.RoleBullets
	RoleClosing      = model.RoleClosing
	RoleSignature    = model.RoleSignature
	RoleCopies       = model.RoleCopies
	RoleCoverTitle   = model.RoleCoverTitle
	RoleCoverField   = model.RoleCoverField
	RoleCoverMessage = model.RoleCoverMessage
)

// Run kinds.
const (
	Template   = model.Template
	User       = model.User
	LTRIsolate = model.LTRIsolate
)
