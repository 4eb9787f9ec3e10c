package mailer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The owner's notes (key points, why they fit, a recent accomplishment) are their own
// words, typed in a hurry after the interview: phrases or sentences, with or without a full
// stop, about "their" team, sometimes in another language. A letter uses a note only in a
// form that reads where it goes: a key point as a noun phrase after "about", the fit and the
// accomplishment as clauses after "I". What cannot be put in such a form is left out, and
// the owner is told which note and why (LeftOut): a letter with a broken sentence is worse
// than one without the note.

// LeftOut is a note a letter does not use, and why.
type LeftOut struct {
	Note, Why string
}

// Besides is n without the points that are the role itself ("ICU nurse job" jotted for the
// ICU nurse role): every letter names the role, and a topic of the conversation is
// something else. They are left out with the reason.
func (n Notes) Besides(role string) Notes {
	own, _ := jobTopic(roleName(role) + " job")
	var points []string
	for _, p := range n.Points {
		if strings.EqualFold(p, own) || n.roleAndCompany(p, role) {
			n.LeftOut = append(n.LeftOut, LeftOut{p, "is the role itself, which every letter names already"})
			continue
		}
		// "the web development role and your current projects": the role, which every letter
		// names, and a topic.
		if parts := strings.Split(p, " and "); len(parts) == 2 {
			for i, part := range parts {
				if ws := words(part); len(ws) >= 2 && (ws[len(ws)-1] == "role" || ws[len(ws)-1] == "position" || ws[len(ws)-1] == "job") && !strings.Contains(parts[1-i], " role") {
					p = parts[1-i]
					if rest, ok := strings.CutPrefix(p, "its "); ok {
						p = "the " + rest + " of the role" // "the vet tech job and its different duties"
					}
					break
				}
			}
		}
		points = append(points, p)
	}
	n.Points = points
	return n
}

// roleAndCompany reports whether a point names only the company and the role ("ACME Corp
// and the associate accountant role in particular"): the interview's subject, not a topic.
func (n Notes) roleAndCompany(p, role string) bool {
	low, r := strings.ToLower(p), strings.ToLower(roleName(role))
	if r == "" || !strings.Contains(low, r) {
		return false
	}
	low = strings.ReplaceAll(low, r, " ")
	if c := strings.ToLower(n.company); c != "" {
		low = strings.ReplaceAll(low, c, " ")
	}
	for _, w := range strings.Fields(low) {
		if !roleFiller[w] {
			return false
		}
	}
	return true
}

// roleFiller are the words beside the company and the role in a point that names only them.
var roleFiller = map[string]bool{"in": true, "particular": true, "the": true, "and": true, "role": true, "position": true,
	"job": true, "company": true, "a": true, "as": true, "whole": true}

func (l LeftOut) String() string { return "“" + l.Note + "”: " + l.Why }

// Notes are the owner's notes made ready for a letter to someone at the company.
type Notes struct {
	// Points are the key points, each a noun phrase that reads after "about" ("your on-call
	// rotation", "how you test releases"); at most three.
	Points []string
	// Fit is why the owner fits, as a clause whose subject is "I": "led two teams",
	// "have five years of Go experience", "bring a strong background in distributed systems".
	Fit string
	// Accomplishment is a recent result as a whole clause with its subject: "I automated
	// my team's release process", "my team and I cut costs by 20%"; or, when the owner wrote
	// it as a noun phrase, AccomplishmentNoun is set instead ("my team's 15 percent increase
	// in sales last year").
	Accomplishment, AccomplishmentNoun string
	// Remarks are what the interviewer said of the role or the team, as a clause a letter
	// picks up ("the role needs someone with initiative": "You mentioned that …").
	Remarks []string
	// Offer is what the owner noted among the points that they will send ("can send more
	// writing samples": "send more writing samples"): the letter's offer.
	Offer string
	// Liking is the owner's liking for the place, said of it: "seems like a great company to
	// work for" (a letter puts the name it uses for the company before it).
	Liking string
	// Feelings are how the owner felt, as sentences in their voice: "Everyone on the panel
	// was very friendly", "I admire the mission behind the business".
	Feelings []string
	// Wish is the owner's own wish to join, said as their interest: "I really want to join
	// your practice".
	Wish    string
	LeftOut []LeftOut

	company string // whose letters these are for
}

// maxPoints is how many key points one short letter names.
const maxPoints = 3

// ReadNotes makes the owner's notes ready for a letter to someone at company: each note in
// the one form it can take, or left out with the reason.
func ReadNotes(points, fit, accomplishment, company string) Notes {
	return ReadNotesFor("", points, fit, accomplishment, company)
}

// ReadNotesFor is ReadNotes for a letter to one person, with the points of the conversation
// with them (own) named first, then the interview's shared ones. Own points are about the
// reader: "her team's on-call" is "your team's on-call" to her.
func ReadNotesFor(own, points, fit, accomplishment, company string) Notes {
	// A fit jotted with an arrow says what it is for ("post-op rehab exp -> sports med
	// caseload"): the fit is its left side; the other is no part of "I bring …".
	var aside []LeftOut
	if loc := fitPurposeRe.FindStringSubmatchIndex(fit); loc != nil {
		// ", to build the museum identity": what the fit is for, as after an arrow.
		aside = append(aside, LeftOut{unabbreviate(tidy(fit[loc[2]:])), fitIsFor})
		fit = fit[:loc[0]]
	}
	if loc := fitArrowRe.FindStringSubmatchIndex(fit); loc != nil {
		if rest := tidy(fit[loc[3]:]); rest != "" {
			aside = append(aside, LeftOut{unabbreviate(rest), strings.Replace(fitIsFor, "for:", "for, after an arrow:", 1)})
		}
		fit = fit[:loc[2]]
	}
	points, fit, accomplishment = unabbreviate(points), unabbreviate(fit), unabbreviate(accomplishment)
	type note struct {
		raw string
		own bool
	}
	var all []note
	for _, from := range []struct {
		text string
		own  bool
	}{{unabbreviate(own), true}, {points, false}} {
		for _, raw := range splitPoints(from.text) {
			labeled := false
			if m := labelRe.FindStringSubmatch(raw); m != nil {
				raw, labeled = m[1], true // "job duties: budgeting, …": the list, not its label
			}
			for _, it := range listItems(raw, labeled) {
				all = append(all, note{it, from.own})
			}
		}
	}
	n := Notes{company: company}
	seen := map[string]bool{}
	for _, nt := range all {
		raw := nt.raw
		in := raw
		if nt.own {
			in = toYou(raw)
		}
		if f, wish := feeling(tidy(in), company); f != "" {
			if wish && n.Wish == "" {
				n.Wish = f
			} else if !wish && len(n.Feelings) < 2 {
				n.Feelings = append(n.Feelings, f)
			}
			continue
		}
		if m := likingRe.FindStringSubmatch(tidy(in)); m != nil && company != "" {
			// "seems like a great co to work for": the owner's liking, theirs to say.
			if n.Liking == "" {
				n.Liking = strings.ToLower(m[1])
			}
			continue
		}
		if m := sendingRe.FindStringSubmatch(tidy(in)); m != nil && n.Offer == "" {
			// "sending a short deck w/ my first ideas", "you asked for my portfolio": what
			// the owner will send, the letter's offer.
			n.Offer = "send " + m[1]
			continue
		}
		if m := ownersOffer.FindStringSubmatch(strings.TrimSpace(in)); m != nil && n.Offer == "" {
			n.Offer = m[2] // "can send more writing samples": the letter's offer, not a topic
			continue
		}
		p, why := keyPointPhrase(in, company)
		if todoRe.MatchString(raw) {
			p, why = "", toYourself
		}
		r, remark := remarkClause(in, company)
		switch {
		case remark && (why == notATopic || why == "" && reportedRe.MatchString(in)):
			n.Remarks = append(n.Remarks, r)
		case why != "":
			n.LeftOut = append(n.LeftOut, LeftOut{raw, why})
		case seen[strings.ToLower(p)]:
		case len(n.Points) == maxPoints:
			n.LeftOut = append(n.LeftOut, LeftOut{raw, "a short letter names at most three points of the conversation"})
		default:
			seen[strings.ToLower(p)] = true
			n.Points = append(n.Points, p)
		}
	}
	if m := interestFitRe.FindStringSubmatch(tidy(fit)); m != nil {
		// "critical care interest": the owner's interest in critical care.
		n.Fit = "have a strong interest in " + m[1]
		fit = ""
	}
	if f := tidy(fit); f != "" {
		if c, why := fitClause(f, company); why != "" || todoRe.MatchString(fit) || strings.Contains(f, "=") || qualitiesRe.MatchString(c) {
			if strings.Contains(f, "=") {
				why = "holds “=”: a letter cannot say it; write why you fit as a sentence"
			} else if why == "" && qualitiesRe.MatchString(c) {
				why = "reads as a list of qualities a letter cannot place (“" + qualitiesRe.FindString(c) + "”): write why you fit as a sentence"
			}
			if why == "" {
				why = toYourself
			}
			n.LeftOut = append(n.LeftOut, LeftOut{f, why})
		} else {
			n.Fit = c
		}
	}
	n.LeftOut = append(n.LeftOut, aside...)
	if a := tidy(accomplishment); a != "" {
		if c, np, why := accomplishmentClause(a, company); why != "" || todoRe.MatchString(accomplishment) {
			if why == "" {
				why = toYourself
			}
			n.LeftOut = append(n.LeftOut, LeftOut{a, why})
		} else {
			n.Accomplishment, n.AccomplishmentNoun = c, np
		}
	}
	return n
}

// splitPoints splits the key points as the owner typed them: one a line, separated by
// semicolons or bullets, or sentences.
func splitPoints(notes string) []string {
	var out []string
	split := func(r rune) bool { return r == ';' || r == '\n' || r == '•' }
	// A dash between words, spaced, joins two jottings ("Lynn - her goals …", "churned
	// clients - sending a short deck"): each is a note.
	notes = spacedDashRe.ReplaceAllString(notes, "$1\n$2")
	for _, p := range strings.FieldsFunc(notes, split) {
		for _, q := range splitSentences(p) {
			if q = tidy(strings.TrimLeft(strings.TrimSpace(q), "-*•· ")); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// spacedDashRe is a dash with a space each side between words or brackets.
var spacedDashRe = regexp.MustCompile(`([\p{L})])\s+[-–—]\s+([\p{L}(])`)

// labelRe is a short label before a jotted list: "job duties: budgeting, …".
var labelRe = regexp.MustCompile(`^[\w' -]{2,30}:\s+(.+,.+)$`)

// listItems splits a point jotted as a list ("play-based curriculum, your garden, ratios
// 1:10") into its topics. A list the owner joined with "and" is one phrase; a place's state
// ("Austin, Texas") and a clause after a comma ("the new clinic, which opens in May") stay
// with what they follow.
func listItems(point string, list bool) []string {
	// "interview + tour of the office": the interview is what every letter thanks for; what
	// came with it is the point.
	if m := interviewAndRe.FindStringSubmatch(point); m != nil {
		point = m[1]
	}
	items := splitItems(point)
	if !list && len(items) < 3 && (strings.Contains(point, " and ") || strings.Contains(point, "(")) {
		return []string{point} // "Kafka, Flink and Spark": one phrase the owner joined
	}
	if len(items) < 2 {
		return []string{point}
	}
	for i, it := range items {
		it = strings.TrimSpace(it)
		ws := words(it)
		if len(ws) == 0 || len(ws) > 10 || listContinues[ws[0]] || whWords[ws[0]] {
			return []string{point}
		}
		if i == 0 && (finiteVerb(it) || verbSecond(it) || ws[0] == "my") {
			return []string{point} // "team seems innovative, hardworking, passionate": one
		}
		if i > 0 && len(items) == 2 && len(ws) == 1 && upperFirst(it) == it {
			if pw := strings.Fields(items[i-1]); upperFirst(pw[len(pw)-1]) == pw[len(pw)-1] {
				return []string{point} // "Austin, Texas"
			}
		}
		items[i] = it
	}
	return items
}

// interviewAndRe is a point that begins with the interview and goes on to what came with it.
var interviewAndRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:interview|interviews)\s+(?:and|\+|&|plus)\s+(.+)$`)

// listContinues begin a part after a comma that belongs to what comes before: "the new
// clinic, which opens in May", "the audit, especially payroll".
var listContinues = map[string]bool{"which": true, "who": true, "that": true, "especially": true, "including": true,
	"like": true, "such": true, "not": true, "but": true, "or": true, "plus": true, "also": true, "i.e": true, "e.g": true, "some": true, "mostly": true, "mainly": true, "few": true,
	"lots": true, "many": true}

// splitSentences splits at a full stop followed by a space and a capital letter: "We
// discussed X. They asked about Kafka." (not "2.2" or "e.g. the").
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			// A jotted note goes on in lower case after its full stop ("…package insert.
			// met the residents"): a sentence too, after a word that is no abbreviation.
			lower := unicode.IsLower(r) && s[i] == '.' && len(lastWord(s[:i])) >= 3 && !strings.Contains(lastWord(s[:i]), ".")
			if (unicode.IsUpper(r) || lower) && !abbreviationBefore(s[:i+1]) {
				out = append(out, s[start:i+1])
				start = i + 2
			}
		}
	}
	return append(out, s[start:])
}

func abbreviationBefore(s string) bool {
	ws := strings.Fields(s)
	last := strings.ToLower(ws[len(ws)-1])
	switch last {
	case "e.g.", "i.e.", "etc.", "vs.", "dr.", "mr.", "ms.", "mrs.", "inc.", "co.", "st.", "no.", "approx.", "incl.", "min.", "max.",
		"dept.", "yrs.", "hrs.", "mos.", "wks.", "est.", "ca.", "corp.", "ltd.", "jr.", "sr.", "prof.", "govt.", "univ.":
		return true
	}
	return false
}

// tidy joins the lines of a note, collapses its spaces, fixes spaces before punctuation
// and removes the end punctuation and unbalanced quotes a phrase must not bring into a
// sentence.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{",", ";", ":", ")", "."} {
		s = strings.ReplaceAll(s, " "+p, p)
	}
	s = strings.ReplaceAll(s, "( ", "(")
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	s = strings.Trim(s, " .,;:!?-–—…")
	for _, q := range []string{`"`, "“", "”"} {
		if strings.Count(s, q) == 1 || strings.HasPrefix(s, q) && strings.HasSuffix(s, q) {
			s = strings.Trim(strings.ReplaceAll(s, q, ""), " ")
		}
	}
	if len(s) > 1 && strings.HasPrefix(s, "'") && strings.HasSuffix(s, "'") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.Count(s, "(") != strings.Count(s, ")") {
		s = strings.NewReplacer("(", "", ")", "").Replace(s)
	}
	return s
}

// pointLeads are the words owners start a key point with that the letter already says, or
// that say who raised it ("They asked about Kafka": the point is Kafka).
var pointLeads = []string{
	"we discussed", "we talked about", "we talked through", "we spoke about", "we covered", "we went over", "we went through",
	"we chatted about", "we got into", "we dug into", "we touched on", "we also discussed", "we also talked about",
	"i asked them about", "i asked about", "i asked", "i mentioned", "i explained",
	"they asked me about", "they asked about", "they asked", "they mentioned", "they explained", "they described",
	"they told me about", "they walked me through", "they talked about", "they showed me",
	"she asked about", "he asked about", "she mentioned", "he mentioned",
	"i asked you about", "asked you about", "you asked me about", "you asked about", "you mentioned", "you told me about",
	"you walked me through", "you explained", "you described", "you showed me",
	"what you said about", "what you told me about", "what they said about", "what we said about",
	"my questions about", "my question about", "asked about", "asked me about", "discussed", "discussion of", "discussion about", "talked about", "talked through",
	"talking about", "spoke about", "discussing", "covered", "mentioned", "learned about", "i learned about",
	"went over", "walked through", "topics", "topic", "learning more about", "learned more about", "more about", "more on", "about",
}

// verbStarts are words that begin a clause, not a noun phrase: after "about" they break the
// sentence ("about they want more tests").
var verbStarts = map[string]bool{
	"i": true, "we": true, "they": true, "he": true, "she": true, "it": true, "you": true, "i'm": true, "we're": true,
	"they're": true, "it's": true, "there": true, "is": true, "are": true, "was": true, "were": true, "will": true,
	"would": true, "should": true, "can": true, "could": true, "need": true, "needs": true, "want": true, "wants": true,
	"asked": true, "told": true, "said": true, "seems": true, "seemed": true, "felt": true, "liked": true, "loved": true,
	"enjoyed": true, "agreed": true, "think": true, "thinks": true, "has": true, "have": true, "had": true, "do": true,
	"does": true, "did": true, "must": true, "may": true, "might": true, "got": true, "went": true, "plan": true,
	"plans": true, "hope": true, "hopes": true, "looks": true, "looked": true, "very": true, "really": true,
	// Whom the owner met or talked with ("talked w/ Peter", "met the team") is no topic.
	"talked": true, "spoke": true, "met": true, "chatted": true, "saw": true, "based": true, "start": true, "starting": true,
	// What a company means to do, jotted as its goals ("goals: streamline their software").
	"streamline": true, "modernize": true, "modernise": true, "expand": true, "improve": true, "reduce": true, "grow": true,
	"simplify": true, "automate": true, "consolidate": true, "migrate": true,
	// What the owner did or feels, not what was talked about: "flew back to LA that night",
	// "admire the mission behind the business".
	"flew": true, "drove": true, "found": true, "left": true, "came": true, "took": true, "gave": true, "heard": true,
	"learned": true, "visited": true, "admire": true, "appreciate": true, "respect": true, "forgot": true, "compared": true,
	"joined": true, "shared": true, "swapped": true, "send": true, "ask": true, "remember": true, "check": true, "you're": true, "she's": true, "he's": true,
	"great": false, "good": false,
}

// thirdPerson are pronouns that name one person: in a letter to a panel, "her team" may be
// the reader's or a colleague's, so the note cannot be turned safely.
var thirdPerson = map[string]bool{"he": true, "she": true, "his": true, "her": true, "him": true, "hers": true,
	"he's": true, "she's": true, "himself": true, "herself": true}

// foreign are common words of the languages owners write notes in besides English (German,
// Spanish, French, Italian, Dutch, Portuguese) that English notes do not use. The letters
// are in English: a note in another language is left out, never pasted in.
var foreign = map[string]bool{
	"und": true, "der": true, "die": true, "das": true, "mit": true, "über": true, "für": true, "wir": true, "ist": true,
	"nicht": true, "ein": true, "eine": true, "einen": true, "zum": true, "zur": true, "von": true, "im": true, "auf": true,
	"sie": true, "haben": true, "wie": true, "auch": true, "sehr": true, "den": true, "dem": true, "des": true,
	"el": true, "los": true, "las": true, "y": true, "con": true, "sobre": true, "para": true, "del": true, "una": true,
	"que": true, "en": true, "por": true, "su": true, "sus": true, "muy": true, "equipo": true, "hablamos": true,
	"le": true, "les": true, "et": true, "avec": true, "pour": true, "une": true, "est": true, "sur": true, "du": true,
	"nous": true, "avons": true, "équipe": true, "het": true, "een": true, "ik": true, "wij": true, "voor": true,
	"il": true, "della": true, "di": true, "che": true, "não": true, "com": true, "uma": true, "os": true,
}

func isForeign(s string) bool {
	if strings.ContainsAny(s, "ßñ¿¡") {
		return true
	}
	for _, f := range strings.Fields(s) {
		if f = strings.Trim(f, ".,;:()!?"); len(f) > 1 && strings.ToUpper(f) == f {
			continue // "DEN", an airport's code, is no German article
		}
		if w := strings.ToLower(f); foreign[w] {
			return true
		}
	}
	return false
}

// words are s's words in lower case, without the punctuation around them.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }); w != "" {
			out = append(out, strings.ReplaceAll(w, "’", "'"))
		}
	}
	return out
}

func firstWord(s string) string {
	if ws := words(s); len(ws) > 0 {
		return ws[0]
	}
	return ""
}

// cutLead removes one of leads from the start of s, with the colon or comma after it.
func cutLead(s string, leads []string) (string, bool) {
	low := strings.ToLower(s)
	for _, l := range leads {
		if strings.HasPrefix(low, l) && (len(s) == len(l) || strings.ContainsRune(" :,", rune(s[len(l)]))) {
			return strings.TrimLeft(s[len(l):], " :,"), true
		}
	}
	return s, false
}

const notEnglish = "not in English, and the letter is: write it in English to use it"

const noWords = "has no words a letter could use"

const toYourself = "reads as a note to yourself, not a phrase for a letter: write it as you would say it to them"

// keyPointPhrase makes one key point a noun phrase that reads after "about", turned towards
// the reader, or says why it cannot be one.
func keyPointPhrase(raw, company string) (string, string) {
	s := raw
	for i := 0; i < 3; i++ {
		if aboutNumberRe.MatchString(s) {
			break // "about 60 open claims": a number, not a lead
		}
		var cut bool
		if s, cut = cutLead(s, pointLeads); !cut {
			break
		}
	}
	s = tidy(s)
	switch {
	case s == "":
		return "", "says who raised a point but not what it was"
	case !hasLetter(s):
		return "", noWords
	case isForeign(s):
		return "", notEnglish
	case quantityLeadRe.MatchString(s):
		// Not "begins with “a”" of a note the owner began "lots of" (a sixth blind set).
		return "", "says how much there is (“" + strings.ToLower(quantityLeadRe.FindString(s)) + "”), not what you talked about: name the topic (“the chances to grow”)"
	case prepositions[firstWord(s)] && !aboutNumberRe.MatchString(s) || frequencyAdverbs[firstWord(s)]:
		return "", "begins with “" + firstWord(s) + "”: it cannot follow “our conversation about”; write it as a topic (“the on-call schedule”)"
	case interviewItself(s):
		return "", "is the interview itself, not something you talked about in it"
	case payRe.MatchString(s):
		return "", "is about pay: a thank-you does not bring it up"
	case personNoted(s):
		return "", "names someone you met, not something you talked about"
	case pointsBackRe.MatchString(s):
		return "", "ends on “" + lastWord(s) + "”, which points back at another note: name what it is"
	case howLongRe.MatchString(s):
		return "", "says how long it took, not what you talked about"
	case ownPart(s):
		return "", "is your own part of the interview, not something they told you about: a letter cannot thank them for telling you of it; write what they said about it"
	case hasThirdPerson(s):
		return "", "says “he” or “she”: in a letter to one of the panel it could point at the wrong person; name the topic instead"
	case isQuestion(s):
		return "", "is a question: it cannot follow “our conversation about”; write it as a topic (“how you deploy”)"
	case hasARe.MatchString(s):
		// "has a critical care track": theirs, "your critical care track".
		return keyPointPhrase("their "+hasARe.FindStringSubmatch(s)[1], company)
	case plansRe.MatchString(s):
		// "they want to build out the sports med caseload": their plans.
		return keyPointPhrase("their plans to "+plansRe.FindStringSubmatch(s)[1], company)
	case practice(s):
		// "PTs split the week between the two locations": how it is done there.
		return keyPointPhrase("how "+s, company)
	case verbStarts[firstWord(s)] || verbSecond(s) || finiteVerb(s) || stateOfThings(s) || pluralDoes(s):
		return "", notATopic
	case isImpression(s):
		return "", "says how it felt, not what you talked about: it cannot follow “our conversation about”; name the topic"
	case len(words(s)) > 14:
		return "", "is too long to quote in a short letter: shorten it to a few words"
	}
	if m := aboutCountRe.FindStringSubmatch(s); m != nil {
		// "about 60 open claims": after "our conversation about", "the 60 or so open claims".
		return "the " + m[1] + " or so " + toReader(m[2], company), ""
	}
	return topicPhrase(lowerFirst(toReader(s, company))), ""
}

// aboutCountRe is a rough count and what is counted: "about 60 open claims".
var aboutCountRe = regexp.MustCompile(`(?i)^about (\d[\d,]*) (\D.*)$`)

// aboutNumberRe is "about 60": a number said roughly.
var aboutNumberRe = regexp.MustCompile(`(?i)^about \d`)

const notATopic = "is a sentence, not a topic: it cannot follow “our conversation about”; write it as a topic (“the team's plans for 2027”)"

// remarkSubjects are what an interviewer says something of that a letter can pick up: "role
// needs someone with initiative" is "You mentioned that the role needs someone with
// initiative".
// feeling reads a note of how the owner felt as a sentence in their voice, and whether it is
// their wish to join; "" when it is none it can say.
func feeling(s, company string) (string, bool) {
	if len(words(s)) > 14 || isForeign(s) || strings.ContainsAny(s, "?/=") {
		return "", false
	}
	if m := timeToJoinRe.FindStringSubmatch(s); m != nil {
		// "exciting time to join the team": "It sounds like an exciting time to join the team".
		return "It sounds like " + articleFor(m[1]) + " " + strings.ToLower(m[1]) + " time to " + m[2], false
	}
	if m := rapportRe.FindStringSubmatch(s); m != nil && !hasThirdPerson(m[2]) {
		return "I felt " + articleFor(m[1]) + " " + strings.ToLower(m[1]) + " rapport with " + toReader(m[2], company), false
	}
	if m := wishRe.FindStringSubmatch(s); m != nil {
		what := m[4]
		if w := words(what); len(w) == 2 && (w[0] == "this" || w[0] == "the") && orgNouns[w[1]] {
			what = "your " + w[1]
		}
		return "I " + strings.ToLower(m[1]) + strings.ToLower(m[2]) + " to " + strings.ToLower(m[3]) + " " + toReader(what, company), true
	}
	if m := admireRe.FindStringSubmatch(s); m != nil && !hasThirdPerson(m[3]) {
		what := toReader(m[3], company)
		if f := strings.Fields(what); len(f) >= 2 && f[len(f)-2] == "the" && (orgNouns[f[len(f)-1]] || f[len(f)-1] == "business") {
			f[len(f)-2] = "your" // "the mission behind the business", to that business
			what = strings.Join(f, " ")
		}
		return "I " + strings.ToLower(m[1]) + strings.ToLower(m[2]) + " " + what, false
	}
	if m := seemsRe.FindStringSubmatch(s); m != nil {
		// "team seems innovative, hardworking, passionate": "Your team seems innovative,
		// hardworking and passionate".
		adj := strings.Split(m[3], ",")
		for i := range adj {
			adj[i] = strings.TrimSpace(adj[i])
		}
		return "Your " + strings.ToLower(m[1]) + " " + strings.ToLower(m[2]) + " " + joinList(adj), false
	}
	if m := impressionRe.FindStringSubmatch(s); m != nil && !hasThirdPerson(m[5]) && len(words(m[5])) <= 6 {
		subject, rest := strings.ToLower(m[1]), m[2]
		verb := "was"
		switch subject {
		case "people", "you", "colleagues", "nurses", "teachers", "engineers":
			verb = "were"
		}
		if !strings.HasPrefix(subject, "the ") && subject != "everyone" && subject != "everybody" && subject != "you" {
			subject = "the " + subject
		}
		degree := strings.ToLower(m[3])
		if degree == "super" {
			degree = "very"
		}
		rest = strings.ReplaceAll(strings.ReplaceAll(rest, " i ", " I "), " i'", " I'")
		if f := strings.Fields(rest); len(f) == 2 && prepositions[f[0]] && !strings.EqualFold(f[1], "the") {
			rest = " " + f[0] + " the " + f[1] // "everyone on panel" is "everyone on the panel"
		}
		return upperFirst(subject) + rest + " " + verb + " " + degree + " " + strings.ToLower(m[4]) + m[5], false
	}
	return "", false
}

var (
	// wishRe is the owner's wish to join: "really want to join this practice".
	wishRe = regexp.MustCompile(`(?i)^(?:i\s+)?((?:really|truly|very much)\s+)?(want|would love|hope|am eager|am keen)\s+to\s+(join|work with|work for|work at|be part of)\s+(.{3,})$`)
	// timeToJoinRe is a remark on the moment: "exciting time to join the team".
	timeToJoinRe = regexp.MustCompile(`(?i)^(?:it's |it is |an? )?(exciting|great|interesting|good|busy|big) time to ((?:join|be at|be part of|come on board)\b.*)$`)
	// rapportRe is how the owner got on with them: "good rapport w/ the whole staff".
	rapportRe = regexp.MustCompile(`(?i)^(?:felt |had |built )?(?:a )?(good|great|real|wonderful|strong|instant|easy) rapport with (.{3,})$`)
	// seemsRe is how the team or the place seemed: "team seems innovative, hardworking".
	seemsRe = regexp.MustCompile(`(?i)^(?:the\s+|your\s+|their\s+)?(team|staff|people|culture|office|group|department|unit|clinic|practice|program)\s+(seems|seemed|looks|sounds)\s+((?:very |really |so )?[a-z-]+(?:,\s*(?:and\s+)?[a-z-]+){0,3})$`)
	// admireRe is what the owner admires: "admire the mission behind the business".
	admireRe = regexp.MustCompile(`(?i)^(?:i\s+)?((?:really|truly|greatly)\s+)?(admire|respect|appreciate)\s+((?:the|your|their|how|what)\b.{3,})$`)
	// impressionRe is how the people or the place came across: "everyone on the panel very
	// friendly", "team super welcoming".
	impressionRe = regexp.MustCompile(`(?i)^((?:the\s+)?(?:everyone|everybody|team|panel|staff|people|office|culture|clinic|place|atmosphere))((?:\s+(?:on|in|at|i)\s+(?:the\s+)?[\w']+(?:\s+met)?)?)\s+(?:was\s+|were\s+)?(very|so|really|super|quite|extremely)\s+(welcoming|friendly|kind|nice|helpful|warm|supportive|organized|professional|impressive|knowledgeable|approachable|passionate|engaged)((?:\s+[\w'-]+){0,6})$`)
)

// orgNouns are what the owner would join: "this practice" is "your practice" to its reader.
var orgNouns = map[string]bool{"practice": true, "team": true, "company": true, "clinic": true, "firm": true, "group": true,
	"office": true, "school": true, "hospital": true, "organization": true, "department": true, "lab": true, "program": true}

// sendingRe is what the owner is sending, or what they were asked for.
var sendingRe = regexp.MustCompile(`(?i)^(?:i'm |i am |will be |am )?(?:sending|(?:you|they) asked (?:me )?for)\s+((?:my|a|an|the|some|a few)\b.{3,})$`)

// likingRe is the owner's liking for the place: "seems like a great company to work for".
var likingRe = regexp.MustCompile(`(?i)^(?:it\s+|the (?:company|place|team|firm|practice|clinic|office)\s+)?((?:seems|sounds|looks) like (?:a|an) (?:great|wonderful|good|fantastic|lovely|fun|nice|amazing|terrific|excellent) (?:place|company|team|organization|organisation|practice|clinic|firm|office|workplace|environment)(?: to work(?: for| at| in)?)?)$`)

// interestFitRe is a fit jotted as an interest: "critical care interest".
var interestFitRe = regexp.MustCompile(`(?i)^((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\s+interest$`)

// qualitiesRe is a quality or a want made into experience: "experience in assertiveness",
// "worked in skills and interests".
var qualitiesRe = regexp.MustCompile(`(?i)experience (?:in|with) [a-z]+(?:ness|ity|ency|ancy)\b|worked in (?:skills|interests|talents)|experience in (?:skills|interests|talents)\b`)

// fitIsFor is why what a fit is for (after an arrow or ", to") is left out.
const fitIsFor = "is what your fit is for: a letter says the fit alone; write the rest as a sentence of the fit (“and I could help grow your caseload”)"

// fitPurposeRe is a purpose after a comma in a fit: ", to build the museum identity".
var fitPurposeRe = regexp.MustCompile(`,\s+(to\s+[a-z]+\b.*)$`)

// fitArrowRe is the arrow between words of a fit, and what follows it.
var fitArrowRe = regexp.MustCompile(`[A-Za-z)](\s*(?:->|→|=>)\s*)([A-Za-z].*)$`)

// reportedRe is what the interviewer said, as a note reports it: "you said (that) …".
var reportedRe = regexp.MustCompile(`(?i)^(?:you|they)\s+(?:said|mentioned|noted|explained|told me|stressed)\s+(?:that\s+)?(.+)$`)

// reportedSubjects begin a clause said of the role or the place: "it takes someone …",
// "there is a lot of travel …". Not "we" or "I", who would be the wrong people in a letter.
var reportedSubjects = map[string]bool{"it": true, "there": true, "the": true, "your": true, "everyone": true, "most": true}

var remarkSubjects = map[string]bool{"role": true, "job": true, "position": true, "team": true, "unit": true,
	"department": true, "company": true, "group": true, "office": true, "clinic": true, "program": true}

var remarkVerbs = map[string]bool{"needs": true, "requires": true, "wants": true, "is": true, "will": true, "has": true,
	"expects": true, "values": true, "calls": true, "involves": true, "demands": true}

// remarkClause reads a note that says what the interviewer said of the role or the team
// ("role needs someone with initiative", "their team is growing") as a clause a letter can
// report: "the role needs someone with initiative". A note about one person ("he's
// swamped") or a feeling is not one.
func remarkClause(s, company string) (string, bool) {
	s = tidy(s)
	ws := words(s)
	if m := reportedRe.FindStringSubmatch(s); m != nil && !isForeign(s) && !isQuestion(s) {
		// "you said it takes someone with initiative": what they said, reported ("You
		// mentioned that it takes …", as a published letter does).
		rest := m[1]
		if rw := words(rest); len(rw) >= 3 && len(rw) <= 16 && reportedSubjects[rw[0]] && !hasThirdPerson(rest) {
			return toReader(rest, company), true
		}
		return "", false
	}
	if len(ws) < 3 || len(ws) > 12 || isForeign(s) || hasThirdPerson(s) || isQuestion(s) || isImpression(s) {
		return "", false
	}
	if (ws[0] == "they" || ws[0] == "you") && (ws[1] == "need" || ws[1] == "want") && (ws[2] == "someone" || ws[2] == "somebody" || ws[2] == "a") {
		// "they need someone to fix the dispatch process": what the role needs, said by them.
		fields := strings.Fields(toReader(s, company))
		fields[0] = "you"
		return strings.Join(fields, " "), true
	}
	i := 0
	if ws[0] == "the" || ws[0] == "their" || ws[0] == "your" {
		i = 1
	}
	if i+1 >= len(ws) || !remarkSubjects[ws[i]] || !remarkVerbs[ws[i+1]] {
		return "", false
	}
	fields := strings.Fields(toReader(s, company))
	if i == 0 {
		fields = append([]string{"the"}, fields...)
	} else if strings.EqualFold(fields[0], "the") {
		fields[0] = "the"
	} else {
		fields[0] = "your"
	}
	return strings.Join(fields, " "), true
}

// secondVerbs are the verbs that make "role needs someone with initiative" or "team is
// growing" a sentence: a noun and then one of them. Plural nouns that look like verbs
// ("hiring plans") are not among them.
var secondVerbs = map[string]bool{"needs": true, "wants": true, "requires": true, "seems": true, "is": true, "are": true,
	"was": true, "were": true, "has": true, "have": true, "will": true, "would": true, "can": true, "could": true,
	"should": true, "must": true, "looks": true, "sounds": true, "feels": true, "expects": true, "uses": true}

// stateOfThings reports whether a note says how things stand, a noun and its state, not a
// topic: "two techs out on leave", "reading numbers down since covid", "carriers running
// late on west coast lanes", "only two researchers for 40 designers". "The sign up flow"
// and "the roll out plan" are topics.
func stateOfThings(s string) bool {
	ws := words(s)
	if len(ws) > 1 && (ws[0] == "only" || ws[0] == "just") {
		return true
	}
	// What is to happen, and when by: "offer to follow", "move-in Feb 4 at the latest".
	if n := len(ws); n >= 2 && ws[n-2] == "to" && (ws[n-1] == "follow" || ws[n-1] == "come") || latestRe.MatchString(s) {
		return true
	}
	for i := 1; i < len(ws); i++ {
		if i == len(ws)-1 && endStates[ws[i]] {
			return true // "discovery heavy"
		}
		if !stateWords[ws[i]] || !strings.HasSuffix(ws[i-1], "s") || determiners[ws[i-1]] {
			continue
		}
		if i == len(ws)-1 || prepositions[ws[i+1]] || stateWords[ws[i+1]] || ws[i+1] == "since" || ws[i+1] == "rn" || ws[i+1] == "now" {
			return true
		}
	}
	return false
}

// endStates end a note that says how a thing is: "discovery heavy".
var endStates = map[string]bool{"heavy": true, "light": true, "busy": true, "hectic": true, "intense": true,
	"ok": true, "okay": true, "fine": true} // "hotel a few days ok"

// stateWords say how a thing stands after its noun ("techs out", "numbers down").
var stateWords = map[string]bool{"out": true, "down": true, "up": true, "behind": true, "short": true, "late": true,
	"running": true, "gone": true, "away": true, "leaving": true, "understaffed": true, "overloaded": true,
	"swamped": true, "slipping": true, "dropping": true, "rising": true, "falling": true, "lagging": true}

// quantityLeadRe begins a note that says how much there is, not what: "a lot of exotics".
var quantityLeadRe = regexp.MustCompile(`(?i)^(a lot of|lots of|plenty of|tons of|a bunch of)\b`)

// frequencyAdverbs begin a note that says how things mostly are ("mostly residential
// repairs"), not a topic.
var frequencyAdverbs = map[string]bool{"mostly": true, "mainly": true, "usually": true, "often": true, "sometimes": true,
	"always": true, "never": true, "currently": true, "probably": true, "typically": true, "generally": true}

// interviewItself reports whether a point names the interview ("group interview", "the
// panel interview"): its form, not a topic.
func interviewItself(s string) bool {
	ws := words(s)
	if len(ws) > 0 && ws[0] == "the" {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return false
	}
	if len(ws) <= 4 && (ws[len(ws)-1] == "interview" || ws[len(ws)-1] == "interviews") {
		return true
	}
	// "final interview in Orlando", "interview with the panel": the interview and where.
	for i, w := range ws {
		if (w == "interview" || w == "interviews") && i <= 2 && i+1 < len(ws) && prepositions[ws[i+1]] {
			return true
		}
	}
	// How it was held ("zoom call", "video call with the team", "phone screen") or the job it
	// was for ("the job", "the position").
	if len(ws) == 1 && (ws[0] == "job" || ws[0] == "role" || ws[0] == "position" || ws[0] == "opening" || ws[0] == "company" ||
		ws[0] == "firm" || ws[0] == "organization" || ws[0] == "business") {
		return true
	}
	for i := 0; i+1 < len(ws) && i <= 1; i++ {
		// "zoom call", "recruiter phone screen", "video call with the team".
		if meetingMedia[ws[i]] && (ws[i+1] == "call" || ws[i+1] == "screen" || ws[i+1] == "meeting" || ws[i+1] == "chat") &&
			(i+2 == len(ws) || prepositions[ws[i+2]]) {
			return true
		}
	}
	return false
}

// pointsBackRe is a note that ends on a word pointing at an earlier one: "how she sees the
// department playing into that".
var pointsBackRe = regexp.MustCompile(`(?i)\b(into|with|on|to|for|about|of|in|from|behind|around) (that|this|it|those|these|them)$`)

// howLongRe is how long the interview took: "full day", "2 hours", "all morning".
var howLongRe = regexp.MustCompile(`(?i)^(?:a |the )?(?:(?:full|half|whole|all)[ -](?:day|morning|afternoon)|(?:about |over |almost )?(?:\d+|one|two|three|four|five|six)(?:\.\d+)? (?:hours?|hrs?|minutes?|mins?)(?: long)?)$`)

// payRe is what the job pays: a thank-you letter does not thank anyone for it.
var payRe = regexp.MustCompile(`(?i)\b(salary|salaries|pay|wage|wages|bonus|bonuses|compensation|commission|stipend|raise|raises|pto|401k|401\(k\)|equity|stock options)\b`)

// personNoted reports whether a note is a person and what they do: "Lynn (attorney)".
func personNoted(s string) bool {
	m := personRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	w := words(m[2])
	return len(w) > 0 && (jobNouns[w[len(w)-1]] || personTitles[w[len(w)-1]])
}

var personRe = regexp.MustCompile(`^([A-Z][\p{L}'.-]*(?:\s+[A-Z][\p{L}'.-]*){0,2})\s*\(([^)]+)\)$`)

// personTitles are what a person met is noted as, besides the job nouns.
var personTitles = map[string]bool{"attorney": true, "partner": true, "ceo": true, "cfo": true, "cto": true, "founder": true,
	"director": true, "hr": true, "vp": true, "head": true, "lead": true, "chair": true, "dean": true, "professor": true,
	"owner": true, "principal": true, "president": true, "associate": true, "hm": true}

// meetingMedia are the ways an interview is held, said before "call".
var meetingMedia = map[string]bool{"zoom": true, "phone": true, "video": true, "teams": true, "skype": true, "webex": true,
	"facetime": true, "meet": true, "intro": true, "screening": true, "first": true, "initial": true, "final": true}

// pluralDoes reports whether a note is a plural subject doing something to a thing: "PTs
// split the week between the two locations", "nurses float between units", "kids love the
// garden". A topic with its noun first ("sales calls", "results dashboard") has no verb there.
func pluralDoes(s string) bool {
	ws := words(s)
	if len(ws) < 3 || determiners[ws[0]] || len(ws[0]) < 3 || !strings.HasSuffix(ws[0], "s") || strings.HasSuffix(ws[0], "ss") ||
		strings.HasSuffix(ws[0], "'s") {
		return false
	}
	v := ws[1]
	if strings.HasSuffix(v, "s") || strings.HasSuffix(v, "ing") || strings.HasSuffix(v, "ly") || prepositions[v] || v == "and" || v == "or" ||
		v == "twice" || v == "once" || frequencyAdverbs[v] || numberish(v) {
		return false
	}
	return ws[2] == "the" || ws[2] == "their" || ws[2] == "our" || ws[2] == "your" || ws[2] == "a" || ws[2] == "an" ||
		ws[2] == "between" || ws[2] == "across" || ws[2] == "with"
}

// practice reports whether a note is how something is done there, a subject and a verb in
// the present: "PTs split the week between the two locations", "you keep every visit
// one-on-one". Not what someone feels ("kids love the garden") or did once ("you got to know
// me").
func practice(s string) bool {
	ws := words(s)
	if len(ws) < 3 {
		return false
	}
	switch {
	case ws[0] == "you" || ws[0] == "they":
		v := ws[1]
		return !strings.HasSuffix(v, "ed") && !strings.HasSuffix(v, "s") && !notPractices[v] && !verbStarts[v] && !prepositions[v]
	case pluralDoes(s):
		return !notPractices[ws[1]]
	}
	return false
}

// notPractices are verbs that say no way of working: feelings, thoughts, what was done once,
// and the helpers of other verbs.
var notPractices = map[string]bool{"love": true, "like": true, "hate": true, "need": true, "want": true, "know": true,
	"think": true, "believe": true, "seem": true, "prefer": true, "got": true, "went": true, "said": true, "told": true,
	"gave": true, "took": true, "made": true, "came": true, "saw": true, "met": true, "had": true, "did": true, "ran": true,
	"asked": true, "mentioned": true, "feel": true, "felt": true, "get": true, "let": true, "put": true, "set": true,
	"hope": true, "plan": true, "expect": true, "wish": true, "mean": true, "say": true, "see": true, "agree": true}

// hasARe is what they have, jotted without who: "has a critical care track".
var hasARe = regexp.MustCompile(`(?i)^(?:has|have|offers|runs)\s+(?:a|an)\s+(.{3,})$`)

// plansRe is what they mean to do: "they want to build out the caseload".
var plansRe = regexp.MustCompile(`(?i)^(?:they|you)\s+(?:want|plan|hope|intend|aim|are planning|are hoping)\s+to\s+(.{3,})$`)

// ownPart reports whether a point is what the owner did in the interview: "my job talk",
// "the coding question", "the spec ad exercise".
func ownPart(s string) bool {
	ws := words(parenRe.ReplaceAllString(s, ""))
	if len(ws) == 0 {
		return false
	}
	switch ws[len(ws)-1] {
	case "question", "exercise", "excercise", "assignment", "test", "quiz":
		return true
	}
	for _, w := range ws {
		if w == "my" || w == "i" {
			return true // "cleaning up my business affairs here", "how I could help the HR department"
		}
	}
	return false
}

// finiteVerb reports whether s says something with a verb of its own, outside a clause a
// topic may hold ("what the team is building", "the project that is behind schedule") and
// outside brackets: "the techs they have are great", "weld test went good", "team works on
// search infra" are sentences.
func finiteVerb(s string) bool {
	ws := words(parenRe.ReplaceAllString(s, ""))
	if len(ws) == 0 || whWords[ws[0]] {
		return false
	}
	for i := 1; i < len(ws); i++ {
		if (reportVerbs[ws[i]] || doneVerbs[ws[i]]) && !pronouns[ws[i-1]] && ws[i-1] != "that" && !whWords[ws[i-1]] {
			return true // "Dr P asked why simvastatin is taken at night"; not "the questions you asked"
		}
		if !finiteVerbs[ws[i]] {
			continue
		}
		if p := ws[i-1]; p == "that" || p == "which" || p == "who" || whWords[p] || i >= 2 && (whWords[ws[i-2]] || ws[i-2] == "that" || ws[i-2] == "which") {
			continue
		}
		return true
	}
	return false
}

// reportVerbs say someone said something: after a name, a sentence.
var reportVerbs = map[string]bool{"asked": true, "said": true, "told": true, "mentioned": true, "explained": true}

// doneVerbs are what someone did, not a topic: "same day found an apt in Lake Buena Vista".
var doneVerbs = map[string]bool{"found": true, "got": true, "made": true, "took": true, "flew": true, "saw": true, "met": true,
	"heard": true, "drove": true, "left": true, "came": true, "gave": true}

// pronouns before a verb make a clause inside a topic: "the questions you asked".
var pronouns = map[string]bool{"i": true, "you": true, "we": true, "they": true, "he": true, "she": true}

var parenRe = regexp.MustCompile(`\([^()]*\)`)

// finiteVerbs are verbs that make a note a sentence wherever they stand.
var finiteVerbs = map[string]bool{"is": true, "are": true, "was": true, "were": true, "went": true, "goes": true,
	"can": true, "could": true, "should": true, "must": true, "might": true, "would": true, // "atorvastatin can go any time of day"
	"works": true, "runs": true, "seems": true, "seemed": true, "looks": true, "looked": true, "felt": true}

func verbSecond(s string) bool {
	ws := words(s)
	return len(ws) > 2 && !determiners[ws[0]] && !whWords[ws[0]] && secondVerbs[ws[1]]
}

// degreeWords before an adjective make a note an impression ("everyone on the panel very
// friendly"), not a topic.
var degreeWords = map[string]bool{"very": true, "so": true, "super": true, "really": true, "quite": true, "extremely": true}

func isImpression(s string) bool {
	ws := words(s)
	if len(ws) == 1 && (feelings[ws[0]] || describingRe.MatchString(ws[0])) {
		return true // "adorable", jotted after "their son Jake"
	}
	if intoRe.MatchString(s) || commaDegreeRe.MatchString(s) {
		return true // "program very into teaching", "the business …, very open on all the issues"
	}
	if len(ws) > 1 && ownFeelings[ws[0]] {
		return true // "glad she invited me in"
	}
	if len(ws) > 1 && (ws[0] == "most" || ws[0] == "least") && feelings[ws[1]] {
		return true // "most relaxed / least stressful interview of all the ones I've done"
	}
	for i, w := range ws {
		if i > 0 && degreeWords[w] && i >= len(ws)-2 {
			return true
		}
	}
	return false
}

// describingRe is a word that describes, jotted alone: "adorable", "hilarious", "cheerful".
var describingRe = regexp.MustCompile(`^[a-z]+(able|ible|ous|ful|ive|ish)$|^(cute|sweet|lovely|great|amazing|awesome|nice|smart|sharp|funny)$`)

// commaDegreeRe is an impression jotted after a comma: ", very open on all the issues".
var commaDegreeRe = regexp.MustCompile(`(?i),\s*(very|so|really|super|quite|extremely)\s+\w`)

// intoRe is a jotted enthusiasm: "very into teaching", "super big on mentoring".
var intoRe = regexp.MustCompile(`(?i)\b(very|so|really|super|quite|big)\s+(into|big on|keen on|focused on|passionate about)\b`)

// ownFeelings begin a note of how the owner felt: "glad she invited me in".
var ownFeelings = map[string]bool{"glad": true, "happy": true, "grateful": true, "thankful": true, "excited": true,
	"nervous": true, "pleased": true, "impressed": true, "relieved": true, "surprised": true, "honored": true, "honoured": true}

// latestRe is a time something is due by: "at the latest", "at the earliest".
var latestRe = regexp.MustCompile(`(?i)\bat the (latest|earliest)\b`)

// feelings are how an interview or a place felt: after "most" a note is an impression ("most
// relaxed interview"), where "most recent" is a topic's.
var feelings = map[string]bool{"relaxed": true, "relaxing": true, "stressful": true, "enjoyable": true, "friendly": true,
	"welcoming": true, "fun": true, "impressive": true, "interesting": true, "engaging": true, "organized": true,
	"thorough": true, "comfortable": true, "pleasant": true, "positive": true, "memorable": true, "exciting": true,
	"intimidating": true, "laid": true, "casual": true, "intense": true, "professional": true, "warm": true}

// whWords begin a noun clause ("how they deploy") or, followed by an auxiliary, a question
// ("how do they deploy").
var whWords = map[string]bool{"how": true, "what": true, "why": true, "when": true, "where": true, "who": true, "which": true, "whether": true}

// isQuestion reports whether s is a question ("How do they deploy?", "What is their
// stack"), which reads wrongly after "about". "How they deploy" is not one.
func isQuestion(s string) bool {
	ws := words(s)
	return strings.HasSuffix(strings.TrimSpace(s), "?") || len(ws) > 1 && whWords[ws[0]] && auxiliaries[ws[1]]
}

var auxiliaries = map[string]bool{"is": true, "are": true, "was": true, "were": true, "do": true, "does": true, "did": true,
	"can": true, "could": true, "will": true, "would": true, "should": true, "has": true, "have": true, "had": true,
	"must": true, "may": true, "might": true, "shall": true, "'s": true, "is's": false}

func hasThirdPerson(s string) bool {
	for _, w := range words(s) {
		if thirdPerson[w] {
			return true
		}
	}
	return false
}

// readerWords turn the owner's "they" (the company) towards the reader, who works there.
var readerWords = map[string]string{"their": "your", "theirs": "yours", "they": "you", "them": "you",
	"themselves": "yourselves", "they're": "you're", "they've": "you've", "they'll": "you'll", "they'd": "you'd"}

// toReader turns the owner's words about the company towards its own staff: "their
// on-call rotation" is "your on-call rotation" to them, and "Acme's roadmap" "your roadmap".
func toReader(s, company string) string {
	fields := strings.Fields(s)
	co := strings.ToLower(strings.TrimRight(strings.TrimSpace(company), "."))
	for i, f := range fields {
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		low := strings.ReplaceAll(strings.ToLower(core), "’", "'")
		if to, ok := readerWords[low]; ok {
			if core != strings.ToLower(core) {
				to = upperFirst(to)
			}
			fields[i] = strings.Replace(f, core, to, 1)
			continue
		}
		if co != "" && (low == co+"'s" || low == co+"s'") {
			fields[i] = strings.Replace(f, core, "your", 1)
		}
	}
	// A word of the company's own name, as the company writes it: "the courier" is "the
	// Courier" to The Lakeside Courier.
	cased := map[string]string{}
	for _, w := range strings.Fields(company) {
		if w = strings.Trim(w, ".,'’()"); len(w) >= 4 && w != strings.ToLower(w) && !genericOrgWords[strings.ToLower(w)] {
			cased[strings.ToLower(w)] = w
		}
	}
	for i, f := range fields {
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		// The name stands alone ("for the courier", "at target, in 2024"); before a noun it
		// is a word ("the target audience").
		alone := i == len(fields)-1 || strings.ContainsAny(f, ",;:)") || prepositions[strings.ToLower(fields[i+1])] ||
			fields[i+1] == "and" || fields[i+1] == "or"
		if w, ok := cased[core]; ok && core != "" && alone {
			fields[i] = strings.Replace(f, core, w, 1)
		}
	}
	out := strings.Join(fields, " ")
	for _, p := range []string{"the company's ", "the team's ", "the company’s "} {
		out = replaceFold(out, p, "your ")
	}
	return out
}

// genericOrgWords are words of organisations' names that notes use as plain words ("the
// library", "their health plan"): never cased as the name.
var genericOrgWords = map[string]bool{"company": true, "companies": true, "group": true, "services": true, "service": true,
	"solutions": true, "systems": true, "partners": true, "international": true, "national": true, "global": true,
	"health": true, "care": true, "bank": true, "university": true, "college": true, "school": true, "hospital": true,
	"center": true, "centre": true, "department": true, "office": true, "agency": true, "foundation": true,
	"institute": true, "associates": true, "holdings": true, "industries": true, "technologies": true, "labs": true,
	"media": true, "studio": true, "studios": true, "network": true, "team": true, "consulting": true, "capital": true,
	"public": true, "library": true, "city": true, "county": true, "state": true, "with": true, "from": true,
	"pharmacy": true, "clinic": true, "builders": true, "construction": true, "design": true, "security": true,
	"energy": true, "data": true, "software": true, "engineering": true, "medical": true, "family": true, "home": true,
	"community": true, "charities": true, "investments": true, "financial": true, "insurance": true, "logistics": true,
	"airlines": true, "regional": true, "supply": true, "museum": true, "society": true, "press": true, "news": true,
	"computing": true, "learning": true, "education": true, "academy": true, "children": true, "realty": true}

func replaceFold(s, old, new string) string {
	i := strings.Index(strings.ToLower(s), old)
	if i < 0 {
		return s
	}
	return s[:i] + new + s[i+len(old):]
}

// commonStarts are words that begin a phrase with a capital only because the owner wrote it
// as a sentence; a proper noun (Kafka, Python, WCAG) keeps its capital.
var commonStarts = map[string]bool{
	"the": true, "a": true, "an": true, "our": true, "your": true, "their": true, "its": true, "how": true, "why": true,
	"what": true, "which": true, "when": true, "where": true, "who": true, "whether": true, "this": true, "that": true,
	"these": true, "those": true, "my": true, "some": true, "more": true, "remote": true, "hybrid": true, "team": true,
	"teams": true, "hiring": true, "growth": true, "plans": true, "plan": true, "culture": true, "roadmap": true,
	"design": true, "product": true, "data": true, "career": true, "on-call": true, "oncall": true, "code": true,
	"testing": true, "tests": true, "work": true, "working": true, "next": true, "new": true, "current": true,
	"upcoming": true, "recent": true, "future": true, "technical": true, "tech": true, "engineering": true, "sales": true,
	"customer": true, "customers": true, "user": true, "users": true, "mentoring": true, "mentorship": true,
	"leadership": true, "onboarding": true, "release": true, "releases": true, "deployment": true, "deployments": true,
	"infrastructure": true, "migration": true, "migrations": true, "architecture": true, "performance": true,
	"security": true, "scaling": true, "accessibility": true, "budget": true, "pricing": true, "expansion": true,
	"strategy": true, "priorities": true, "challenges": true, "goals": true, "company": true, "office": true,
	"distributed": true, "machine": true, "open": true, "quarterly": true, "weekly": true, "daily": true, "each": true,
	"every": true, "both": true, "all": true, "cross-functional": true, "internal": true, "external": true,
	"long-term": true, "short-term": true, "first": true, "second": true, "two": true, "three": true, "several": true,
	"many": true, "better": true, "faster": true, "shared": true, "automated": true, "manual": true, "process": true,
	"processes": true, "system": true, "systems": true, "platform": true, "service": true, "services": true,
	"team's": true, "company's": true, "ways": true, "way": true, "use": true, "role": true, "responsibilities": true,
	"expectations": true, "feedback": true, "collaboration": true, "communication": true, "metrics": true,
	"record": true, "revenue": true, "annual": true, "monthly": true, "yearly": true, "top": true,
	"best": true, "highest": true, "largest": true, "fastest": true, "zero": true, "award": true, "promotion": true,
	"strong": true, "senior": true, "junior": true, "principal": true, "staff": true, "creative": true, "analytical": true,
	"hands-on": true, "full-stack": true, "backend": true, "back-end": true, "frontend": true, "front-end": true,
	"software": true, "proven": true, "deep": true, "solid": true, "extensive": true, "broad": true, "excellent": true,
	"effective": true, "reliable": true, "pragmatic": true, "detail-oriented": true, "five": true, "ten": true, "four": true,
	"six": true, "eight": true, "years": true, "expertise": true, "knowledge": true, "background": true, "passion": true,
}

// lowerFirst writes the first word in lower case when it is a common word that had a
// capital only because it began a sentence.
func lowerFirst(s string) string {
	f, _, _ := strings.Cut(s, " ")
	low := strings.ToLower(f)
	if f == low {
		return s
	}
	r, n := utf8.DecodeRuneInString(f)
	rest := f[n:]
	capitalised := unicode.IsUpper(r) && rest == strings.ToLower(rest)
	if capitalised && (commonStarts[strings.TrimRight(low, ",:")] || edAdjectives[low] || commonSuffix(low)) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

// commonSuffix: words with these endings are common nouns, not names ("Scaling",
// "Documentation", "Management").
func commonSuffix(w string) bool {
	for _, suf := range []string{"ing", "tion", "tions", "ment", "ments", "ness", "ity", "ities", "ance", "ence", "ship", "ism", "ology"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// subjectForms are how a fit or accomplishment note may start with its subject, and what the
// clause after "I" then is.
var subjectForms = []struct{ lead, clause string }{
	{"i'm ", "am "}, {"i’m ", "am "}, {"i am ", "am "}, {"i've ", "have "}, {"i’ve ", "have "}, {"i'd ", "would "},
	{"i’d ", "would "}, {"i ", ""},
}

// pastVerbs are the irregular past tenses accomplishments start with ("Led two teams");
// regular ones end in -ed.
var pastVerbs = map[string]bool{
	"led": true, "built": true, "ran": true, "grew": true, "wrote": true, "made": true, "cut": true, "won": true,
	"drove": true, "took": true, "brought": true, "set": true, "put": true, "gave": true, "sold": true, "taught": true,
	"began": true, "became": true, "rebuilt": true, "rewrote": true, "spoke": true, "found": true, "held": true,
	"kept": true, "met": true, "paid": true, "oversaw": true, "shipped": true, "hired": true, "mentored": true,
	"spun": true, "split": true, "shut": true, "beat": true, "brought-in": true, "upheld": true, "undertook": true,
}

// presentVerbs start a fit note that is a clause after "I" ("Have five years of Go").
var presentVerbs = map[string]bool{
	"have": true, "bring": true, "know": true, "love": true, "enjoy": true, "work": true, "build": true, "lead": true,
	"speak": true, "understand": true, "thrive": true, "care": true, "specialize": true, "specialise": true,
	"combine": true, "focus": true, "hold": true, "own": true, "manage": true, "write": true, "design": true,
	"am": true, "can": true, "would": true, "share": true, "ran": false, "run": true, "mentor": true, "coach": true,
	"ship": true, "scale": true, "deliver": true, "drive": true, "teach": true, "solve": true, "automate": true,
	"develop": true, "create": true, "grow": true, "improve": true, "launch": true, "support": true,
	"type": true, "code": true,
}

// adjectives that end in -ed but start a noun phrase, not a clause ("Experienced engineer").
var edAdjectives = map[string]bool{
	"experienced": true, "skilled": true, "seasoned": true, "certified": true, "dedicated": true, "proven": true,
	"motivated": true, "detail-oriented": true, "results-oriented": true, "customer-focused": true, "distributed": true,
	"advanced": true, "specialized": true, "specialised": true, "trained": true, "qualified": true, "talented": true,
	"automated": true, "applied": true, "combined": true, "varied": true, "related": true, "extended": true,
}

// roleNouns end a noun phrase that says what the owner is ("a senior backend engineer").
var roleNouns = map[string]bool{
	"engineer": true, "developer": true, "designer": true, "manager": true, "analyst": true, "scientist": true,
	"lead": true, "architect": true, "consultant": true, "specialist": true, "leader": true, "professional": true,
	"researcher": true, "writer": true, "administrator": true, "accountant": true, "marketer": true, "nurse": true,
	"teacher": true, "coordinator": true, "owner": true, "generalist": true, "programmer": true, "sre": true,
	"strategist": true, "director": true, "technician": true, "recruiter": true, "editor": true,
	"communicator": true, "academic": true, "professor": true, "lecturer": true, "player": true, "solver": true, "problem-solver": true, "self-starter": true, "learner": true,
	"builder": true, "thinker": true, "collaborator": true, "mentor": true, "expert": true, "practitioner": true,
	"advocate": true, "operator": true, "founder": true, "veteran": true, "speaker": true,
	"officer": true, "assistant": true, "associate": true, "clerk": true, "representative": true, "agent": true,
	"cashier": true, "teller": true, "intern": true, "attorney": true, "lawyer": true, "paralegal": true,
	"physician": true, "therapist": true, "pharmacist": true, "technologist": true, "supervisor": true, "executive": true,
	"barista": true, "server": true, "bartender": true, "cook": true, "driver": true, "major": true, "student": true,
	"tutor": true, "hygienist": true, "electrician": true, "plumber": true, "welder": true, "mechanic": true,
}

// articleNouns are heads of noun phrases that need an article: "strong background in X" is
// "a strong background in X".
var articleNouns = map[string]bool{"background": true, "track": true, "passion": true, "understanding": true,
	"eye": true, "knack": true, "history": true, "grasp": true, "foundation": true, "mix": true, "combination": true,
	"record": true, "mindset": true, "portfolio": true}

var determiners = map[string]bool{"a": true, "an": true, "the": true, "my": true, "our": true, "this": true,
	"that": true, "some": true, "much": true, "many": true, "several": true, "deep": false}

// modals begin a clause with the verb after them: "can share case studies".
var modals = map[string]bool{"can": true, "could": true, "will": true, "would": true}

// isVerbStart reports whether w begins a clause whose subject is left out ("Led two teams",
// "Automated our release process").
func isVerbStart(w string, present bool) bool {
	if pastVerbs[w] || present && presentVerbs[w] {
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 4 && !edAdjectives[w]
}

// ownerWords turn the owner's "our"/"we" about their own employer into words that cannot
// be read as the reader's: "I automated our release process" to another company reads as if
// it were theirs.
func ownerWords(s string) string {
	fields := strings.Fields(s)
	for i, f := range fields {
		switch strings.ToLower(strings.Trim(f, ",.;:")) {
		case "our":
			fields[i] = strings.Replace(strings.Replace(f, "our", "my team's", 1), "Our", "my team's", 1)
		case "us":
			fields[i] = strings.Replace(f, "us", "my team", 1)
		}
	}
	return strings.Join(fields, " ")
}

// passiveVerbs start a note that says what was done to the owner ("Promoted twice in two
// years"): after "I" it needs "was".
var passiveVerbs = map[string]bool{"promoted": true, "awarded": true, "recognized": true, "recognised": true,
	"named": true, "selected": true, "invited": true, "chosen": true, "elected": true, "nominated": true,
	"given": true, "asked": true, "featured": true, "published": true, "certified": true, "trained": true,
	"hired": false, "ranked": true, "voted": true, "honored": true, "honoured": true, "shortlisted": true}

// adjectiveStarts begin a note that says what the owner is like ("Passionate about developer
// tools", "Fluent in German"): after "I" it needs "am".
var adjectiveStarts = map[string]bool{"passionate": true, "experienced": true, "skilled": true, "familiar": true,
	"comfortable": true, "fluent": true, "proficient": true, "eager": true, "excited": true, "motivated": true,
	"good": true, "great": true, "strong": false, "used": true, "versed": true, "well-versed": true, "keen": true,
	"curious": true, "driven": true, "dedicated": true, "committed": true, "able": true, "happy": true,
	"bilingual": true, "trilingual": true, "certified": true, "qualified": true, "interested": true}

// clauseFromI reads a note that is a clause after "I", with or without the "I": the clause
// and whether it was one.
func clauseFromI(s string, present bool) (string, bool) {
	low := strings.ToLower(s)
	for _, f := range subjectForms {
		if strings.HasPrefix(low, f.lead) {
			return f.clause + s[len(f.lead):], true
		}
	}
	ws := words(s)
	if len(ws) == 0 {
		return "", false
	}
	switch w := ws[0]; {
	case passiveVerbs[w] && (len(ws) == 1 || ws[1] != "the" && ws[1] != "a" && ws[1] != "an" && ws[1] != "my" && ws[1] != "our"):
		// "Promoted twice", not "Published a paper" (which the owner did).
		return "was " + lowerWord(s), true
	case adjectiveStarts[w] && len(ws) > 1 && (ws[1] == "in" || ws[1] == "with" || ws[1] == "about" || ws[1] == "at" ||
		ws[1] == "to" || ws[1] == "by" || ws[1] == "for" || ws[1] == "and" || ws[1] == "on" || ws[1] == "of" || !present):
		return "am " + lowerWord(s), true
	case isVerbStart(w, present):
		return lowerWord(s), true
	case modals[w] && len(ws) > 1 && presentVerbs[ws[1]]:
		return lowerWord(s), true // "can share case studies"
	case (w == "has" || w == "is") && len(ws) > 1:
		return map[string]string{"has": "have", "is": "am"}[w] + s[len(w):], true
	case strings.HasSuffix(w, "s") && presentVerbs[strings.TrimSuffix(w, "s")] && len(ws) > 1:
		// "Knows Go well", "Leads a team of five": the owner's notes in the third person.
		return strings.TrimSuffix(w, "s") + s[len(w):], true
	case present && gerund(w):
		// "Leading a team of five" is experience the owner has.
		return "have experience " + lowerWord(s), true
	}
	return "", false
}

// gerund reports whether w is the -ing form of a verb a note starts with ("leading",
// "managing", "running"), not a noun ending in -ing ("engineering", "marketing").
func gerund(w string) bool {
	stem, ok := strings.CutSuffix(w, "ing")
	if !ok || len(stem) < 2 {
		return false
	}
	if presentVerbs[stem] || presentVerbs[stem+"e"] {
		return true
	}
	n := len(stem)
	return n > 2 && stem[n-1] == stem[n-2] && presentVerbs[stem[:n-1]] // running → run
}

// lowerWord writes the first letter in lower case unless the first word is an acronym or
// a name ("Led" → "led", "AWS" stays).
func lowerWord(s string) string {
	f, _, _ := strings.Cut(s, " ")
	r, n := utf8.DecodeRuneInString(f)
	if rest := f[n:]; rest != strings.ToLower(rest) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// nounPhrase makes a fit note that is a noun phrase one that reads after "bring": an
// article where its head needs one, a list of skills as experience with them.
func nounPhrase(s string) string {
	ws := words(s)
	if len(ws) == 0 {
		return s
	}
	if isSkillList(s) {
		items := strings.Split(s, ",")
		for i := range items {
			items[i] = strings.TrimSpace(items[i])
		}
		return "hands-on experience with " + joinList(items)
	}
	s = lowerFirst(s)
	if !determiners[ws[0]] {
		for _, w := range ws[:min(3, len(ws))] {
			if articleNouns[w] {
				return article(s) + " " + s
			}
		}
	}
	return s
}

// spacesRe is a run of spaces within a line (line breaks separate notes, and stay).
var spacesRe = regexp.MustCompile(`[ \t]{2,}`)

// hasVerbLead reports whether a note starts with a verb a clause would (it is then not a post held).
func hasVerbLead(w string) bool { return presentVerbs[w] || pastVerbs[w] }

// isSkillList: "Python, SQL, Airflow", names separated by commas.
func isSkillList(s string) bool {
	items := strings.Split(s, ",")
	if len(items) < 2 {
		return false
	}
	for _, it := range items {
		it = strings.TrimPrefix(strings.TrimSpace(it), "and ")
		if it == "" || len(strings.Fields(it)) > 3 {
			return false
		}
	}
	return true
}

func article(s string) string {
	r, _ := utf8.DecodeRuneInString(strings.ToLower(s))
	if strings.ContainsRune("aeio", r) {
		return "an"
	}
	return "a"
}

// joinList writes "a", "a and b", "a, b and c".
func joinList(items []string) string {
	for i := range items {
		items[i] = strings.TrimPrefix(items[i], "and ")
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	for _, it := range items {
		if strings.Contains(it, " and ") && len(items) == 2 {
			// "a background with nonprofit agencies as well as experience in grant writing and
			// fundraising": neither a comma before the "and" of two nor one "and" too many.
			return items[0] + " as well as " + items[1]
		}
		if strings.Contains(it, " and ") {
			// "your move into Kaiser, patient education and outreach, and the staff's
			// commitment": a bare "and" between them would run the items together.
			return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
		}
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// fitClause makes the fit note a clause after "I": "led two teams", "have five years of Go",
// "bring a strong background in distributed systems", "am an experienced data engineer".
func fitClause(s, company string) (string, string) {
	switch {
	case !hasLetter(s):
		return "", noWords
	case isForeign(s):
		return "", notEnglish
	case hasThirdPerson(s):
		return "", "says “he” or “she”: write why you fit in your own terms"
	case len(words(s)) > 30:
		return "", "is too long for one sentence of a short letter: shorten it"
	}
	s = toReader(s, company)
	// "education + hands-on exp fit the job reqs": that it fits is what the letter says; the
	// fit is what fits.
	s = fitsTheJobRe.ReplaceAllString(s, "")
	if company != "" {
		// "subbed there last spring": "there" is the company, to the company's own staff.
		s = thereRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := thereRe.FindStringSubmatch(m)
			if notThere[strings.ToLower(sub[1])] {
				return m
			}
			return sub[1] + " at " + company + sub[2]
		})
	}
	if items := splitItems(s); len(items) > 0 {
		// "licensed journeyman, 7 yrs", "certified 7-12 chemistry, …": what the owner holds,
		// not a clause in the past ("I licensed journeyman").
		if _, held := heldItem(strings.TrimSpace(items[0])); held {
			if j, ok := jottedFit(s); ok {
				return ownerWords(j), ""
			}
		}
	}
	if items := splitItems(s); len(items) > 1 {
		// "passed two of the four CPA sections, QuickBooks": a clause, then what the owner
		// brings; not one clause with a noun hung on it.
		if _, ok := clauseFromI(strings.TrimSpace(items[0]), true); ok {
			for _, it := range items[1:] {
				if fi, _ := readFitItem(it); fi.kind != "clause" {
					if j, ok := jottedFit(s); ok {
						return ownerWords(j), ""
					}
					break
				}
			}
		}
	}
	if ws := strings.Fields(s); len(ws) > 2 && (strings.EqualFold(ws[0], "just") || strings.EqualFold(ws[0], "recently")) {
		if c, ok := clauseFromI(strings.Join(ws[1:], " "), true); ok {
			return strings.ToLower(ws[0]) + " " + ownerWords(c), "" // "just passed the bar"
		}
		if v := strings.ToLower(ws[1]); v == "got" || v == "passed" || v == "finished" || v == "earned" || v == "completed" {
			return strings.ToLower(ws[0]) + " " + ownerWords(lowerFirst(strings.Join(ws[1:], " "))), "" // "just got my license"
		}
	}
	if cs := clausesFromI(s); len(cs) > 1 {
		return strings.Join(cs, ", and I "), "" // "ran campaigns for retail brands; can share case studies"
	}
	if c, ok := clauseFromI(s, true); ok {
		return ownerWords(c), ""
	}
	if w := firstWord(s); w == "we" || w == "they" || w == "you" || w == "it" || w == "there" {
		return "", "is a sentence about someone else, not about you: write it as what you bring (“five years of Go”)"
	}
	if f, ok := formerPost(s); ok {
		return "bring " + f, ""
	}
	if j, ok := jottedFit(s); ok {
		return ownerWords(j), ""
	}
	ws := words(s)
	if before, after, ok := strings.Cut(s, " at "); ok {
		// "cash officer at XYZ Bank": a post held, said as experience in it.
		if bw := words(before); len(bw) > 0 && len(bw) <= 5 && roleNouns[bw[len(bw)-1]] && !determiners[bw[0]] && !hasVerbLead(bw[0]) {
			np := lowerFirst(before)
			if h := bw[len(bw)-1]; h == "major" || h == "student" {
				// "sophomore marketing major at UMich": what the owner is now.
				return "am " + article(np) + " " + np + " at " + after, ""
			}
			return "bring my experience as " + article(np) + " " + np + " at " + after, ""
		}
	}
	if roleNouns[ws[len(ws)-1]] && len(ws) <= 6 {
		np := lowerFirst(s)
		if !determiners[ws[0]] {
			np = article(np) + " " + np
		}
		return "am " + np, ""
	}
	np := nounPhrase(s)
	if np == lowerFirst(s) {
		np = fitNounPhrase(np)
	}
	np = ownerWords(np)
	if strings.HasPrefix(np, "my ") {
		return "can build on " + np, "" // "I bring my work on design systems" reads oddly
	}
	return "bring " + np, ""
}

// fitsTheJobRe is a predicate that says a fit fits ("fit the job reqs", "match the
// requirements"), to the next comma.
var fitsTheJobRe = regexp.MustCompile(`(?i)\s+(?:fits?|match(?:es)?|suits?|aligns?(?: well)? with|meets?|lines? up with)\s+(?:the |your |all )?(?:job |role |position )?(?:requirements|requirement|reqs?|description|needs|posting|role|job|position|bill)\b[^,;]*`)

// thereRe is "there" after a verb of the owner's ("subbed there", "interned there in
// 2024"), not "there is".
var thereRe = regexp.MustCompile(`(?i)\b([a-z]+) there\b([^'’]|$)`)

// notThere are the words before a "there" that is no place: "is there", "get there".
var notThere = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"get": true, "got": true, "go": true, "went": true, "out": true, "over": true, "up": true, "down": true,
	"from": true, "in": true, "and": true, "or": true, "but": true, "if": true, "that": true, "so": true}

// clausesFromI reads a fit jotted as clauses apart ("ran social media campaigns; can share
// case studies"): each a clause after "I", or none.
func clausesFromI(s string) []string {
	var cs []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		c, ok := clauseFromI(p, true)
		if !ok {
			return nil
		}
		cs = append(cs, ownerWords(c))
	}
	return cs
}

// accomplishmentClause makes the accomplishment note a whole clause with its subject ("I
// automated my team's release process", "my team and I cut costs by 20%"), or a noun phrase
// when the owner wrote one ("a 15 percent increase in sales").
func accomplishmentClause(s, company string) (clause, noun, why string) {
	switch {
	case !hasLetter(s):
		return "", "", noWords
	case isForeign(s):
		return "", "", notEnglish
	case hasThirdPerson(s):
		return "", "", "says “he” or “she”: write what you achieved"
	case len(words(s)) > 30:
		return "", "", "is too long for one sentence of a short letter: shorten it"
	}
	s = toReader(s, company)
	if ws := words(s); len(ws) > 1 && edAdjectives[ws[0]] && strings.HasSuffix(ws[0], "ed") {
		// "Automated release process": a verb, when a bare thing done follows it.
		if _, ok := bareHead(ws, 1); ok {
			return "I " + ownerWords(joinVerbs(clauseArticles(lowerWord(s)))), "", ""
		}
	}
	if c, ok := clauseFromI(s, false); ok {
		return "I " + ownerWords(joinVerbs(clauseArticles(c))), "", ""
	}
	low := strings.ToLower(s)
	for _, lead := range []string{"we ", "my team "} {
		if strings.HasPrefix(low, lead) {
			return "my team and I " + ownerWords(s[len(lead):]), "", ""
		}
	}
	if ws := words(s); len(ws) > 1 && (ws[0] == "got" || ws[0] == "was" || ws[0] == "became") {
		// "got promoted to store lead in Oct": the owner's own, jotted without "I".
		return "I " + ownerWords(lowerWord(s)), "", ""
	}
	if w := firstWord(s); verbStarts[w] || w == "you" {
		return "", "", "is a sentence about someone else, not about you: write what you did (“cut the p99 latency by 40%”)"
	}
	if c, ok := subjectClause(s); ok {
		return ownerWords(c), "", ""
	}
	if ws := words(s); len(ws) > 3 && ws[0] == "employee" && ws[1] == "of" {
		return "I was named " + ownerWords(lowerFirst(s)), "", "" // "employee of the month twice"
	}
	if m := figureOfRe.FindStringSubmatch(s); m != nil && !anyVerb(words(m[1])) {
		s = strings.Replace(s, m[0], m[1]+" of "+m[2], 1) // "pick accuracy 99.6%": "pick accuracy of 99.6%"
	}
	return "", ownerWords(lowerFirst(s)), ""
}

// figureOfRe is a measure and its figure jotted side by side: "pick accuracy 99.6%".
var figureOfRe = regexp.MustCompile(`^([a-zA-Z][a-zA-Z ]*[a-z]) (\d[\d.,]*%)`)

// anyVerb reports whether ws hold a verb ("hit 130% of quota" is no measure and figure).
func anyVerb(ws []string) bool {
	for _, w := range ws {
		if hasVerbLead(w) || resultVerbs[w] || w == "achieved" {
			return true
		}
	}
	return false
}

// resultVerbs are the verbs of a result said with its own subject: "my series won an
// award", "FAFSA completion went from 48% to 71%".
var resultVerbs = map[string]bool{"won": true, "went": true, "was": true, "were": true, "rose": true, "fell": true,
	"cut": true, "raised": true, "grew": true, "doubled": true, "tripled": true, "hit": true, "reached": true,
	"jumped": true, "dropped": true, "increased": true, "decreased": true, "improved": true, "saved": true,
	"earned": true, "got": true, "became": true, "placed": true, "finished": true, "topped": true, "beat": true}

// subjectClause reads a result jotted with its own subject ("our game jam entry won best
// mechanics", "redesign cut part count from 14 to 9") as a clause: the subject the owner's
// ("my redesign"), the object with its article ("the part count").
func subjectClause(s string) (string, bool) {
	ws := words(s)
	fields := strings.Fields(s)
	if len(ws) != len(fields) || len(ws) < 3 {
		return "", false
	}
	for i := 1; i < len(ws) && i <= 7; i++ {
		if pastVerbs[ws[i]] && !resultVerbs[ws[i]] || presentVerbs[ws[i]] && i == 1 {
			return "", false
		}
		if !resultVerbs[ws[i]] || i+1 >= len(ws) {
			continue
		}
		subject := strings.Join(fields[:i], " ")
		if f := ws[0]; !determiners[f] && f != "my" && strings.ToLower(fields[0]) == fields[0] {
			subject = "my " + subject // "redesign cut …": the owner's redesign
		}
		return subject + " " + clauseArticles(strings.Join(fields[i:], " ")), true
	}
	return "", false
}

// Sentences are what the notes become in the letters, for the owner to read when recording
// the interview, before anything is drafted: each used note in a sentence of the kind it
// goes in, then each note left out and why.
func (n Notes) Sentences() []string {
	var out []string
	if len(n.Points) > 0 {
		out = append(out, "“I especially enjoyed our conversation about "+joinList(append([]string(nil), n.Points...))+".”")
	}
	if n.Fit != "" {
		out = append(out, "“I believe I would be a strong fit, as I "+n.Fit+".”")
	}
	if n.Accomplishment != "" {
		out = append(out, "“I also wanted to mention that "+n.Accomplishment+".”")
	} else if n.AccomplishmentNoun != "" {
		out = append(out, "“One recent result I am proud of is "+n.AccomplishmentNoun+".”")
	}
	for _, r := range n.Remarks {
		out = append(out, "“You mentioned that "+r+".”")
	}
	for _, f := range n.Feelings {
		out = append(out, "“"+f+".”")
	}
	if n.Wish != "" {
		out = append(out, "“"+n.Wish+".”")
	}
	if n.Liking != "" {
		out = append(out, "“"+companyName(n.company)+" "+n.Liking+".”")
	}
	if n.Offer != "" {
		out = append(out, "“I would be happy to "+n.Offer+" if that would be helpful.”")
	}
	for _, l := range n.LeftOut {
		out = append(out, "left out: "+l.String())
	}
	return out
}
