package letter_test

import (
	"fmt"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/templates"
)

// The action is looked up once; Resolve checks the request against it and
// resolves the language's letter text and locale and the recipient;
// Compose works from that alone.
func Example() {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		panic(err)
	}
	act, err := cat.Action("109-23")
	if err != nil {
		panic(err)
	}
	req := letter.Request{ActionID: act.ID, Lang: "ur", Recipient: "interior", Date: "2023-11-15",
		Signer: letter.Signer{Name: "Amina Rahimi", City: "Lahore"}}
	r, err := letter.Resolve(act, req, time.Now())
	if err != nil {
		panic(err)
	}
	doc := letter.Compose(r)
	fmt.Println(doc.Lang, doc.Tag, doc.Dir, doc.Date)
	fmt.Println(doc.Blocks[0].Lines[0].Text())
	// Output:
	// ur ur-PK rtl 2023-11-15
	// Amina Rahimi
}
