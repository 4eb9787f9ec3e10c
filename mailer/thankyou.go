package mailer

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// A thank-you is written as people write them, not filled in: career services' model letters
// come in two paragraphs or four, some open with a moment of the conversation or with a
// result the writer did not get to mention, and each offers more, names a next step or
// thanks again in its own words. So a thank-you here has a shape chosen per person (from
// what the notes give: no notes, a short letter) and each sentence chosen from phrasings
// such letters use, deterministically, never saying the same word twice where a careful
// writer would not.

// writer builds one letter's paragraphs, choosing each sentence from its variants so that
// no watched word comes twice.
type writer struct {
	// seed is the application's, index the reader's place among its contacts: each slot's
	// variant is the seeded one moved on by index, so that a panel's letters differ.
	seed, index int
	// draft is how many times the letter has been written afresh (see compose): each draft
	// makes its own choices.
	draft int
	// also are words of this letter (its role word, the company) not to say twice.
	also []string
	// pending is the start of the sentence being chosen, not yet added.
	pending string
	text    string
	// last is the sentence said last.
	last string
	// formal is set for a reader addressed by an academic title or as a director: no
	// variant in an offhand register is chosen for them.
	formal bool
	// heard is what the owner's earlier letters said: of the variants that fit, the one
	// they say least is chosen.
	heard *heard
	// matter is the owner's note the variants being chosen are about: its words are the
	// owner's, not the letter saying a watched word again.
	matter string
}

// offhand are the phrasings too casual for a Dr. or a director: the sixth reading heard "if
// anything else would help, just ask" as "oddly offhand for a Dr. and a director".
var offhand = regexp.MustCompile(`just ask|just let me know|^Thanks|, thanks|easy to reach|A quick thank-you|just a quick note|Any word on`)

// formalReader reports whether a letter to the contact named so, greeted so, is written
// formally: to a title of learning, or to a director named as one.
func formalReader(name, greeting string) bool {
	switch ParseName(name).Title {
	case "Dr.", "Prof.", "Professor":
		return true
	}
	return strings.Contains(greeting, "Director") || strings.Contains(greeting, "Dean ")
}

// watched are the words a careful writer does not repeat in a short letter.
var watched = []string{"conversation", "enthusias", "glad", "look forward", "hope", "especially", "excit", "interest",
	"enjoy", "pleasure", "appreciat", "learn", "opportunit", "confiden", "mention", "contribut", "eager", "clearer",
	"really", "team at", "drive", "the work", "stayed with me", "chance", "would welcome", "again", "background", " the team", "touch", "experience", "your time", "glad", "appeals", "thinking about", "would like", "candid", "reassuring", "meeting with me", "hearing about", "telling me",
	"next step", "the time", "was good", "gave me", "search", "my questions", "has only", "even more", "all the more", "far better", "from the start", "could see", "picture", "help", "through", "my interest", "wish to", "want the job", "grateful", "surer", "listing", "our talk", "proud", "keen", "part of", "questions", "myself doing", "very much like", "your team", "bring", "than ever", "join you", "let me know", "please", "useful", "happy"}

// intensified are the ways of saying the owner's interest grew: one to a letter ("made me
// want the job all the more … my interest has only deepened" piles it up).
var intensified = regexp.MustCompile(`only deepened|only strengthened|only grown|even more|all the more|more than ever`)

// pictured are the ways of saying the owner can see themselves in the job: one to a letter
// ("I could picture myself doing well with you … I could see how I would fit in" says it
// twice, the ninth draft set showed).
var pictured = regexp.MustCompile(`picture myself|see myself|see how i would fit|fit in\b|settl(e|ing) in`)

// repeats reports whether v says a watched word the text says already, or says one twice.
func repeats(text, v string, also []string) bool {
	text, v = strings.ToLower(text), strings.ToLower(v)
	if intensified.MatchString(v) && intensified.MatchString(text) || pictured.MatchString(v) && pictured.MatchString(text) {
		return true
	}
	return saysAgain(text, v, append(watched, also...))
}

// saysAgain reports whether v says one of words the (lower-cased) text says already, or
// says one twice: the watch every chooser of a letter keeps.
func saysAgain(text, v string, words []string) bool {
	for _, w := range words {
		if n := strings.Count(v, w); n > 1 || n == 1 && strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// choiceOrder is the order in which a chooser tries n variants for slot: the seeded one
// (moved on by shift), then the rest in an order seeded for the slot (not the next in the
// list: a blocked variant must not hand its turn to the same neighbour in every letter).
func choiceOrder(seedOf, slot string, n, shift int) []int {
	first := (seed(seedOf, slot) + shift) % n
	rest := make([]int, 0, n-1)
	for j := 0; j < n; j++ {
		if j != first {
			rest = append(rest, j)
		}
	}
	sort.Slice(rest, func(a, b int) bool {
		return seed(seedOf, slot, strconv.Itoa(rest[a])) < seed(seedOf, slot, strconv.Itoa(rest[b]))
	})
	return append([]int{first}, rest...)
}

// choose is the variant for slot: the seeded one (moved on by the reader's index), or when
// it would repeat a watched word of the letter so far, or the owner's earlier letters say
// it (heard), the next in choiceOrder that does neither, or else says the least. ""
// variants are not used.
func (w *writer) choose(slot string, variants ...string) string {
	n := len(variants)
	if w.draft > 0 {
		slot += "#" + strconv.Itoa(w.draft)
	}
	order := choiceOrder(strconv.Itoa(w.seed), slot, n, w.index)
	if v := leastHeard(w.heard, w.pending, variants, order, func(v string) bool {
		if w.matter != "" {
			v = strings.ReplaceAll(v, w.matter, "")
		}
		return !repeats(w.text+" "+w.pending, v, w.also) && !(w.formal && offhand.MatchString(v))
	}); v != "" {
		return v
	}
	return leastHeard(w.heard, w.pending, variants, order, func(v string) bool { return !(w.formal && offhand.MatchString(v)) })
}

// leastHeard is the variant, of those ok, that the fewest of the owner's earlier letters
// say (heard) after before, the first in order among equals; "" when none is ok. ""
// variants are not used.
func leastHeard(h *heard, before string, variants []string, order []int, ok func(string) bool) string {
	best, fewest := "", -1
	for _, j := range order {
		v := variants[j]
		if v == "" || !ok(v) {
			continue
		}
		n := h.timesAfter(before, v)
		if fewest < 0 || n < fewest {
			best, fewest = v, n
		}
		if n == 0 {
			break
		}
	}
	return best
}

// clauseTopic reports whether topic x is a clause ("how the team approached …"), which
// does not stand as the object of "enjoyed … most of all".
func clauseTopic(x string) bool {
	switch firstWord(x) {
	case "how", "what", "why", "whether", "where", "when", "who":
		return true
	}
	return false
}

// chooseAfter is choose for the rest of a sentence that begins with before.
func (w *writer) chooseAfter(before, slot string, variants ...string) string {
	w.pending = before
	defer func() { w.pending = "" }()
	return w.choose(slot, variants...)
}

// said records s as said (for the words not to repeat) before it is placed with put.
func (w *writer) said(s string) string {
	w.text += " " + s
	w.last = s
	return s
}

// thankYouLetter is what a thank-you says to one reader, from what the notes give: a
// reaction to each thing talked about in the words that fit it, the owner's result tied to
// what the team is working towards where a topic speaks of the same thing, the fit said once
// in the owner's own voice, and a close that suits the kind of role. Little in the notes
// makes a short letter.
type thankYouLetter struct {
	w                 *writer
	day, role, co, rw string
	talk, meet        string
	topics            []string // the points of the conversation, as the reader reads them
	events            []string // things done together ("the tour of operations"): thanked for
	remarks           []string // what the reader said of the role: picked up
	fit               string
	voice             fitVoice
	acc, accNoun      string
	kind              string   // the role's kind: what to offer
	start             bool     // the owner is starting out
	casual            bool     // the owner writes "I'm", "I'd": one writer in three
	interested        bool     // the body says the owner's interest: the close does not
	by                string   // when the employer said they would decide ("by Friday"), "" when not said or past
	twoPart           bool     // the close is two paragraphs: the interest and next step, then the thanks
	share             string   // what the owner noted they can send ("share case studies"): the letter's offer
	liking            string   // the owner's liking for the place ("ACME Corp seems like a great company to work for")
	feelings          []string // how the owner felt, in their voice ("Everyone on the panel was very friendly")
	wish              string   // the owner's wish to join, their interest ("I really want to join your practice")
	phone             string   // the phone number the owner signs with, or ""
}

// ownedLeadRe is a fit that is something the owner has in them, said with "a": "a passion
// for recruiting", "a love of teaching".
var ownedLeadRe = regexp.MustCompile(`^(?:a|an) ((?:strong |real |deep |genuine )?(?:passion|love|interest|enthusiasm|eye|knack|talent|gift)\b.*)$`)

// phoneRe is a phone number in the owner's signature: "(555) 555-1234", "+49 30 1234 5678".
var phoneRe = regexp.MustCompile(`\+?\(?\d[\d ().-]{6,}\d`)

// ownersOffer is a fit that ends in something the owner can send ("…, and I can share case
// studies"; "can share case studies"; "happy to send references"): a thing that is sent —
// samples, references, a portfolio —, not what the owner can do ("can provide compassionate
// patient care", "can show initiative").
var ownersOffer = regexp.MustCompile(`(?i)(^|,? and I |; )(?:can|could|am happy to|am glad to|would be happy to|happy to|will|need to|should|to) ` +
	`((?:share|send|provide|show) (?:you )?(?:my |some |a few |a |the |more )?(?:[\w-]+ ){0,2}` +
	`(?:case stud(?:y|ies)|references?|samples?|portfolio|examples?|writing samples?|work samples?|code samples?|transcripts?|a reference list|slides|deck|designs|mockups|recommendations?|letters? of recommendation)(?: of my work)?)$`)

func newThankYou(d *Data, day string, app int) *thankYouLetter {
	n := d.Notes
	fit, share := n.Fit, ""
	if m := ownersOffer.FindStringSubmatchIndex(fit); m != nil {
		// The owner's offer is made as one, at the close, not packed into the fit.
		share, fit = fit[m[4]:m[5]], fit[:m[0]]
	}
	if share == "" {
		share = n.Offer // jotted among the points
	}
	t := &thankYouLetter{w: &writer{seed: app, index: d.Index}, day: day, role: d.Role, co: d.Company,
		remarks: n.Remarks, fit: fit, voice: voiceOf(fit), acc: n.Accomplishment, accNoun: n.AccomplishmentNoun,
		kind: roleKindOf(d.Role), start: starting(fit), share: share}
	if n.Liking != "" {
		t.liking = d.Company + " " + n.Liking
	}
	t.feelings, t.wish = n.Feelings, n.Wish
	if m := phoneRe.FindString(d.Signature); len(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, m)) >= 7 {
		t.phone = m
	}
	if day == "today" && !d.Start.IsZero() {
		// People write "this morning" as often as "today", but only of a meeting over by noon,
		// and "this afternoon" only of one that began after lunch: a reader who met them at
		// noon reads an invented time of day.
		end := d.End
		if end.IsZero() {
			end = d.Start
		}
		switch {
		case end.Hour() < 12 || end.Hour() == 12 && end.Minute() == 0:
			t.day = t.w.choose("day", "this morning", "today", "today")
		case d.Start.Hour() >= 13 && d.Start.Hour() < 18:
			t.day = t.w.choose("day", "this afternoon", "today", "today")
		}
	}
	// Only a day still to come: a day past is for the check-ins to name.
	t.by = dayAhead(d.DecisionBy, d.SendAt)
	t.rw = t.w.choose("rw", "role", "position", "role")
	t.w.formal = formalReader(d.Contact.Name, d.Greeting)
	// One writer in three contracts, never to a reader who is written to formally.
	t.casual = t.w.choose("voice", "formal", "casual", "formal") == "casual" && !t.w.formal
	t.w.also = []string{" " + t.rw, strings.ToLower(t.co), strings.ToLower(t.role)}
	switch d.Medium {
	case MediumCall:
		t.talk, t.meet = t.w.choose("talk", "speaking with me on the phone", "taking my call", "the call"), "speak"
	case MediumVideo:
		t.talk, t.meet = t.w.choose("talk", "speaking with me over video", "meeting with me over video", "the video call"), "speak"
	case MediumOnSite:
		t.talk, t.meet = t.w.choose("talk", "meeting with me", "meeting with me in person", "seeing me in person"), "meet"
	default:
		t.talk, t.meet = "speaking with me", "speak"
	}
	for _, p := range n.Points {
		if isEvent(p) {
			t.events = append(t.events, p)
		} else {
			t.topics = append(t.topics, topicForReader(p))
		}
	}
	return t
}

func (t *thankYouLetter) open() string {
	w, day, role, co, rw := t.w, t.day, t.role, t.co, t.rw
	job := "the " + role + " " + rw
	tails := map[string]string{
		"about":            " about " + job,
		"about-at":         " about " + job + " at " + co,
		"telling":          ", and for telling me more about " + job,
		"learning":         ", and I enjoyed learning more about " + job + " and about " + co,
		"for":              " for " + job,
		"for-at":           " for " + job + " at " + co,
		"learn":            " and to learn more about " + job,
		"learn-at":         " and to learn more about " + job + " at " + co,
		"learning-more":    " and learning more about " + job,
		"learning-more-at": " and learning more about " + job + " at " + co,
		"talk":             " to talk about " + job,
		"talk-at":          " to talk about " + job + " at " + co,
		"discuss":          " to discuss " + job,
		"discuss-at":       " to discuss " + job + " at " + co,
		"talking":          " talking about " + job,
		"chance":           ", and for the chance to hear more about " + job,
		"chance-n":         " and the chance to hear more about " + job,
		"answers":          " and your answers to my questions about " + job,
		"picture":          ", and for giving me a much fuller picture of " + job,
		"told":             ", and I am grateful for all you told me about " + job,
		"told-at":          ", and for everything you shared about " + job + " at " + co,
		"sense":            ", and for giving me a much better sense of " + job,
		"clearer":          ", and for a clearer view of " + job,
		"questions-n":      ", and thank you for answering my questions about " + job,
		"questions-n-at":   ", and thank you for answering my questions about " + job + " at " + co,
		"sense-at":         ", and for helping me understand " + job + " at " + co + " better",
		"questions":        ", and for answering my questions about " + job,
	}
	see := map[string]string{"meet": "meet me", "speak": "speak with me"}[t.meet]
	// thanks are the endings that read after any "thank you for …": most ways of thanking
	// take most of them.
	thanks := []string{"about", "about-at", "telling", "questions", "picture", "chance", "told", "told-at", "sense", "sense-at", "clearer"}
	// Each way of thanking takes the endings that read after it; the two are chosen apart,
	// so that letters do not begin alike.
	heads := []struct {
		head  string
		tails []string
	}{
		{"Thank you for " + t.talk + " " + day, thanks},
		{"Many thanks for " + t.talk + " " + day, thanks},
		{"Thank you very much for interviewing me " + day, []string{"for", "for-at", "learning", "told", "told-at", "questions"}},
		{"I appreciated the chance to talk with you " + day, []string{"about", "about-at"}},
		{"Thank you for your time " + day, []string{"telling", "questions", "picture", "told", "told-at", "sense", "sense-at"}},
		{"Thank you for taking the time to " + see + " " + day, []string{"about", "about-at", "chance", "told", "sense", "questions"}},
		{"I wanted to thank you for " + t.talk + " " + day, thanks},
		{"Thank you for the interview " + day, []string{"for", "for-at", "picture", "told", "questions", "sense"}},
		{"It was a pleasure to " + t.meet + " with you " + day, []string{"learn", "learn-at"}},
		{"I am grateful that you made time for me " + day, []string{"discuss", "discuss-at"}},
		{"I enjoyed " + map[string]string{"meet": "meeting you", "speak": "speaking with you"}[t.meet] + " " + day, []string{"learning-more", "learning-more-at"}},
		{"It was good to " + map[string]string{"meet": "meet you", "speak": "speak with you"}[t.meet] + " " + day, []string{"learn", "learn-at"}},
		{"Thank you for " + map[string]string{"meet": "seeing me", "speak": "talking with me"}[t.meet] + " " + day, thanks},
		{"Thank you for fitting me into your schedule " + day, []string{"talk", "talk-at"}},
		{"I wanted to send a short note of thanks for our conversation " + day, []string{"about", "about-at"}},
		{"Thank you so much for the time you spent with me " + day, []string{"talking", "questions"}},
		{"I am very glad we had the chance to talk " + day, []string{"about", "about-at"}},
		{"This is just a quick note to thank you for " + t.talk + " " + day, thanks},
		{"I appreciated your time " + day, []string{"chance-n", "answers"}},
		{"It was very kind of you to make time for me " + day, []string{"talk", "talk-at"}},
		{"I am grateful you took the time " + day, []string{"talk", "talk-at"}},
		{"I wanted to say thank you for " + t.talk + " " + day, thanks},
		{"A quick thank-you for " + t.talk + " " + day, thanks},
		{"Thank you for giving me the chance to interview " + day, []string{"for", "for-at"}},
		// More of the ways people begin (published model letters and career services'
		// samples): with some thirty, three of twelve letters of different owners began alike
		// in about one set in three.
		{"Thanks so much for " + t.talk + " " + day, thanks},
		{"I really enjoyed our conversation " + day, []string{"about", "about-at"}},
		{"I appreciate you taking the time to " + see + " " + day, []string{"about", "about-at", "discuss", "discuss-at"}},
		{"Many thanks for the interview " + day, []string{"for", "for-at", "picture", "told", "questions", "sense"}},
		{"I truly appreciated our conversation " + day, []string{"about", "about-at"}},
		{"Thank you for the opportunity to interview " + day, []string{"for", "for-at"}},
		{"Thanks very much for " + t.talk + " " + day, thanks},
		{"I am writing to thank you for " + t.talk + " " + day, thanks},
		{"Thank you for a great conversation " + day, []string{"about", "about-at", "told", "told-at"}},
		{"I really appreciated the time you gave me " + day, []string{"talking", "answers"}},
	}
	switch t.meet {
	case "meet":
		heads = append(heads, struct {
			head  string
			tails []string
		}{"Thank you for having me in " + day, []string{"talk", "talk-at"}},
			struct {
				head  string
				tails []string
			}{"Thank you for welcoming me " + day, []string{"talk", "talk-at", "chance"}})
	default:
		heads = append(heads, struct {
			head  string
			tails []string
		}{"Thank you for making time to talk " + day, []string{"about", "about-at"}})
	}
	texts := make([]string, len(heads))
	for i := range heads {
		texts[i] = heads[i].head
	}
	head := w.choose("open", texts...)
	h := heads[slices.Index(texts, head)]
	ends := make([]string, len(h.tails))
	named := false
	for j, k := range h.tails {
		ends[j] = tails[k]
		named = named || strings.HasSuffix(k, "-at")
	}
	if named && co != "" {
		// A letter names the employer, as people's do (the nineteenth reading: followup's
		// "drop the names"): where the opening can say it, it does.
		for j, k := range h.tails {
			if !strings.HasSuffix(k, "-at") {
				ends[j] = ""
			}
		}
	}
	return h.head + w.chooseAfter(h.head, "open-tail", ends...)
}

// eventSentence thanks the reader for what they did besides talking: "Thank you also for
// the tour of operations."
func (t *thankYouLetter) eventSentence() string {
	if len(t.events) == 0 {
		return ""
	}
	e := joinList(append([]string(nil), t.events...))
	return t.w.choose("event", "Thank you also for "+e, "I also appreciated "+e, "I am grateful as well for "+e,
		"I enjoyed "+e+" too", "Thank you as well for "+e+", which I enjoyed")
}

// reaction is what a person says of a topic of kind k: a clause whose verb fits it.
func (t *thankYouLetter) reaction(k, x string) string {
	var vs []string
	switch k {
	case topicChallenge:
		vs = []string{"I appreciated how candid you were about " + x, "Thank you for being so open about " + x,
			"I was grateful that you were frank about " + x, "You were frank with me about " + x + ", and I valued that",
			"It helped that you were so open about " + x, "I valued how candid you were about " + x}
	case topicSupport:
		vs = []string{"It was reassuring to hear about " + x, "I was glad to hear about " + x, "Hearing about " + x + " was reassuring",
			"I was encouraged to hear about " + x,
			"I liked what you told me about " + x}
	case topicKeep:
		x = strings.TrimPrefix(x, "your ")
		vs = []string{"What you said about " + x + " stayed with me", "I was struck by what you said about " + x}
		if staff := words(x); len(staff) > 1 && peopleWords[strings.TrimSuffix(staff[0], "s")] || strings.HasPrefix(x, "staff ") || strings.HasPrefix(x, "employee ") {
			// Staff who stay say something of the place: a reaction, not a topic repeated.
			why := t.w.choose("keep-why", ": it says a lot about a workplace when people stay",
				"; people stay where they are looked after", "; when people stay, it usually says something good about a place",
				", since you can tell a lot about a place by whether people stay")
			for i := range vs {
				vs[i] += why
			}
		}
	case topicPlan:
		vs = []string{"It was exciting to hear about " + x, "Thank you for filling me in on " + x, "I enjoyed hearing about " + x,
			"I was interested to hear about " + x, "Hearing about " + x + " gave me a good sense of where the team is heading",
			"I would like to hear more about " + x + " as things take shape", "It was good to hear where things stand with " + x}
	case topicWay:
		vs = []string{"I liked what you said about " + x, "I appreciated hearing about " + x, "It was helpful to hear about " + x,
			"It was useful to understand " + x, "Thank you for explaining " + x, "I was glad to get a sense of " + x}
	case topicPractice:
		vs = []string{"I appreciated hearing how you approach " + x, "It was useful to hear how you handle " + x,
			"I found it helpful to hear how your team goes about " + x, "I liked hearing how you think about " + x}
	case topicPlace:
		vs = []string{"I was glad to learn more about " + x, "It was good to learn more about " + x, "I enjoyed learning more about " + x,
			"Thank you for telling me about " + x, "It was good to hear more about " + x}
	case topicWork:
		vs = []string{"It was interesting to hear about " + x, "I enjoyed hearing about " + x, "I enjoyed learning about " + x,
			"Thank you for telling me about " + x, "I liked hearing about " + x, "I was curious to hear about " + x}
	default:
		vs = []string{"I enjoyed our conversation about " + x, "Thank you for telling me about " + x, "I appreciated hearing about " + x,
			"It was interesting to hear about " + x, "I am glad we got to talk about " + x, "It was good to talk about " + x}
	}
	if strings.Contains(strings.ToLower(t.w.last), "thank") {
		// Two sentences running that both begin "Thank you" read as a form, and one that
		// thanks twice ("I wanted to say thank you …; thank you for telling me …") as one.
		for i, v := range vs {
			if strings.HasPrefix(v, "Thank") {
				vs[i] = ""
			}
		}
	}
	if lf := strings.Fields(t.w.last); len(lf) > 2 {
		// Nor two running that begin alike: "It was a pleasure to talk … It was
		// interesting to hear …".
		for i, v := range vs {
			if vf := strings.Fields(v); len(vf) > 2 && vf[0] == lf[0] && vf[1] == lf[1] {
				vs[i] = ""
			}
		}
	}
	t.w.matter = x
	defer func() { t.w.matter = "" }()
	// "hearing about how you deploy" is "hearing how you deploy".
	return strings.NewReplacer("hearing about how ", "hearing how ", "hear about how ", "hear how ", "understand how", "understand how").Replace(t.w.choose("react-"+k, vs...))
}

// reactions react to the topics, at most two to a sentence: two of a kind in one clause,
// two kinds in two clauses.
func (t *thankYouLetter) reactions(topics []string) []string {
	var out []string
	defer func() { t.w.pending = "" }()
	for i := 0; i < len(topics); {
		k := topicKind(topics[i])
		t.w.pending = strings.Join(out, " ")
		// Two of a kind share a clause, unless one holds an "and" of its own: "your move into
		// Kaiser and patient education and outreach" runs them together.
		if i+1 < len(topics) && topicKind(topics[i+1]) == k && !strings.Contains(topics[i], " and ") && !strings.Contains(topics[i+1], " and ") {
			out = append(out, t.reaction(k, topics[i]+" and "+topics[i+1]))
			i += 2
			continue
		}
		t.w.pending = strings.Join(out, " ")
		s := t.reaction(k, topics[i])
		if i+1 < len(topics) && len(topics)-i == 2 {
			t.w.pending += " " + s
			last := t.w.last
			t.w.last = s // the second clause does not thank again after the first
			next := t.reaction(topicKind(topics[i+1]), topics[i+1])
			if ws := strings.Fields(s); len(ws) > 3 && strings.HasPrefix(next, strings.Join(ws[:3], " ")+" ") {
				// Not the same reaction twice in one sentence ("I liked hearing how you think
				// about budgeting …; I liked hearing how you think about managing …").
				also := t.w.also
				t.w.also = append(append([]string(nil), also...), strings.ToLower(strings.Join(ws[:3], " ")))
				next = t.reaction(topicKind(topics[i+1]), topics[i+1])
				t.w.also = also
			}
			t.w.last = last
			// Two reactions of two kinds are two sentences, or two clauses on "and"; not
			// one run on a semicolon (a fifth blind set's reading: "…quality UX design; I am
			// glad we got to talk about …"), nor "…, and I valued that, and it was …".
			alike := len(strings.Fields(s)) > 2 && len(strings.Fields(next)) > 2 && strings.Join(strings.Fields(s)[:2], " ") == strings.Join(strings.Fields(next)[:2], " ")
			if (t.w.choose("react-join", "and", "apart", "and") == "and" || alike) && !strings.Contains(s, ", and ") && !strings.Contains(next, ", and ") &&
				!strings.HasPrefix(next, "Thank") {
				// Two sentences that begin alike ("It was exciting … It was interesting …")
				// read as a form: they are one.
				s += ", and " + lowerClause(next)
			} else {
				out = append(out, s)
				s = next
			}
			i++
		}
		out = append(out, s)
		i++
	}
	return out
}

// templateStarts are the first words of this file's own clauses: written in lower case when
// the clause follows another, where a topic of the owner's ("Q3 launch") keeps its capital.
var templateStarts = map[string]bool{"It": true, "Thank": true, "Hearing": true, "What": true, "You": true, "Your": true,
	"Thanks": true, "When": true, "Since": true, "Because": true, "With": true, "After": true, "As": true, "Being": true,
	"Building": true, "One": true, "This": true, "That": true, "Please": true, "Should": true, "If": true, "Do": true,
	"Whatever": true, "Of": true, "Knowing": true, "Learning": true, "Anything": true, "For": true, "Again,": true, "My": true}

func lowerClause(s string) string {
	f, _, _ := strings.Cut(s, " ")
	if templateStarts[f] {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

func lowerFirstRune(s string) string {
	if s == "" || strings.HasPrefix(s, "I ") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// accTied ties the result to topic x: "… cut churn by 18%, and I would like to bring that
// experience to the retention goals you described".
func (t *thankYouLetter) accTied(x string) string {
	ref := x
	k := topicKind(x)
	switch k {
	case topicPlan, topicKeep, topicPractice:
		ref = topicRef(x)
	}
	// A problem (turnover, a hard workload) is no thing to be part of or to bring experience
	// to (the fifth hunt: "I'd very much like to be part of turnover on second shift").
	problem := k == topicKeep || k == topicChallenge || strings.ContainsAny(x, "0123456789%")
	only := func(v string) string {
		if problem {
			return ""
		}
		return v
	}
	return t.w.choose("acc-tie",
		only(t.acc+", and I would like to bring that experience to "+ref),
		"When you talked about "+x+", I thought of my own work: "+t.acc,
		only(upperFirst(x)+" caught my attention, since "+t.acc),
		only("I would very much like to be part of "+ref+": "+t.acc),
		"What you said about "+x+" connects with something I did not get to mention: "+t.acc,
		only("I would be keen to help with "+ref+", because "+t.acc),
		only(upperFirst(x)+" "+be(x)+" close to work I have done before, since "+t.acc))
}

// be is "is" or "are" for the topic x as its subject ("your territory plans are").
func be(x string) string {
	h := headOf(x)
	if strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") && !strings.HasSuffix(h, "us") && !strings.HasSuffix(h, "is") {
		return "are"
	}
	return "is"
}

func (t *thankYouLetter) accAlone() string {
	if t.acc != "" {
		return t.w.choose("acc",
			"I also wanted to mention that "+t.acc,
			"One thing I did not get to mention is that "+t.acc,
			map[bool]string{true: t.acc + ", and I would like to bring the same kind of work to " + t.co}[repeatable.MatchString(t.acc)],
			"I should have mentioned that "+t.acc,
			"There is one more thing I would add: "+t.acc,
		)
	}
	if t.accNoun == "" {
		return ""
	}
	if f := firstWord(t.accNoun); clauseVerbs[f] {
		// "hit 130% of quota" was jotted as a clause without its "I".
		return t.w.choose("acc", "I also wanted to mention that I "+t.accNoun, "I should have mentioned that I "+t.accNoun,
			"One thing I did not get to mention is that I "+t.accNoun)
	}
	noun := resultNoun(t.accNoun)
	if won, ok := strings.CutPrefix(noun, "winning "); ok {
		return t.w.choose("acc", "I was proud to win "+won, "One thing I did not get to mention is that I won "+won,
			"I should have mentioned that I won "+won, "I also wanted to mention that I won "+won)
	}
	return t.w.choose("acc", "One result I am proud of is "+noun, "I am especially proud of "+noun,
		"One thing I was glad to achieve is "+strings.TrimPrefix(noun, "achieving "))
}

// clauseVerbs begin a result jotted without its "I" that the notes took for a noun.
var clauseVerbs = map[string]bool{"hit": true, "won": true, "grew": true, "led": true, "ran": true, "built": true, "cut": true,
	"made": true, "beat": true, "set": true, "got": true, "saved": true, "doubled": true, "tripled": true, "exceeded": true}

// tieClause is what the owner would do about topic x of kind k, after what they bring.
// After a lead ("With five years of Go, …") only a clause whose subject is the owner reads:
// "With …, the migration is the kind of work …" dangles.
func (t *thankYouLetter) tieClause(k, x string, afterLead bool) string {
	var slot string
	var vs []string
	switch {
	case k == topicPlan:
		slot, vs = "tie-plan", []string{"I would like to help with " + topicRef(x), "I would welcome the chance to work on " + topicRef(x), "I would be keen to get involved in " + topicRef(x),
			"I would be glad to be part of " + topicRef(x), topicRef(x) + " " + be(x) + " the kind of work I would like to take on",
			"I could help with " + topicRef(x)}
	case k == topicPlace:
		slot, vs = "tie-place", []string{"I would be glad to join " + x, x + " " + be(x) + " where I would like to be", "I would like to be part of " + x,
			"I could see myself doing well in " + x}
	case k == topicWork:
		slot, vs = "tie-work", []string{"I would like to contribute to " + x, "I would enjoy working on " + x, "I would like to be part of " + x,
			x + " " + be(x) + " the kind of work I want to do"}
	case k == topicSupport && t.start:
		slot, vs = "tie-support-start", []string{x + " " + be(x) + " exactly the kind of support I am looking for",
			x + " " + be(x) + " just the kind of start I am hoping for", "I would value " + x + " as I start out",
			"I would make good use of " + x}
	case k == topicPractice:
		// "testifying before the legislature": something to do, not a way to fit in with.
		slot, vs = "tie-practice", []string{"I would be glad to take part in " + x, "I would be comfortable with " + x,
			"I would enjoy " + x}
	default:
		slot, vs = "tie-way", []string{"I would work well with " + x, "I would fit in well with " + x,
			x + " sounds like it would suit me", "I could see myself doing well with " + x}
	}
	if afterLead {
		for i, v := range vs {
			if !strings.HasPrefix(v, "I ") {
				vs[i] = ""
			}
		}
	}
	return t.w.choose(slot, vs...)
}

// fitTied says the fit with what it has to do with topic x.
func (t *thankYouLetter) fitTied(x string) string {
	v, k := t.voice, topicKind(x)
	if k == topicSupport && t.start && strings.HasPrefix(v.lead, "As ") && !strings.Contains(v.lead, ",") {
		post := strings.TrimPrefix(v.lead, "As ")
		return t.w.choose("tie-support",
			"It was reassuring to hear about "+x+", which is exactly the kind of start I am looking for as "+post,
			"Starting out as "+post+", I found it reassuring to hear about "+x+", because that is the kind of support I hope to have",
			"Hearing about "+x+" was encouraging as "+post+", since it is the kind of start I hope for")
	}
	if strings.HasPrefix(v.noun, "my ") && k == topicWork {
		have := " has"
		if v.plural || strings.Contains(v.noun, " and ") && !strings.HasPrefix(v.noun, "my experience") {
			have = " have" // "my education and work experience have prepared me"
		}
		return t.w.choose("fit-tie-noun",
			"I would like to put "+v.noun+" to work on "+x,
			upperFirst(x)+" "+be(x)+" the kind of work "+v.noun+have+" prepared me for, and I would like to be part of it",
			"With "+v.noun+" behind me, I would be glad to contribute to "+x,
			"When you described "+x+", I could see where "+v.noun+" would come in")
	}
	if strings.HasPrefix(v.noun, "my ") && k == topicPlace {
		return t.w.choose("fit-tie-place",
			"I would like to put "+v.noun+" to use in "+x,
			"With "+v.noun+" behind me, I would be glad to join "+x,
			"Hearing about "+x+", I thought of "+v.noun+", and I would like to build on it there")
	}
	if v.lead != "" {
		if v.extra != "" {
			return v.lead + ", " + v.extra + ", and " + t.tieClauseAfter(k, x, false)
		}
		return t.leadIn("fit-shape-tie") + t.tieClauseAfter(k, x, true)
	}
	// Said with what the owner would do there, not why they applied: the notes do not say.
	says := v.says + ", and "
	if strings.Contains(v.says, ", and ") {
		says = v.says + ", so "
	}
	// Never "Because I ran X, I would like to be part of Y": a reason the notes do not give.
	return says + t.tieClauseAfter(k, x, false)
}

// tieClauseAfter is the tie clause after a lead, lower-cased where it begins with a topic.
func (t *thankYouLetter) tieClauseAfter(k, x string, afterLead bool) string {
	c := t.tieClause(k, x, afterLead)
	if strings.HasPrefix(c, "I ") {
		return c
	}
	return lowerFirst(c)
}

// leadIn is the start of a sentence that says the fit before a clause whose subject is the
// owner: "With five years of sales management, " is one way, and the readings heard it in
// most letters ("With N years of X, I …"); the credential as the subject of its own clause
// ("My five years in sales management should help here, and ") or as what the owner offers are
// others.
func (t *thankYouLetter) leadIn(slot string) string {
	lead := t.voice.lead
	what, with := strings.CutPrefix(lead, "With ")
	if !with {
		what, with = strings.CutPrefix(lead, "After ")
		// "three years of working with SQL" is no subject: "three years with SQL" is.
		what = strings.Replace(what, " of working with ", " with ", 1)
	}
	if !with || strings.HasSuffix(what, " behind me") {
		return lead + ", "
	}
	// "A lot of pediatric nursing experience would carry over" has no one in it (the second
	// set's reading): the amount is the owner's, "my pediatric nursing experience".
	subject := strings.TrimPrefix(what, "a lot of ")
	if m := ownedLeadRe.FindStringSubmatch(subject); m != nil {
		subject = "my " + m[1] // "a passion for recruiting" is the owner's: "my passion for recruiting"
	}
	if !strings.HasPrefix(subject, "my ") && !strings.HasPrefix(subject, "a ") && !strings.HasPrefix(subject, "an ") && !amountWords[firstWord(subject)] {
		// "my six years managing a territory", "my strong organization skills": the owner's.
		subject = "my " + subject
	}
	switch t.w.choose(slot, "lead", "subject", "offer", "subject") {
	case "subject":
		carry := " would carry over well, and "
		if headOf(subject) == "credentials" || headOf(subject) == "certification" || degrees[strings.ToLower(headOf(subject))] {
			carry = "" // a degree or a licence is held, not carried over
		}
		strong := " would be a strong foundation here, and "
		if strings.Contains(subject, "strong") {
			strong = "" // not "My strong … skills would be a strong foundation" (the nineteenth reading)
		}
		return upperFirst(subject) + t.w.choose(slot+"-verb", " should help here, and ",
			carry, " should serve me well here, and ", strong,
			" would be a good base for the job, and ")
	case "offer":
		return t.w.choose(slot+"-offer", "I would bring "+subject+" to the "+t.rw+", and ", "I could bring "+subject+" to your team, and ",
			"I would come to the "+t.rw+" with "+subject+", and ")
	}
	return lead + ", "
}

// fitAlone says the fit once, in the owner's voice, with what it means for the role.
func (t *thankYouLetter) fitAlone() string {
	v := t.voice
	if v.lead == "" && v.says == "" {
		return ""
	}
	// Said without the role's name, which the opening has said: a variant that repeats it is
	// never chosen, and a short list recurs from letter to letter.
	var main []string
	if strings.HasPrefix(t.fit, "have a strong interest in ") {
		// An interest is no qualification: what it means is wanting to pursue it.
		return v.says + ", and " + t.w.choose("fit-interest", "I would welcome the chance to pursue it with your team",
			"I hope to pursue it here", "I would be glad to build on it with your team")
	}
	if t.start {
		main = append(main, "this is the kind of place where I hope to start my career", "I would be glad to start my career with you",
			"yours is the kind of team I would like to start with", "I would like to begin my career somewhere like this",
			"starting out with your team is what I am hoping for", "I would like to start my career where people are given room to learn")
	} else {
		// What people say of their fit ("I am confident that my experience … will be a valuable
		// asset to the team", a model letter), not the rarer turns the eleventh reading heard as
		// a program's ("I think I could make a quick start", "I'd be at home in the job from
		// the outset").
		main = append(main, "I believe I could be useful to your team early on",
			"I am confident I could contribute to your team", "I expect I could settle in quickly",
			"I believe I would be a strong fit for the "+t.rw,
			"I would be able to help from early on", "I am confident I would be an asset to your team",
			"I could start contributing soon after joining", "I believe I would be a good fit for your team")
		if seniorRole(t.role) {
			// A newcomer's lines are not for a board chair or a search committee (a letter
			// hunt, 2026-12-07: "I expect I could settle in quickly" to a CFO's board).
			for i, m := range main {
				if newcomerLine.MatchString(m) {
					main[i] = ""
				}
			}
			// And enough left that none says "your team" twice ("…to your team, and I am
			// confident I could contribute to your team", the fourth hunt).
			main = append(main, "I believe I could make a real contribution here", "I am confident I could do this job well")
		}
		if isPost(t.role) {
			main = append(main, "I would do the job well")
			// "that experience" only of a fit that is experience: not of "my skills in
			// critical care" (the sixteenth reading's set).
			if said := v.lead + " " + v.says + " " + v.noun; strings.Contains(said, "experience") || strings.Contains(said, " year") || strings.Contains(said, " as ") {
				main = append(main, "I would like to put that experience to work for you")
			}
		}
	}
	lead := v.lead + ", "
	if v.extra != "" {
		lead += v.extra + ", and "
	} else if v.lead != "" {
		lead = t.leadIn("fit-shape")
	}
	if v.lead != "" && (v.says == "" || v.extra != "" || t.w.choose("fit-form", "lead", "says") == "lead") {
		return lead + lowerClause(t.w.chooseAfter(lead, "fit-main", main...))
	}
	// A fit standing alone is a fact slotted in ("I have spent five years in sales
	// management."): it says what it means for the role.
	link := t.w.choose("fit-link", ", and ", ", so ", ", and ")
	if strings.Contains(v.says, ", and ") {
		// Two clauses already: what they mean for the role is a sentence of its own, not a
		// third "and" or a "so" that may not follow from both.
		return v.says + ". " + upperFirst(t.w.chooseAfter(v.says, "fit-main", main...))
	}
	return v.says + link + t.w.chooseAfter(v.says, "fit-main", main...)
}

// remarkSentences pick up what the reader said of the role, and answer it with the fit
// when they said who it needs.
func (t *thankYouLetter) remarkSentences() (out []string, fitSaid bool) {
	for _, r := range t.remarks {
		s := t.w.choose("remark", "You mentioned that "+r, "I have been thinking about your point that "+r,
			"You said that "+r+", and I have thought about that since")
		if !fitSaid && (strings.Contains(r, "someone") || strings.Contains(r, "a person")) && (t.voice.lead != "" || t.voice.says != "") {
			if t.voice.lead != "" {
				s += ". " + t.voice.lead + ", " + t.w.choose("be-that", "I believe I could be that person", "I think I can be that person",
					"I would like to show you I am that person", "I hope I can be that person for you")
			} else {
				s += ". " + t.voice.says + ", and I think I can be that person"
			}
			fitSaid = true
		}
		out = append(out, s)
	}
	return out, fitSaid
}

// interestOpen is the owner's interest said at once after the opening thanks.
func (t *thankYouLetter) interestOpen() string {
	var vs []string
	// Each with the role's word, and with another, as the opening sentence has just named
	// the role ("…a much better sense of the role. Talking with you confirmed my interest in
	// the role."), and a few with none.
	other := "the job"
	if t.rw == "job" {
		other = "the position"
	}
	for _, job := range []string{"the " + t.rw, other} {
		vs = append(vs, "Our conversation left me more interested than ever in "+job,
			"Talking with you confirmed my interest in "+job,
			"Our conversation made "+job+" even more appealing to me",
			"I came away even more interested in "+job,
			"Everything I heard made me want "+job+" all the more",
			"Our conversation confirmed my enthusiasm for "+job,
			"The interview reinforced my interest in "+job)
	}
	vs = append(vs, "Talking with you confirmed my interest", "I came away more interested than ever")
	return t.w.choose("interest-open", vs...)
}

func (t *thankYouLetter) interest() string {
	as := ""
	if isPost(t.role) {
		as = "I would welcome the chance to join " + t.co + " as " + articleFor(t.role) + " " + t.role
	}
	// Most say it without the role's name or the company's, which the opening has said.
	return t.w.choose("interest", as,
		"I am very interested in the "+t.rw,
		"I remain very interested in the "+t.rw,
		"I would very much like to be part of your team",
		"I would very much like to work with you",
		"I would be very happy to join your team",
		"I hope I get to contribute to your team",
		"I hope I get to work with you",
		"I would be glad to be part of your team",
		"I would welcome the opportunity to join your team",
		"I am excited about the possibility of joining your team",
		"I would be honored to work with you",
		"I would be delighted to join your team",
		"I would be happy to be part of what you are doing",
		"I would be proud to join your team",
		"I would be pleased to be part of your team",
	)
}

// offer is what the owner offers to send, by the kind of role: no work samples to a nurse
// recruiter.
func (t *thankYouLetter) offer() string {
	if t.share != "" {
		return t.w.choose("offer-share", "I would be happy to "+t.share+" if that would be helpful",
			"I would be glad to "+t.share+" if that would help", "If it would be useful, I am happy to "+t.share)
	}
	vs := []string{
		"Please let me know if you need anything else from me",
		"Should you have any other questions, please do not hesitate to contact me",
		"If any questions come up, please feel free to get in touch",
		"If there is anything else I can tell you, please let me know",
		"I am happy to answer any other questions you have",
		"If another conversation would be useful, I am easy to reach at this address",
		"I would be happy to fill in anything I left out",
		"If you would like to know more about my experience, I would be glad to tell you",
		"If it would help to talk further, I am happy to",
		"If you have any further questions, I would be glad to answer them",
		"I would be glad to send anything else you need",
		"Feel free to write to me with any other questions",
		"Let me know if I can send anything that would help your decision",
		"I am happy to talk again if that would be useful",
	}
	if t.phone != "" {
		// The number the owner signs with, offered as people offer it.
		// Not the number again right above it in the signature (a sixth blind set's reading).
		vs = append(vs, "Feel free to call me or reply here if any questions come up",
			"If you have any questions, you can reach me by phone or by email")
	}
	switch t.kind {
	case roleCare:
		vs = append(vs, "If it would help, I can send my references", "I would be glad to send references if you need them",
			"My references are ready whenever you would like them")
	case roleMaker:
		vs = append(vs, "If it would help, I can send examples of my work", "I would be happy to share examples of my work",
			"I can send a few examples of my work if that would help")
	default:
		vs = append(vs, "I would be happy to send references if they would help", "My references are ready whenever you would like them")
	}
	return t.w.choose("offer", vs...)
}

func (t *thankYouLetter) nextStep() string { return t.w.choose("next", t.nextSteps()...) }

// joinable are the next steps that read after ", and" or ", so": none of two clauses.
func (t *thankYouLetter) joinable() []string {
	var out []string
	for _, s := range t.nextSteps() {
		// Not a request after a statement either ("I would like to work with you, and please
		// do let me know …").
		if !strings.Contains(s, ", ") && !strings.HasPrefix(s, "Please ") {
			out = append(out, s)
		}
	}
	return out
}

func (t *thankYouLetter) nextSteps() []string {
	if t.by != "" {
		// The day the employer gave is the next step a person names ("hearing about next
		// steps by Friday as we discussed").
		// Said as the employer's day, not one the owner sets: the tenth reading took "I hope
		// to hear from you by Friday" for a deadline.
		return []string{
			"I look forward to hearing from you " + t.by + " as planned",
			"I look forward to hearing about the next steps " + t.by + " as planned",
			"I understand you hope to decide " + t.by + ", and I look forward to hearing from you then",
			"I know a decision is expected " + t.by + ", and I look forward to hearing from you",
		}
	}
	// Mostly what people write (the model letters end "I look forward to hearing from you" in
	// one in three): the tenth reading picked out the rotated, passive ones ("Any news, when
	// you have it, would be welcome"), and commonLines may recur.
	return []string{
		"I look forward to hearing from you",
		"I hope to hear from you soon",
		"I look forward to hearing about the next steps",
		"I would welcome the chance to talk again",
		"I look forward to the next steps in the process",
		"I hope we can talk again soon",
		"I look forward to hearing what you decide",
		"I look forward to the chance to continue our conversation",
		"I look forward to your decision",
		"I hope to hear back from you soon",
		"I am looking forward to hearing back",
		"I look forward to hearing from you soon",
		"I hope to be in touch again soon",
		"Please keep me in mind as things move forward",
		"Please do let me know what happens next",
	}
}

func (t *thankYouLetter) thanksAgain() string { return t.w.choose("again", t.thanksAgainVariants()...) }

func (t *thankYouLetter) thanksAgainVariants() []string {
	return []string{
		"Thank you again for your time",
		"Thanks again for a very helpful conversation",
		"Thank you again for your time and consideration",
		"Thank you once more for " + t.talk,
		"Thank you again for the interview",
		"Thank you again for the interview and your consideration",
		"Thanks again for taking the time to talk with me",
		"Thank you again for considering me for the job",
		"Again, thank you for the interview and your consideration",
		"Thank you again for everything you shared about the job",
		"Thanks again for making time for me",
		"Thank you again for a good conversation",
		"Once again, many thanks",
		"Thank you again for a thoughtful interview",
		"Thanks once more for the interview",
		"I am grateful for the time you gave me",
		"My thanks again for the interview",
		"Thank you again for considering me",
		"Thanks again for " + map[string]string{"meet": "seeing me", "speak": "talking with me"}[t.meet],
		"Thank you again for the time and the thought you gave me",
		"Thank you, once more, for the interview",
		"Thank you for your consideration",
		"Many thanks, once more, for the interview",
		"I appreciated the interview very much",
		"Thank you again for being so generous with your time",
		"Thank you for the care you took over the interview",
		"Thanks once more for the conversation",
		"Thank you again for the opportunity to interview",
		t.eventAgain(),
	}
}

// thanksAgainJoinable is a thanks again that reads before ", and …": none with a comma.
func (t *thankYouLetter) thanksAgainJoinable() string {
	var vs []string
	for _, v := range t.thanksAgainVariants() {
		if !strings.Contains(v, ",") {
			vs = append(vs, v)
		}
	}
	return t.w.choose("again-joinable", vs...)
}

// eventAgain thanks again for what was done together, when something was.
func (t *thankYouLetter) eventAgain() string {
	if len(t.events) == 0 {
		return ""
	}
	return "Thank you again for " + t.events[0]
}

// close ends the letter in one of the ways people end them: an offer, a next step, thanks
// again, or two of them, apart or in one sentence.
func (t *thankYouLetter) close(short bool) []string {
	// Mostly one sentence of two clauses, each chosen apart: a close of two stock sentences
	// is what recurs word for word from letter to letter.
	forms := []string{"offer-and", "again-and", "again-offer", "next-meantime", "interest-so", "full", "full", "again-next"}
	if t.w.draft >= 6 {
		// A letter whose sentences still run at one length ends on a short one.
		forms = []string{"again-next", "interest-next"}
	}
	if short {
		// A short letter thanked a sentence or two ago: it does not thank again (the ninth
		// reading counted three thanks in a note of fifty words).
		forms = []string{"interest-next", "offer-and", "interest-so", "next-meantime"}
	}
	if t.interested {
		// The letter said it already: the close does not say it again.
		forms = []string{"offer-and", "again-and", "next-meantime", "offer-again-and", "next", "again-next"}
		if short {
			forms = []string{"offer-and", "next-meantime", "next"}
		}
	}
	if t.share != "" {
		// The owner's offer is made: every close makes one.
		var offering []string
		for _, f := range forms {
			if f == "offer-and" || f == "again-offer" || f == "next-meantime" || f == "offer-again-and" || f == "full" {
				offering = append(offering, f)
			}
		}
		if len(offering) == 0 {
			offering = []string{"offer-and"}
		}
		forms = offering
	}
	if t.by != "" {
		// Every close names the day: none that only thanks or offers.
		var named []string
		for _, f := range forms {
			if f != "again-offer" {
				named = append(named, f)
			}
		}
		forms = named
	}
	if l := strings.ToLower(t.w.text); !strings.Contains(l, "thank") && !strings.Contains(l, "grateful") {
		// A thank-you that has not yet said so says it at the close (the twelfth reading: "it
		// never actually says thank you").
		forms = []string{"thanks-and", "thanks-next", "thanks-next"}
	}
	t.twoPart = false
	switch form := t.w.choose("close", forms...); form {
	case "thanks-and", "thanks-next":
		thanks := t.w.choose("thanks-close", "Thank you for your time and consideration", "Thank you for your time",
			"Thank you for considering me", "Thank you very much for the interview", "Thank you for the conversation")
		if form == "thanks-next" {
			if t.share != "" {
				return []string{t.w.said(thanks), t.offer()}
			}
			return []string{t.w.said(thanks), t.shortNext()}
		}
		if t.share != "" {
			return []string{thanks + ", and " + lowerClause(t.w.chooseAfter(thanks, "offer-meantime", t.offerAfterThanks()...))}
		}
		return []string{thanks + ", and " + lowerFirstRune(t.w.chooseAfter(thanks, "next", t.joinable()...))}
	case "offer-and":
		// "Please let me know if you need anything else from me, and I look forward to …".
		offer := t.offer()
		if t.w.choose("offer-and-apart", "join", "apart", "join") == "apart" {
			// Or two sentences, as often.
			return []string{t.w.said(offer), t.nextStep()}
		}
		return []string{offer + ", and " + lowerFirstRune(t.w.chooseAfter(offer, "next", t.joinable()...))}
	case "next":
		return []string{t.nextStep()}
	case "again-next":
		return []string{t.w.said(t.thanksAgain()), t.shortNext()}
	case "again-and":
		// One sentence of two: "Thank you again for the interview, and I look forward to …".
		return []string{t.againAnd()}
	case "again-offer":
		// "Thank you again for the interview, and please let me know if …".
		again := t.thanksAgainJoinable()
		return []string{again + ", and " + lowerClause(t.w.chooseAfter(again, "offer-meantime", t.offerAfterThanks()...))}
	case "offer-again-and":
		return []string{t.w.said(t.offer()), t.againAnd()}
	case "full":
		t.twoPart = true
		// Two paragraphs: what the owner wants and the next step, then the thanks apart.
		in := t.interest()
		// "…, and I look forward to …": the interest is no reason for the next step (the tenth
		// reading: "You would have my full effort from the start, so I would be grateful to
		// hear how the search goes").
		so := t.w.said(in + ", and " + lowerFirstRune(t.w.chooseAfter(in, "next", t.joinable()...)))
		again := t.thanksAgainJoinable()
		return []string{so, again + ", and " + lowerClause(t.w.chooseAfter(again, "offer-meantime", t.offerAfterThanks()...))}
	case "next-meantime":
		// One clause before "and in the meantime": not "I know a decision is expected by
		// Friday, and I look forward to hearing from you, and in the meantime …".
		next := t.w.choose("next-meantime", t.joinable()...)
		return []string{next + ", and in the meantime " + lowerClause(t.w.chooseAfter(next, "offer-meantime", t.offerAfter()...))}
	case "interest-so":
		in := t.interest()
		return []string{in + ", and " + lowerFirstRune(t.w.chooseAfter(in, "next", t.joinable()...))}
	default:
		return []string{t.w.said(t.interest()), t.shortNext()}
	}
}

// shortNext is a next step said in a few words, for the last line of a letter whose other
// sentences are long.
func (t *thankYouLetter) shortNext() string {
	// Few of them hold a word the letter may have said already ("hope", "look forward"): a
	// word said blocks a variant, and a short list of the rest recurs.
	if t.by != "" {
		return t.w.choose("short-next", "I look forward to hearing from you "+t.by+" as planned",
			"I look forward to hearing about the next steps "+t.by+" as planned")
	}
	return t.w.choose("short-next", "I hope to hear from you soon", "I am looking forward to hearing back",
		"I look forward to your reply", "I look forward to the next steps", "I hope we can speak again soon",
		"I would be happy to answer any other questions", "I would be glad to talk again", "I look forward to speaking again",
		"I look forward to learning about the next steps", "I am happy to provide anything else you need",
		"I look forward to hearing from you", "I look forward to hearing from you soon", "I will be glad to hear what you decide")
}

// againAnd thanks again and names the next step in one sentence.
func (t *thankYouLetter) againAnd() string {
	again := t.w.choose("again-and", "Thank you again", "Thanks again", t.thanksAgainJoinable())
	return again + ", and " + lowerFirstRune(t.w.chooseAfter(again, "next", t.joinable()...))
}

// enjoyedHearing is the moment opening "I really enjoyed hearing about x today", with the
// day before a topic that runs on ("hearing this morning about the compassionate care your
// team provides", not "…your team provides today", which reads as the care of today).
func enjoyedHearing(x, day string) string {
	if len(strings.Fields(x)) > 4 || clauseTopic(x) {
		return "I really enjoyed hearing " + day + " about " + x
	}
	return "I really enjoyed hearing about " + x + " " + day
}

var newcomerLine = regexp.MustCompile(`settle in quickly|soon after joining|useful to your team early on|help from early on|an asset to your team`)

// timetable reports whether a topic is when they work ("the second shift", "a four day work
// week", "the night shift schedule"): the fit is not tied to it ("I would fit in well with
// four day work week", a letter hunt, 2026-12-07).
func timetable(x string) bool {
	for _, w := range words(x) {
		if timetableWords[w] || w == "ratio" {
			return true
		}
	}
	return false
}

// newsLead begins a sentence that gives news of its own: it is not joined to another with
// "and" ("…soon after joining, and I also wanted to mention that I cut …", the demo's letter).
var newsLead = regexp.MustCompile(`^I (also wanted to mention|should have mentioned|was proud)`)

// seniorRole reports whether a role leads others or holds a chair: its letters do not say
// what a newcomer says of settling in.
func seniorRole(role string) bool {
	for _, w := range words(role) {
		switch w {
		case "chief", "vp", "vice", "director", "head", "president", "professor", "partner", "principal", "cfo", "ceo", "cto", "coo", "cio":
			return true
		}
	}
	return false
}

// offerAfterThanks are the offers that read joined to thanks: not "Thanks again for seeing
// me, and I can send anything else you need" (the sixteenth reading's "clumsy joined
// clause").
func (t *thankYouLetter) offerAfterThanks() []string {
	var out []string
	for _, o := range t.offerAfter() {
		if !strings.HasPrefix(o, "I can send") {
			out = append(out, o)
		}
	}
	return out
}

// offerAfter are the offers that read after "in the meantime".
func (t *thankYouLetter) offerAfter() []string {
	if t.share != "" {
		return []string{"I would be happy to " + t.share + " if that would be helpful", "I would be glad to " + t.share + " if that would help"}
	}
	return []string{"please let me know if you need anything else from me",
		"I am happy to answer any other questions you have", "please get in touch if any questions come up",
		"I would be glad to send anything that would help", "I can send anything else you need",
		"feel free to write with any further questions", "I would be happy to provide any further information",
		"I can provide any other details you need"}
}

// compose writes the body's paragraphs. A writer reads a letter back and writes it again
// when its sentences run at one length ("short, flat sentences of similar length" is how
// the blind reading heard a letter put together from parts): the first draft that does not
// is kept, and the first when none is found.
func (t *thankYouLetter) compose(lateOpen string) []string {
	best, bestScore := 0, -1.0
	for d := 0; d < 12; d++ {
		t.w.draft, t.w.text, t.w.pending, t.w.last, t.interested = d, "", "", "", false
		paras := t.voiced(t.draftBody(lateOpen))
		if !flat(paras) {
			return t.finish(paras)
		}
		if v := variation(lengths(paras)); v > bestScore {
			best, bestScore = d, v
		}
	}
	// None reads well enough: the one whose lengths vary most, written again.
	t.w.draft, t.w.text, t.w.pending, t.w.last, t.interested = best, "", "", "", false
	return t.finish(t.voiced(t.draftBody(lateOpen)))
}

// voiced is the draft in the writer's own voice: contracted all through by one who
// contracts.
func (t *thankYouLetter) voiced(body [][]string) [][]string {
	if t.casual {
		for _, p := range body {
			for i := range p {
				p[i] = contract(p[i])
			}
		}
	}
	return body
}

// finish joins each paragraph's sentences.
func (t *thankYouLetter) finish(body [][]string) []string {
	var out []string
	for _, p := range body {
		if len(p) > 0 {
			out = append(out, para(p...))
		}
	}
	return out
}

// draftBody writes one draft of the body, as sentences by paragraph.
func (t *thankYouLetter) draftBody(lateOpen string) [][]string {
	w := t.w
	// What is tied to what: the result to a topic that speaks of the same thing, the fit to
	// another (or, for a plan, to it); what is tied is not reacted to apart.
	topics := append([]string(nil), t.topics...)
	accTopic, fitTopic := "", ""
	if t.acc != "" {
		for _, x := range topics {
			if related(t.acc, x) {
				accTopic = x
				break
			}
		}
	}
	if t.fit != "" {
		for _, x := range topics {
			// A topic of no known kind has no words to be tied in: "I would fit in well
			// with the compassionate care your team provides" (the fit shares "care").
			if x != accTopic && related(t.fit, x) && topicKind(x) != topicOther && !timetable(x) {
				fitTopic = x
				break
			}
		}
		if fitTopic == "" && len(topics) == 1 && accTopic == "" {
			// A plan or the support on offer is something the owner would take part in; their
			// work or a place only when the fit speaks of the same thing.
			if k := topicKind(topics[0]); k == topicPlan || k == topicSupport && t.start {
				fitTopic = topics[0]
			}
		}
	}
	var react []string
	for _, x := range topics {
		if x != accTopic && x != fitTopic {
			react = append(react, x)
		}
	}
	rich := len(t.topics)+len(t.remarks) > 0 && (t.fit != "" || t.acc != "" || t.accNoun != "")
	// Thin notes (a fit, or one topic, and no result) make a short letter, as a person writes
	// one: the ninth reading picked out every letter padded with lines about the conversation
	// that name none of it ("I came away with a much better sense of what the job involves",
	// "my interest has only deepened"), and rated the people's short notes above them.
	thin := len(t.topics)+len(t.events)+len(t.remarks) <= 1 && t.acc == "" && t.accNoun == ""

	var first []string
	say := func(s string) {
		if s != "" {
			first = append(first, w.said(s))
		}
	}
	// A letter may open with what stayed with the owner; not with the hard parts of the job,
	// the support on offer or how long people stay, which are answered, not mused on.
	// Only a letter with more than one thing to tell: a letter of one topic that opens on
	// it says nothing else (the sixth blind set's reading found four of eight opening "I
	// really enjoyed hearing about X today" before any thanks).
	moment := lateOpen == "" && len(react) > 1 && w.choose("moment", "yes", "no", "no", "no") == "yes" &&
		topicKind(react[0]) != topicChallenge && topicKind(react[0]) != topicSupport && topicKind(react[0]) != topicKeep
	opened := ""
	switch {
	case lateOpen != "":
		say(lateOpen)
	case !moment && w.choose("lead-with", "thanks", "interest", "thanks", "thanks", "thanks") == "interest" && t.liking == "" && t.wish == "" &&
		(t.fit != "" || len(t.topics)+len(t.events)+len(t.remarks) > 0):
		// Not in a letter with no notes, whose interest is all it has to say after the thanks.
		// Some letters say the owner's interest at once, after the thanks (the interest before
		// them, "…confirmed my interest …; thank you very much for seeing me", read to the
		// tenth and fourteenth readings in an order a person would not choose).
		say(t.open())
		say(t.interestOpen())
		t.interested = true
	case moment:
		x := react[0]
		react = react[1:]
		// Not "is still on my mind", "still turning over", "what I keep coming back to": the
		// tenth and eleventh readings heard them recur as a device.
		say(w.choose("moment-open",
			strings.Replace(enjoyedHearing(x, t.day), "hearing about how ", "hearing how ", 1),
			map[bool]string{true: "", false: "I enjoyed our conversation " + t.day + ", most of all hearing about " + x}[clauseTopic(x)]))
		say(w.choose("moment-thanks", "Thank you for taking the time to talk with me about the "+t.role+" "+t.rw,
			"Thank you for "+t.talk+" about the "+t.role+" "+t.rw,
			"Thank you for making the time to talk about the "+t.role+" "+t.rw+" at "+t.co,
			"Thank you for the interview, and for telling me more about the "+t.role+" "+t.rw,
			"Thank you for your time, and for all you told me about the "+t.role+" "+t.rw+" at "+t.co,
			"I am grateful for the time you gave me, and for all you told me about the "+t.role+" "+t.rw,
			"Thank you for the interview, and for everything you told me about the "+t.role+" "+t.rw+" at "+t.co,
			"Thank you for the time you gave me to talk about the "+t.role+" "+t.rw,
			"It was a pleasure to talk with you about the "+t.role+" "+t.rw,
			"Many thanks for your time, and for the conversation about the "+t.role+" "+t.rw,
			"Thank you very much for the interview for the "+t.role+" "+t.rw+" at "+t.co))
	default:
		opened = t.open()
	}
	if opened != "" {
		w.text += " " + opened // the reactions do not repeat its words
		w.last = opened
	}
	rs := t.reactions(react)
	if opened != "" {
		// The opening takes the first reaction into one sentence, or leaves it a sentence of
		// its own: people write both.
		if len(rs) > 0 && len(t.events) == 0 && !strings.Contains(opened, ". ") && !strings.Contains(opened, ", and ") && !strings.Contains(opened, ":") && !strings.Contains(rs[0], "; ") && !strings.Contains(rs[0], ", and ") {
			// Joined only where the two clauses are alike: "Thank you for …, and I enjoyed
			// hearing about …", not a thanks run into "it was good to hear …" (a fifth blind
			// set's reading).
			thanks := strings.Contains(strings.ToLower(opened), "thank")
			switch w.choose("open-join", "apart", "and", "semi", "apart") {
			case "and":
				if strings.HasPrefix(rs[0], "I ") {
					opened += ", and " + lowerClause(rs[0])
					rs = rs[1:]
				}
			case "semi":
				if !thanks && !strings.HasPrefix(rs[0], "Thank") {
					opened += "; " + lowerClause(rs[0])
					rs = rs[1:]
				}
			}
		}
		say(opened)
	}
	say(t.eventSentence())
	var mid []string
	more := func(s string) {
		if s != "" {
			mid = append(mid, w.said(s))
		}
	}
	for i, r := range rs {
		if i == 0 {
			say(r)
		} else {
			more(r)
		}
	}
	place := func(s string) {
		if len(first) < 3 {
			say(s)
		} else {
			more(s)
		}
	}
	for _, f := range t.feelings {
		place(f) // how the owner felt, in their words
	}
	if t.liking != "" || t.wish != "" {
		// The owner's liking and wish, in their words, after what they heard: their interest.
		l := t.liking
		if len(first) > 0 && strings.HasSuffix(first[len(first)-1], t.co) {
			l = strings.Replace(l, t.co, "It", 1) // not "… at ACME. ACME seems like …"
		}
		switch {
		case l == "":
			l = t.wish
		case t.wish != "":
			l += ", and " + lowerClause(t.wish)
		case w.choose("liking", "alone", "and") == "and":
			l += ", and " + lowerClause(t.interest())
		}
		place(l)
		t.interested = true
	}
	remarks, fitSaid := t.remarkSentences()
	for _, r := range remarks {
		more(r)
	}
	if accTopic != "" {
		more(t.accTied(accTopic))
	}
	switch {
	case fitSaid:
	case fitTopic != "":
		more(t.fitTied(fitTopic))
	default:
		more(t.fitAlone())
	}
	if accTopic == "" {
		more(t.accAlone())
	}
	if !rich && len(t.topics) == 0 && t.fit == "" && !t.interested {
		say(t.interest())
		t.interested = true
	}
	// Letters people write run from one paragraph and a close to four: the layout is chosen
	// per letter among those its sentences allow. A paragraph of one short sentence reads as
	// a fact set down alone; it joins its neighbour.
	if w.draft >= 2 && len(mid) >= 2 && strings.HasPrefix(mid[1], "I ") && !newsLead.MatchString(mid[1]) && !strings.Contains(mid[0], ", and ") && !strings.Contains(mid[1], ", ") &&
		!strings.Contains(mid[0], ":") && w.choose("mid-join", "yes", "no") == "yes" {
		// A later draft joins two thoughts of the middle into one long sentence.
		mid = append([]string{mid[0] + ", and " + mid[1]}, mid[2:]...)
	}
	layout := w.choose("layout", "plain", "join", "split")
	var paras [][]string
	paras = append(paras, first)
	if layout == "join" && len(mid) <= 2 && len(first) <= 2 && (len(mid) != 1 || w.choose("join-one", "yes", "no") == "yes") {
		paras[0] = append(paras[0], mid...)
	} else if layout == "split" && (len(mid) >= 3 || len(mid) == 2 && len(strings.Fields(mid[0])) >= 15 && len(strings.Fields(mid[1])) >= 15) {
		paras = append(paras, mid[:len(mid)/2], mid[len(mid)/2:])
	} else {
		paras = append(paras, mid)
	}
	paras = settle(paras)
	end := t.close(!rich || thin)
	for i := range end {
		end[i] = w.said(end[i])
	}
	full := t.twoPart
	if full && layout == "join" && len(mid) > 0 {
		// A close of two paragraphs follows a body of two.
		paras = settle([][]string{first, mid})
	}
	if thin && w.choose("whole", "no", "yes", "no", "no", "no") == "yes" {
		// One warm paragraph, the close in it: a short letter people write in one breath.
		var one []string
		for _, p := range paras {
			one = append(one, p...)
		}
		return [][]string{append(one, end...)}
	}
	if n := len(end); full || n == 2 && strings.HasPrefix(end[1], "Thank") && w.choose("close-apart", "yes", "no") == "yes" {
		// The thanks again may stand apart, as the last line before the sign-off.
		return append(settle(append(paras, end[:n-1])), end[n-1:])
	}
	return append(paras, end)
}

// settle joins a paragraph of one short sentence to its neighbour, and leaves at most one
// paragraph of a single sentence: "short, flat sentences … one-sentence paragraphs" is how
// the blind reading heard a letter put together from parts.
func settle(paras [][]string) [][]string {
	var out [][]string
	for _, p := range paras {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	single := 0
	for i := 0; i < len(out); i++ {
		if len(out[i]) != 1 {
			continue
		}
		// Counted as the letter may say it, contracted: "I am" and "I will" are one word then.
		if len(strings.Fields(contract(out[i][0]))) >= 15 && single == 0 {
			single++
			continue
		}
		if len(out) == 1 {
			break
		}
		j := i - 1
		if j < 0 {
			j = i + 1
		}
		if j < i {
			out[j] = append(out[j], out[i]...)
		} else {
			out[j] = append(append([]string(nil), out[i]...), out[j]...)
		}
		out = append(out[:i], out[i+1:]...)
		i = -1
		single = 0
	}
	return out
}

// flat reports whether a letter's sentences run at one length: their lengths vary by less
// than three tenths of their mean, or three in a row are within two words of each other.
func flat(paras [][]string) bool {
	ls := lengths(paras)
	if len(ls) == 2 {
		return variation(ls) < 0.3 // two long sentences of one length
	}
	if len(ls) < 3 {
		return false
	}
	for i := 2; i < len(ls); i++ {
		if math.Max(ls[i-2], math.Max(ls[i-1], ls[i]))-math.Min(ls[i-2], math.Min(ls[i-1], ls[i])) <= 2 {
			return true
		}
	}
	return variation(ls) < 0.3
}

// lengths are the lengths in words of a letter's sentences.
func lengths(paras [][]string) []float64 {
	var ls []float64
	for _, p := range paras {
		for _, s := range p {
			for _, part := range sentenceStops.Split(s, -1) {
				if n := len(strings.Fields(part)); n > 0 {
					ls = append(ls, float64(n))
				}
			}
		}
	}
	return ls
}

// variation is the coefficient of variation of lengths: how far they are from one length.
func variation(ls []float64) float64 {
	if len(ls) < 2 {
		return 0
	}
	var sum, sq float64
	for _, l := range ls {
		sum += l
	}
	mean := sum / float64(len(ls))
	for _, l := range ls {
		sq += (l - mean) * (l - mean)
	}
	return math.Sqrt(sq/float64(len(ls))) / mean
}

// sentenceStops split a placed sentence that holds two ("…Co. Thank you …").
var sentenceStops = regexp.MustCompile(`[.!?]\s+`)

// contract is a paragraph as a writer who contracts writes it ("I'm", "I'd", "didn't"): one
// letter in three, all through, as a person's habit is.
func contract(s string) string {
	s = perfectRe.ReplaceAllString(s, "I've $1")
	return strings.NewReplacer("I am ", "I'm ", "I would ", "I'd ", "I will ", "I'll ", "did not ", "didn't ", "do not ", "don't ",
		"It is ", "It's ", " it is ", " it's ", "That is ", "That's ", " that is ", " that's ").Replace(s)
}

// perfectRe is "I have" before a participle: "I have worked" contracts, "I have three" does not.
var perfectRe = regexp.MustCompile(`\bI have (been|worked|spent|led|built|run|taught|seen|had|done|made|thought|grown|kept|managed)\b`)

// eventWords are the heads of points that were things done together, not topics.
var eventWords = map[string]bool{"tour": true, "lunch": true, "visit": true, "walkthrough": true, "demo": true,
	"coffee": true, "dinner": true, "introductions": true, "shadowing": true}

func isEvent(p string) bool { return eventWords[headOf(p)] }

// starting reports whether the owner says they are starting out ("am a new grad RN", "am a
// CS junior"): only then does a letter speak of starting a career.
func starting(fit string) bool {
	if yearsWorkedRe.MatchString(fit) {
		return false // "six years on the line, two as junior sous": no beginner
	}
	for _, w := range words(fit) {
		switch w {
		case "new", "grad", "graduate", "student", "junior", "sophomore", "freshman", "intern", "trainee", "apprentice":
			return !strings.Contains(fit, "experienced")
		}
	}
	return false
}

// yearsWorkedRe is three years or more of work in a fit ("six years on the line", "5 yrs").
var yearsWorkedRe = regexp.MustCompile(`(?i)\b([3-9]|[1-9]\d|three|four|five|six|seven|eight|nine|ten)\+?\s*(years|yrs)\b`)
