package letter

import "github.com/ualetters/ualetters/catalogue"

// headingLines names the recipient in the letter's language: title and
// name as its readers write them.
func headingLines(r *catalogue.Recipient, loc *catalogue.Locale) []Line {
	var lines []Line
	for _, s := range r.Heading(loc.Code) {
		lines = append(lines, postalLine(s, loc.Code, loc))
	}
	return lines
}

// recipientLines is the addressee's block: the heading in the letter's
// language, then the postal lines as the post needs them. Latin postal
// lines in right-to-left letters are LTR isolates so that "G-5/2
// Islamabad" keeps its order.
func recipientLines(r *catalogue.Recipient, loc *catalogue.Locale) []Line {
	lines := headingLines(r, loc)
	for _, s := range append(append([]string(nil), r.Address...), r.Country) {
		if s != "" {
			lines = append(lines, postalLine(s, r.PostalLang(), loc))
		}
	}
	return lines
}

// copyLines is "Copy to:" followed by every copy recipient except the
// letter's own addressee, each named in the letter's language.
func copyLines(a *catalogue.Action, addressee *catalogue.Recipient, loc *catalogue.Locale) []Line {
	var lines []Line
	for i := range a.Recipients {
		r := &a.Recipients[i]
		if r.Main() || r.Key == addressee.Key {
			continue
		}
		lines = append(lines, postalLine(r.CopyLine(loc.Code), loc.Code, loc))
	}
	if len(lines) == 0 {
		return nil
	}
	label := Line{Runs: x0(loc.Code, loc).expand(loc.LabelTemplate("copy_to"))}
	return append([]Line{label}, lines...)
}
