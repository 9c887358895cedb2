package catalogue

import "go.yaml.in/yaml/v3"

// A recipient is named in the letter's language (see templates/README.md):
//
//	heading:  lines above the postal address, per language
//	          (ur: [عزت مآب انوار الحق کاکڑ, نگران وزیر اعظم, …])
//	copy:     the recipient's line in the copy list, per language
//	          (de: "Botschaft von Pakistan, Bern")
//
// The postal lines (address and country) stay as the post needs them.

// loadNaming reads heading (every recipient) and copy (copy recipients).
func (r *Recipient) loadNaming(m *mapping, langs []string, ps *problems) {
	r.heading = perLanguageLines(m, "heading", langs, ps)
	r.copyLine = perLanguage(m, "copy", langs, !r.Main(), ps)
	if r.Main() {
		if _, ok := m.keys["copy"]; ok {
			ps.add(m.file, m.line["copy"], "recipient %q: the main addressee is never in the copy list; remove copy", r.Key)
		}
	}
}

// perLanguageLines reads a mapping of one list of lines per language.
func perLanguageLines(m *mapping, key string, langs []string, ps *problems) map[string][]string {
	sm := m.sub(key, true)
	out := map[string][]string{}
	if sm == nil {
		return out
	}
	for _, lang := range langs {
		n, ok := sm.keys[lang]
		if !ok {
			ps.add(m.file, m.line[key], "%s: missing language %q", key, lang)
			continue
		}
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			ps.add(m.file, n.Line, "%s.%s: expected a list of lines", key, lang)
			continue
		}
		for _, c := range n.Content {
			t := sm.scalar(key+"."+lang, c)
			parseChecked(lang, t, nil, ps)
			out[lang] = append(out[lang], t.Value)
		}
	}
	return out
}
