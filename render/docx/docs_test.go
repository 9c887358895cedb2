package docx

import (
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
)

// Sample letters built in the tests: the script of each language, a Latin
// name inside right-to-left text, a phone number and a bulleted list.

type sample struct {
	tag, sender, date, subject, salutation, body, phoneIntro, phoneOutro string
	bullets                                                              []string
	closing, copies                                                      string
	comma                                                                string
}

var samples = map[string]sample{
	"en": {"en-GB", "Ayesha Khan", "15 January 2026", "Stop deporting Afghan refugees",
		"Dear Prime Minister", "I am writing to express my deep concern about the forced deportation of Afghan refugees.",
		"You can reach me on ", " at any time.",
		[]string{"Stop the crackdown on Afghan refugees.", "Release refugees arbitrarily detained."},
		"Yours sincerely,", "Copy to: Embassy of Pakistan", ","},
	"fr": {"fr-FR", "Ayesha Khan", "15 janvier 2026", "Cessez d’expulser les réfugiés afghans",
		"Monsieur le Premier ministre", "Je vous écris pour exprimer ma profonde inquiétude face à l’expulsion forcée des réfugiés afghans.",
		"Vous pouvez me joindre au ", " à tout moment.",
		[]string{"Mettez fin à la répression.", "Libérez les réfugiés détenus arbitrairement."},
		"Veuillez agréer mes salutations distinguées.", "Copie : ambassade du Pakistan", ","},
	"de": {"de-DE", "Ayesha Khan", "15. Januar 2026", "Stoppen Sie die Abschiebung afghanischer Geflüchteter",
		"Sehr geehrter Herr Premierminister", "Ich schreibe Ihnen, um meine große Sorge über die Abschiebungen auszudrücken.",
		"Sie erreichen mich unter ", " jederzeit.",
		[]string{"Beenden Sie das harte Vorgehen gegen Geflüchtete.", "Lassen Sie willkürlich Inhaftierte frei."},
		"Mit freundlichen Grüßen", "Kopie an: Botschaft von Pakistan", ","},
	"ur": {"ur-PK", "Ayesha Khan", "15 جنوری 2026", "افغان پناہ گزینوں کی ملک بدری بند کریں",
		"محترم وزیر اعظم", "میں افغان پناہ گزینوں کی جبری ملک بدری پر گہری تشویش کا اظہار کرنے کے لیے لکھ رہی ہوں۔",
		"آپ مجھ سے ", " پر رابطہ کر سکتے ہیں۔",
		[]string{"افغان پناہ گزینوں کے خلاف کریک ڈاؤن بند کریں۔", "من مانی طور پر حراست میں لیے گئے پناہ گزینوں کو رہا کریں۔"},
		"مخلص،", "نقل: پاکستان کا سفارت خانہ", "،"},
	"pnb": {"pnb-Arab-PK", "Ayesha Khan", "15 جنوری 2026", "افغان پناہ گیراں دی ملک بدری بند کرو",
		"محترم وزیر اعظم", "میں افغان پناہ گیراں دی جبری ملک بدری اتے ڈونگی فکر دا اظہار کرن لئی لکھ رہی آں۔",
		"تسیں میرے نال ", " تے رابطہ کر سکدے او۔",
		[]string{"افغان پناہ گیراں خلاف کارروائی بند کرو۔", "قید کیتے گئے پناہ گیراں نوں رہا کرو۔"},
		"تہاڈی مخلص،", "نقل: پاکستان دا سفارت خانہ", "،"},
	"sd": {"sd-Arab-PK", "Ayesha Khan", "15 جنوري 2026", "افغان پناهگيرن جي جلاوطني بند ڪريو",
		"محترم وزيراعظم", "مان افغان پناهگيرن جي زبردستي جلاوطنيءَ تي پنهنجي ڳڻتي ظاهر ڪرڻ لاءِ لکي رهي آهيان ۽ اوهان کي گذارش ٿي ڪريان.",
		"اوهان مون سان ", " تي رابطو ڪري سگهو ٿا.",
		[]string{"افغان پناهگيرن خلاف ڪريڪ ڊائون بند ڪريو.", "قيد ڪيل پناهگيرن کي آزاد ڪريو."},
		"اوهان جي مخلص،", "نقل: پاڪستان جو سفارتخانو", "،"},
	"bal": {"bal-Arab-PK", "Ayesha Khan", "15 جنوری 2026", "اوغانی پناہ گیرانی دَرکنگ بند بکنیت",
		"وزیرِ اعظمِ واجہ", "من اوغانی پناہ گیرانی زوراکی دَرکنگءِ سرا وتی سکّیں پِگر ءَ پدّر کنان۔",
		"شما گوں من ", " ءَ گپ جت کنیت۔",
		[]string{"اوغانی پناہ گیرانی هلاپا کارروائی بند بکنیت۔", "بندیگیں پناہ گیراں آزات بکنیت۔"},
		"شمئے مُخلص،", "نقل: پاکستانءِ سپارتخانگ", "،"},
}

// sampleDoc builds the sample letter for a language.
func sampleDoc(lang string) *letter.Document {
	s := samples[lang]
	dir := letter.LTR
	if fonts.ScriptFont(lang).Arabic() {
		dir = letter.RTL
	}
	t := func(text string) letter.Run { return letter.Run{Text: text, Lang: lang, Kind: letter.Template} }
	u := func(text string) letter.Run { return letter.Run{Text: text, Lang: lang, Kind: letter.User} }
	l := func(text string) letter.Run { return letter.Run{Text: text, Lang: lang, Kind: letter.LTRIsolate} }
	line := func(runs ...letter.Run) letter.Line { return letter.Line{Runs: runs} }
	var bullets []letter.Line
	for _, b := range s.bullets {
		bullets = append(bullets, line(t(b)))
	}
	return &letter.Document{
		Kind: "letter", ActionID: "109-23", Reference: "UA 109/23", Lang: lang, Tag: s.tag, Dir: dir,
		Title: "UA 109/23: " + s.subject, Subject: "UA 109/23", Author: s.sender, Date: "2026-01-15",
		Blocks: []letter.Block{
			{Role: letter.RoleSender, Lines: []letter.Line{line(u(s.sender)), line(u("House 12, Street 5")), line(l("75500"), t(" "), u("Karachi"))}},
			{Role: letter.RoleDate, Lines: []letter.Line{line(t(s.date))}},
			{Role: letter.RoleRecipient, Lines: []letter.Line{line(t("Anwar-ul-Haq Kakar")), line(t("Islamabad"))}},
			{Role: letter.RoleSubject, Lines: []letter.Line{line(l("UA 109/23"), t(": "+s.subject))}},
			{Role: letter.RoleSalutation, Lines: []letter.Line{line(t(s.salutation+" "), u("Anwar-ul-Haq Kakar"), t(s.comma))}},
			{Role: letter.RoleBody, Lines: []letter.Line{line(t(s.body)), line(t(s.phoneIntro), l("0300-1234567"), t(s.phoneOutro))}},
			{Role: letter.RoleBullets, Lines: bullets},
			{Role: letter.RoleClosing, Lines: []letter.Line{line(t(s.closing))}},
			{Role: letter.RoleSignature, Lines: []letter.Line{line(u(s.sender))}},
			{Role: letter.RoleCopies, Lines: []letter.Line{line(t(s.copies))}},
		},
	}
}
