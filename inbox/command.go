package inbox

import (
	"regexp"
	"strings"
	"unicode"
)

// Verb is what the owner's reply to an approval request says.
type Verb string

const (
	Send Verb = "send"
	Skip Verb = "skip"
	Stop Verb = "stop"
)

// Command is an owner's answer to an approval request.
type Command struct {
	Verb Verb `json:"verb"`
	// Text is a new text for the draft. It is given only in the one deliberate form: "send"
	// alone on the first line, a blank line, then the text. It never goes out on this
	// answer: it becomes the draft, which the owner confirms with a plain "send".
	Text string `json:"text"`
}

// MaxNewText bounds a new text for a draft: a follow-up is a few paragraphs.
const MaxNewText = 20000

// ParseCommand reads the owner's answer to an approval request, as a mail client laid it
// out, and returns the command in the owner's own text: above the quotation, the
// attribution line, the header block, the separator, the client's signature or the
// disclaimer the client added (in the common clients' layouts and languages), or, when the
// answer is posted below the quotation, after it. ok is false when the answer is not
// understood; nothing is then done.
//
// A plain verb — any case, trailing punctuation, polite words around it ("send it", "yes,
// send", "Send please, thanks!"), a sign-off under it ("Best,\nAlice") — is the verb alone,
// and the draft goes out unchanged. Only "send" alone on the first line, a blank line, then
// text, gives a new text.
func ParseCommand(body string) (cmd Command, ok bool) {
	own, top := ownLines(answerLines(body))
	if len(own) == 0 {
		return Command{}, false
	}
	return parseOwn(own, top)
}

// OwnAnswer returns the owner's own text of an answer, as ParseCommand finds it: above the
// quotation and what a client adds, or, when nothing is written above, below the last quoted
// line (bottom-posted).
func OwnAnswer(body string) string {
	own, _ := ownLines(answerLines(body))
	return strings.Join(own, "\n")
}

// ownLines finds the writer's own lines; top says they are above the quotation.
func ownLines(lines []string) (own []string, top bool) {
	end := ownEnd(lines, 0)
	if own = trimBlankLines(lines[:end]); len(own) > 0 {
		return own, true
	}
	last := -1
	for i := end; i < len(lines); i++ {
		if isQuoteLine(lines[i]) {
			last = i
		}
	}
	if last < 0 {
		// No quotation marks at all, but an attribution first: the client put the writer's
		// text under it, unquoted ("On 8 May 2017 17:34, "Andy" <…> wrote:", then the text).
		if end < len(lines) && attribution(strings.TrimSpace(lines[end])) {
			after := lines[end+1:]
			return trimBlankLines(after[:ownEnd(after, 0)]), false
		}
		return nil, false
	}
	after := lines[last+1:]
	return trimBlankLines(after[:ownEnd(after, 0)]), false
}

// OwnText returns what the writer wrote above any quotation, attribution, header block,
// separator, client signature or disclaimer.
func OwnText(body string) string {
	lines := answerLines(body)
	return strings.Join(trimBlankLines(lines[:ownEnd(lines, 0)]), "\n")
}

// answerLines splits a body into lines with line ends, no-break and zero-width spaces and
// trailing blanks normalised, as clients vary in them.
func answerLines(body string) []string {
	body = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u00a0", " ", "\u202f", " ", "\u200b", "", "\u200c", "",
		"\u200d", "", "\ufeff", "", "\u2060", "", "\u00ad", "", "\u1427", "", "\t", " ").Replace(body)
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

func trimBlankLines(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// parseOwn reads the command in the owner's own lines. newText says whether the deliberate
// form of a new text is allowed (not below a quotation).
func parseOwn(own []string, newText bool) (Command, bool) {
	verb, bare := verbPhrase(own[0])
	if verb == "" {
		return Command{}, false
	}
	rest := own[1:]
	if len(trimBlankLines(rest)) == 0 || signOff(trimBlankLines(rest)) {
		return Command{Verb: verb}, true
	}
	// The one form of a new text: "send" alone, a blank line, the text.
	if newText && verb == Send && bare && strings.TrimSpace(rest[0]) == "" {
		text := strings.Join(trimBlankLines(rest), "\n")
		if len(text) > MaxNewText {
			return Command{}, false
		}
		return Command{Verb: Send, Text: text}, true
	}
	return Command{}, false // a verb with more text in another form: not understood, nothing done
}

func isQuoteLine(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, ">") || t == QuoteMark
}

// ownEnd is the index of the first line, from i on, that begins what the writer did not
// write: a quotation, an attribution (on one line or wrapped over up to three), a header
// block, a separator or rule, a signature delimiter, a client's signature, a disclaimer.
func ownEnd(lines []string, i int) int {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		underline := i > 0 && strings.TrimSpace(lines[i-1]) != "" && strings.Trim(t, "-=") == ""
		if isQuoteLine(t) || lines[i] == "-- " || t == "--" || t == "—" || (ruleRe.MatchString(t) && !underline) || separatorRe.MatchString(t) ||
			headerRe.MatchString(t) || clientSignature(t) || clientSigEndRe.MatchString(t) || (len(t) <= 160 && appSigRe.MatchString(t)) ||
			disclaimerRe.MatchString(t) {
			return i
		}
		// Zoho's and Yahoo's "---- On …, Name wrote ----".
		if attribution(t) || strings.HasPrefix(t, "--") && attribution(strings.Trim(t, "- ")) {
			return i
		}
		// Wrapped over up to three lines ("On Tue, … Alice <alice@…>" / "wrote:"), when the
		// first looks like the start of one.
		if !attributionStartRe.MatchString(t) && !dateFirstRe.MatchString(t) && !addressRe.MatchString(t) && !dayMonthFirstRe.MatchString(t) &&
			!strings.HasSuffix(t, "<") || endsSentence(t) {
			continue // "On Thursday, I get proper rendering." is the writer's sentence
		}
		// Some clients leave blank lines inside the wrapped attribution ("On …, Name", "",
		// "<", "mailto:…", "> wrote:").
		joined, gap := t, false
		for k, n := 1, 0; n < 4 && k < 8 && i+k < len(lines); k++ {
			next := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[i+k]), ">"))
			if next == "" {
				gap = true
				continue
			}
			if gap && !strings.ContainsAny(next, "<>@") && !attributionVerbRe.MatchString(next) {
				break // after a blank line only the address or the verb may follow, not a paragraph
			}
			n++
			if joined += " " + next; attribution(joined) {
				return i
			}
			if endsSentence(next) {
				break // a sentence ends: the lines are the writer's text, not one attribution
			}
		}
	}
	return len(lines)
}

// endsSentence reports whether a line ends as a sentence does, which an attribution's first
// lines never do.
// A full stop after a number or a short word ("Fr., 28.", "Apr.", "aug.") abbreviates a date.
func endsSentence(t string) bool {
	if strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "…") || strings.HasSuffix(t, "..") {
		return true
	}
	if !strings.HasSuffix(t, ".") {
		return false
	}
	words := strings.Fields(strings.TrimSuffix(t, "."))
	if len(words) == 0 {
		return false
	}
	last := []rune(words[len(words)-1])
	return len(last) > 4 && !unicode.IsDigit(last[len(last)-1])
}

var (
	// A rule: underscores (Outlook), dashes, equals signs, asterisks; or text between two
	// ("-------- Originalmeddelande --------", in any language).
	ruleRe = regexp.MustCompile(`^([-_=*~—─]{3,}|[-_=]{4,}.{0,40}[-_=]{4,})$`)
	// "-----Original Message-----" and its translations, forwarded-message separators.
	separatorRe = regexp.MustCompile(`(?i)^[-_=*\s]*(original message|forwarded message|begin forwarded message|ursprüngliche nachricht|weitergeleitete nachricht|` +
		`message d'origine|message d’origine|message transféré|mensaje original|mensaje reenviado|mensagem original|mensagem encaminhada|` +
		`messaggio originale|messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht|oprindelig meddelelse|oprindelig besked|` +
		`videresendt meddelelse|opprinnelig melding|videresendt melding|ursprungligt meddelande|vidarebefordrat meddelande|` +
		`wiadomość oryginalna|oryginalna wiadomość|przekazana wiadomość|исходное сообщение|пересылаемое сообщение|переслано|` +
		`原始邮件|原始郵件|转发的邮件|元のメッセージ|転送メッセージ|원본 메시지|alkuperäinen viesti)[-_=*\s:]*$`)
	// The first field of a header block, plain or bold, in the clients' languages.
	headerRe = regexp.MustCompile(`(?i)^[*_]*\s*(from|de|von|van|da|od|fra|från|от|发件人|發件人|寄件者|寄件人|差出人|送信者|보낸 사람|lähettäjä|feladó|kimden)\s*[*_]*\s*[:：]`)
	// The signatures clients add under the text.
	clientSigRe = regexp.MustCompile(`(?i)^(sent from|sent with|sent via|sent using|get outlook for|download outlook for|gesendet von|gesendet mit|` +
		`von meinem .+ gesendet|envoyé de|envoyé depuis|envoyé à partir de|envoyé avec|télécharger outlook pour|obtenir outlook pour|` +
		`enviado desde|enviado de|enviado do|enviado com|enviado a partir|descargar outlook|obtener outlook|inviato da|inviato dal|inviato con|scarica outlook|` +
		`verzonden vanaf|verzonden met|verstuurd vanaf|verstuurd met|download outlook voor|sendt fra|sendt med|skickat från|skickad från|` +
		`wysłane z|wysłano z|отправлено с|отправлено из|получить outlook|発自|发自|发送自|从我的|從我的|寄自我的|來自我的|` +
		`trimis de pe|trimis din|trimis cu|az iphone|küldve|odesláno z|lähetetty|poslano s|poslané z|iphone'umdan|iphone'dan|` +
		`inviato dal mio|verstuurd vanaf mijn|sendt fra min|skickat från min|gesendet mit der|enviado desde mi|enviado do meu)`)
	clientSigEndRe = regexp.MustCompile(`(から送信|から送信されました|より送信)$`)
	// A device or an app a client names in its signature.
	deviceRe = regexp.MustCompile(`(?i)(iphone|ipad|android|blackberry|samsung|galaxy|huawei|xiaomi|pixel|nokia|motorola|htc|sony|xperia|verizon|` +
		`t-mobile|wiko|smartphone|tablet|mobile|handy|portable|móvil|celular|telefon|outlook|gmail|yahoo|aol|mail for windows|mail\.ru|` +
		`typeapp|spark|proton|superhuman|airmail|newton|blue mail|bluemail|edison|sparrow|fastmail|zoho)`)
	// The mobile apps' signatures in every language name the app and the platform, or link
	// to Microsoft's short link.
	appSigRe     = regexp.MustCompile(`(?i)^.{0,60}(outlook|yahoo mail|gmail|samsung email|spark|proton ?mail|blackberry).{0,40}\b(ios|android|iphone|ipad|windows|mac|mobile|app)\b|aka\.ms/`)
	disclaimerRe = regexp.MustCompile(`(?i)^(confidentiality notice|confidential:|disclaimer:|this (e-?mail|message|communication) (and any|is intended|contains|may contain|is confidential)|` +
		`the information (contained )?in this (e-?mail|message)|diese (e-?mail|nachricht) (enthält|kann|ist)|ce (message|courriel|mail|e-mail) (et|est|peut|contient)|` +
		`este (mensaje|correo)|questa (e-?mail|comunicazione|mail)|deze e-?mail|denne e-?mail|detta e-?postmeddelande)`)

	// Words that end an attribution line ("…wrote:"), in the clients' languages.
	attributionVerbRe = regexp.MustCompile(`(?i)(wrote|writes|schrieb|geschreven|a écrit|escribió|escreveu|ha scritto|scritto|schreef|skrev|` +
		`napisał\(a\)|napisała|napisał|pisze|написал\(а\)|написала|написал|пишет|kirjoitti|írta|yazdı|` +
		`のメッセージ|さんは書きました|は書きました|写道|寫道|작성)\s*[:：]?$`)
	attributionStartRe = regexp.MustCompile(`(?i)^(on|am|le|el|em|il|in data|op|den|w dniu|dnia|pe|` +
		`lun|mar|mer|jeu|ven|sam|dim|mon|tue|wed|thu|fri|sat|sun|пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\b`)
	// The verb inside an attribution that ends with the writer's name ("Am 17.11.26 um 10:00
	// schrieb followup:").
	attributionInnerRe = regexp.MustCompile(`(?i)(\s|^)(wrote|schrieb|schreef|skrev|escribió|escreveu|scritto|a écrit|pisze|napisał|пишет|написал|kirjoitti|írta)(\s|,|$)`)
	dateFirstRe        = regexp.MustCompile(`^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b`)
	dayMonthFirstRe    = regexp.MustCompile(`^\d{1,2}\.? \p{L}{3,}\.? \d{4}`)
	zonedTimeRe        = regexp.MustCompile(`\b\d{1,2}:\d\d(:\d\d)? ?(GMT|UTC)[+-]\d{1,2}(:?\d\d)?\b`)
	addressRe          = regexp.MustCompile(`[^\s<>]+@[^\s<>]+|<[^>]*>`)
)

// attribution reports whether s (a line, or lines joined) introduces a quoted message:
// "On …, Name <addr> wrote:" and its translations, or a date-first form
// ("2016-03-03 17:21 GMT+01:00 Name <addr>:", "26.06.2014, 14:41, Name:",
// "ср, 30 апр. 2025 г. в 15:19, Name <addr>:").
func attribution(s string) bool {
	if len(s) > 400 {
		return false
	}
	hasDigit := strings.IndexFunc(s, unicode.IsDigit) >= 0
	if attributionVerbRe.MatchString(s) && (hasDigit || addressRe.MatchString(s) || attributionStartRe.MatchString(s)) {
		return true
	}
	// "Jane Doe wrote:" with no date or address: a short line that ends in the verb and a colon.
	if (strings.HasSuffix(s, ":") || strings.HasSuffix(s, "：")) && len(strings.Fields(s)) <= 6 && attributionVerbRe.MatchString(s) {
		return true
	}
	// Gmail's date-first form with a zone ("2016-03-03 17:21 GMT+01:00 Name"), the colon lost.
	// Or with the writer's address ("2013/7/20 sam via Discourse Meta <info@discourse.org>").
	if dateFirstRe.MatchString(s) && (zonedTimeRe.MatchString(s) || addressRe.MatchString(s)) {
		return true
	}
	if strings.HasSuffix(s, ":") || strings.HasSuffix(s, "：") {
		if dateFirstRe.MatchString(s) || (hasDigit && (addressRe.MatchString(s) || attributionInnerRe.MatchString(s))) {
			return true
		}
	}
	return false
}

// clientSignature reports whether t is the line a client adds under the text ("Sent from my
// iPhone", "Envoyé de mon iPad", "Sent with Sparrow"), and not the writer's own sentence that
// happens to begin so ("Sent from my desk, is much easier than my mobile phone."): it names a
// device or an app, or is a short phrase with no clause and no full stop.
func clientSignature(t string) bool {
	if !clientSigRe.MatchString(t) || len(t) > 120 {
		return false
	}
	sentence := strings.ContainsAny(t, ",;") || strings.HasSuffix(t, ".") || len(strings.Fields(t)) > 8
	if !sentence {
		return true
	}
	// A sentence that names a device is a signature only when the device comes first
	// ("Sent from my iPhone, please excuse typos"), not at its end.
	if loc := deviceRe.FindStringIndex(t); loc != nil {
		first := strings.IndexAny(t, ",;.")
		return first < 0 || loc[0] < first
	}
	return false
}

// verbPhrase reads a line as a command: exactly one of the verbs, and otherwise only polite
// words. bare is true when the line is the verb alone (punctuation aside).
func verbPhrase(line string) (verb Verb, bare bool) {
	if len(line) > 80 {
		return "", false
	}
	words := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return "", false
	}
	for _, w := range words {
		switch v := Verb(w); v {
		case Send, Skip, Stop:
			if verb != "" && verb != v {
				return "", false // two verbs: not understood
			}
			verb = v
		default:
			if !filler[w] {
				return "", false
			}
		}
	}
	return verb, verb != "" && len(words) == 1
}

// filler is the polite words a plain verb may come with. No negation is among them ("don't
// send", "not now" are not understood), nor anything that names another text.
var filler = map[string]bool{
	"please": true, "pls": true, "plz": true, "kindly": true, "ok": true, "okay": true, "k": true, "yes": true, "yep": true,
	"yeah": true, "yup": true, "sure": true, "it": true, "this": true, "that": true, "one": true, "go": true, "ahead": true,
	"thanks": true, "thank": true, "you": true, "thx": true, "ty": true, "now": true, "just": true, "fine": true, "good": true,
	"great": true, "perfect": true, "looks": true, "lgtm": true, "away": true, "out": true, "as": true, "is": true, "the": true,
	"draft": true, "all": true, "right": true, "alright": true, "cool": true, "and": true, "then": true, "do": true, "can": true,
	"approved": true, "approve": true, "confirmed": true, "confirm": true, "exactly": true, "written": true, "on": true,
	"again": true, "so": true, "very": true, "much": true, "lot": true, "a": true, "pleased": true, "well": true,
}

// signOff reports whether lines are a sign-off under a verb: a closing word or two
// ("Thanks,", "Best,", "Cheers", "Danke", "Merci", …) optionally followed by a name, or a
// name alone (at most two short lines of letters).
func signOff(lines []string) bool {
	var nonEmpty []string
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			nonEmpty = append(nonEmpty, t)
		}
	}
	if len(nonEmpty) == 0 || len(nonEmpty) > 3 {
		return false
	}
	first := strings.ToLower(strings.Trim(nonEmpty[0], " ,.!-–—~"))
	if closings[first] {
		return nameLines(nonEmpty[1:])
	}
	return len(nonEmpty) <= 2 && nameLines(nonEmpty)
}

// nameLines: short lines written as a name or initials are ("Alice", "Alice Example",
// "A.", "— A"): at most three words of letters, none beginning in lower case.
func nameLines(lines []string) bool {
	for _, l := range lines {
		words := strings.Fields(strings.Trim(l, " ,.-–—~"))
		if len(words) == 0 || len(words) > 3 || len([]rune(l)) > 40 {
			return false
		}
		for _, w := range words {
			for i, r := range w {
				if (i == 0 && unicode.IsLower(r)) || (!unicode.IsLetter(r) && !strings.ContainsRune(".-'’,", r)) {
					return false
				}
			}
		}
	}
	return true
}

var closings = map[string]bool{
	"thanks": true, "thank you": true, "thx": true, "ty": true, "best": true, "best regards": true, "regards": true,
	"kind regards": true, "warm regards": true, "cheers": true, "br": true, "all the best": true, "best wishes": true,
	"many thanks": true, "danke": true, "vielen dank": true, "gruß": true, "grüße": true, "viele grüße": true, "beste grüße": true,
	"lg": true, "vg": true, "mfg": true, "merci": true, "merci beaucoup": true, "cordialement": true, "bien à vous": true,
	"bises": true, "gracias": true, "saludos": true, "un saludo": true, "obrigado": true, "obrigada": true, "abraços": true,
	"atenciosamente": true, "grazie": true, "saluti": true, "cordiali saluti": true, "bedankt": true, "groeten": true,
	"met vriendelijke groet": true, "groet": true, "tak": true, "hilsen": true, "mvh": true, "med venlig hilsen": true,
	"vennlig hilsen": true, "tack": true, "hälsningar": true, "med vänliga hälsningar": true, "dzięki": true, "dziękuję": true,
	"pozdrawiam": true, "pozdrowienia": true, "спасибо": true, "с уважением": true, "ありがとう": true, "よろしくお願いします": true,
	"谢谢": true, "謝謝": true, "此致": true,
}
