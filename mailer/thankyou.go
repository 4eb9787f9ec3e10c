package mailer

import (
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
	// also are words of this letter (its role word, the company) not to say twice.
	also []string
	// pending is the start of the sentence being chosen, not yet added.
	pending string
	text    strings.Builder
	paras   [][]string
}

// watched are the words a careful writer does not repeat in a short letter.
var watched = []string{"conversation", "enthusias", "glad", "look forward", "hope", "especially", "excit", "interest",
	"enjoy", "pleasure", "appreciat", "learn", "opportunit", "confiden", "mention", "contribut", "eager", "clearer",
	"really", "team at", "drive", "the work", "stayed with me", "chance", "would welcome", "again", "background", " the team", "touch", "experience", "your time", "glad", "appeals", "thinking about", "would like", "candid", "reassuring", "meeting with me", "hearing about", "telling me"}

// repeats reports whether v says a watched word the text says already, or says one twice.
func repeats(text, v string, also []string) bool {
	text, v = strings.ToLower(text), strings.ToLower(v)
	for _, w := range append(watched, also...) {
		if n := strings.Count(v, w); n > 1 || n == 1 && strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// choose is the variant for slot: the seeded one (moved on by the reader's index), or when
// it would repeat a watched word of the letter so far, the next in an order seeded for this
// slot (not the next in the list: a blocked variant must not hand its turn to the same
// neighbour in every letter). "" variants are not used.
func (w *writer) choose(slot string, variants ...string) string {
	n := len(variants)
	first := (seed(strconv.Itoa(w.seed), slot) + w.index) % n
	order := []int{first}
	rest := make([]int, 0, n-1)
	for j := range variants {
		if j != first {
			rest = append(rest, j)
		}
	}
	sort.Slice(rest, func(a, b int) bool {
		return seed(strconv.Itoa(w.seed), slot, strconv.Itoa(rest[a])) < seed(strconv.Itoa(w.seed), slot, strconv.Itoa(rest[b]))
	})
	order = append(order, rest...)
	for _, j := range order {
		if v := variants[j]; v != "" && !repeats(w.text.String()+" "+w.pending, v, w.also) {
			return v
		}
	}
	for _, j := range order {
		if v := variants[j]; v != "" {
			return v
		}
	}
	return ""
}

// chooseAfter is choose for the rest of a sentence that begins with before.
func (w *writer) chooseAfter(before, slot string, variants ...string) string {
	w.pending = before
	defer func() { w.pending = "" }()
	return w.choose(slot, variants...)
}

// said records s as said (for the words not to repeat) before it is placed with put.
func (w *writer) said(s string) string {
	w.text.WriteString(" " + s)
	return s
}

// put places a sentence already said in the current paragraph.
func (w *writer) put(s string) {
	if len(w.paras) == 0 {
		w.paras = append(w.paras, nil)
	}
	if s != "" {
		w.paras[len(w.paras)-1] = append(w.paras[len(w.paras)-1], s)
	}
}

// next starts a paragraph (an empty one is dropped).
func (w *writer) next() {
	if len(w.paras) == 0 || len(w.paras[len(w.paras)-1]) > 0 {
		w.paras = append(w.paras, nil)
	}
}

func (w *writer) body() []string {
	var out []string
	for _, p := range w.paras {
		if len(p) > 0 {
			out = append(out, para(p...))
		}
	}
	return out
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
	kind              string // the role's kind: what to offer
	start             bool   // the owner is starting out
}

func newThankYou(d *Data, day string, app int) *thankYouLetter {
	n := d.Notes
	t := &thankYouLetter{w: &writer{seed: app, index: d.Index}, day: day, role: d.Role, co: d.Company,
		remarks: n.Remarks, fit: n.Fit, voice: voiceOf(n.Fit), acc: n.Accomplishment, accNoun: n.AccomplishmentNoun,
		kind: roleKindOf(d.Role), start: starting(n.Fit)}
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
	t.rw = t.w.choose("rw", "role", "position", "role")
	t.w.also = []string{" " + t.rw, strings.ToLower(t.co)}
	switch d.Medium {
	case MediumCall:
		t.talk, t.meet = t.w.choose("talk", "speaking with me on the phone", "taking my call"), "speak"
	case MediumVideo:
		t.talk, t.meet = t.w.choose("talk", "speaking with me over video", "meeting with me over video"), "speak"
	case MediumOnSite:
		t.talk, t.meet = t.w.choose("talk", "meeting with me", "meeting with me in person"), "meet"
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
		"learning":         ". I enjoyed learning more about " + job + " and about " + co,
		"for":              " for " + job,
		"for-at":           " for " + job + " at " + co,
		"learn":            " and to learn more about " + job,
		"learn-at":         " and to learn more about " + job + " at " + co,
		"learning-more":    " and learning more about " + job,
		"learning-more-at": " and learning more about " + job + " at " + co,
		"talk":             " to talk about " + job,
		"talk-at":          " to talk about " + job + " at " + co,
	}
	// Each way of thanking takes the endings that read after it; the two are chosen apart,
	// so that twelve letters do not begin alike.
	heads := []struct {
		head  string
		tails []string
	}{
		{"Thank you for " + t.talk + " " + day, []string{"about", "about-at", "telling", "learning"}},
		{"Many thanks for " + t.talk + " " + day, []string{"about", "about-at", "telling"}},
		{"Thank you very much for interviewing me " + day, []string{"for", "for-at", "learning"}},
		{"I appreciated the chance to talk with you " + day, []string{"about", "about-at"}},
		{"Thank you for your time " + day, []string{"telling"}},
		{"Thank you for taking the time to " + map[string]string{"meet": "meet me", "speak": "speak with me"}[t.meet] + " " + day, []string{"about", "about-at"}},
		{"I wanted to thank you for " + t.talk + " " + day, []string{"about", "about-at"}},
		{"Thank you for the interview " + day, []string{"for", "for-at"}},
		{"Thank you for a very helpful conversation " + day, []string{"about", "about-at"}},
		{"It was a pleasure to " + t.meet + " with you " + day, []string{"learn", "learn-at"}},
		{"I am grateful for the time you took " + day, []string{"talk", "talk-at"}},
		{"I enjoyed " + map[string]string{"meet": "meeting you", "speak": "speaking with you"}[t.meet] + " " + day, []string{"learning-more", "learning-more-at"}},
		{"It was good to " + map[string]string{"meet": "meet you", "speak": "speak with you"}[t.meet] + " " + day, []string{"learn", "learn-at"}},
		{"Thank you for " + map[string]string{"meet": "seeing me", "speak": "talking with me"}[t.meet] + " " + day, []string{"about", "about-at", "telling"}},
	}
	if t.meet == "meet" {
		heads = append(heads, struct {
			head  string
			tails []string
		}{"Thank you for having me in " + day, []string{"talk", "talk-at"}})
	}
	names := make([]string, len(heads))
	for i := range heads {
		names[i] = strconv.Itoa(i)
	}
	i, _ := strconv.Atoi(w.choose("open", names...))
	h := heads[i]
	ends := make([]string, len(h.tails))
	for j, k := range h.tails {
		ends[j] = tails[k]
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
	return t.w.choose("event", "Thank you also for "+e, "I also appreciated "+e, "I am grateful as well for "+e)
}

// reaction is what a person says of a topic of kind k: a clause whose verb fits it.
func (t *thankYouLetter) reaction(k, x string) string {
	var vs []string
	switch k {
	case topicChallenge:
		vs = []string{"I appreciated how candid you were about " + x, "Thank you for being so open about " + x, "I was grateful that you were frank about " + x}
	case topicSupport:
		vs = []string{"It was reassuring to hear about " + x, "I was glad to hear about " + x, "Hearing about " + x + " was reassuring"}
	case topicKeep:
		x = strings.TrimPrefix(x, "your ")
		vs = []string{"What you said about " + x + " stayed with me", "I was struck by what you said about " + x, "I keep thinking about what you said about " + x}
		if staff := words(x); len(staff) > 1 && peopleWords[strings.TrimSuffix(staff[0], "s")] || strings.HasPrefix(x, "staff ") || strings.HasPrefix(x, "employee ") {
			// Staff who stay say something of the place: a reaction, not a topic repeated.
			for i := range vs {
				vs[i] += ": it says a lot about a workplace when people stay"
			}
		}
	case topicPlan:
		vs = []string{"It was exciting to hear about " + x, "Thank you for filling me in on " + x, "I came away thinking about " + x, "I enjoyed hearing about " + x}
	case topicWay:
		vs = []string{"I liked what you said about " + x, "I appreciated hearing about " + x, "It was helpful to hear about " + x}
	case topicPractice:
		vs = []string{"I appreciated hearing how you approach " + x, "It was useful to hear how you handle " + x}
	case topicPlace:
		vs = []string{"I was glad to learn more about " + x, "It was good to learn more about " + x, "I enjoyed learning more about " + x}
	case topicWork:
		vs = []string{"It was interesting to hear about " + x, "I enjoyed hearing about " + x, "I enjoyed learning about " + x}
	default:
		vs = []string{"I enjoyed our conversation about " + x, "Thank you for telling me about " + x, "I appreciated hearing about " + x, "It was interesting to hear about " + x}
	}
	// "hearing about how you deploy" is "hearing how you deploy".
	return strings.NewReplacer("hearing about how ", "hearing how ", "hear about how ", "hear how ").Replace(t.w.choose("react-"+k, vs...))
}

// reactions react to the topics, at most two to a sentence: two of a kind in one clause,
// two kinds in two clauses.
func (t *thankYouLetter) reactions(topics []string) []string {
	var out []string
	defer func() { t.w.pending = "" }()
	for i := 0; i < len(topics); {
		k := topicKind(topics[i])
		t.w.pending = strings.Join(out, " ")
		if i+1 < len(topics) && topicKind(topics[i+1]) == k {
			out = append(out, t.reaction(k, topics[i]+" and "+topics[i+1]))
			i += 2
			continue
		}
		t.w.pending = strings.Join(out, " ")
		s := t.reaction(k, topics[i])
		if i+1 < len(topics) && len(topics)-i == 2 {
			t.w.pending += " " + s
			next := t.reaction(topicKind(topics[i+1]), topics[i+1])
			if !strings.HasPrefix(next, "I ") {
				next = lowerFirstRune(next)
			}
			s += ", and " + next
			i++
		}
		out = append(out, s)
		i++
	}
	return out
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
	switch topicKind(x) {
	case topicPlan, topicKeep, topicPractice:
		return t.w.choose("acc-tie",
			t.acc+", and I would like to bring that experience to "+topicRef(x),
			"When you talked about "+x+", I thought of my own work: "+t.acc)
	}
	return t.w.choose("acc-tie",
		upperFirst(x)+" caught my attention, since "+t.acc,
		"When you talked about "+x+", I thought of my own work: "+t.acc)
}

func (t *thankYouLetter) accAlone() string {
	if t.acc != "" {
		return t.w.choose("acc",
			"I also wanted to mention that "+t.acc,
			"One thing I did not get to mention is that "+t.acc,
			t.acc+", and I would like to bring the same kind of work to "+t.co,
		)
	}
	if t.accNoun == "" {
		return ""
	}
	noun := resultNoun(t.accNoun)
	if won, ok := strings.CutPrefix(noun, "winning "); ok {
		return t.w.choose("acc", "I was proud to win "+won, "One thing I did not get to mention is that I won "+won)
	}
	return t.w.choose("acc", "One result I am proud of is "+noun, "I am especially proud of "+noun)
}

// tieClause is what the owner would do about topic x of kind k, after what they bring.
func (t *thankYouLetter) tieClause(k, x string) string {
	switch k {
	case topicPlan:
		return t.w.choose("tie-plan", "I would like to help with "+topicRef(x), "I would welcome the chance to work on "+topicRef(x))
	case topicPlace:
		return t.w.choose("tie-place", "I would be glad to join "+x, x+" is where I would like to be")
	case topicWork:
		return t.w.choose("tie-work", "I would like to contribute to "+x, "I would enjoy working on "+x)
	case topicSupport:
		if t.start {
			return "that kind of support is exactly what I am looking for"
		}
	}
	return t.w.choose("tie-way", "I think I would work well with "+x, "I think I would fit in well with "+x)
}

// fitTied says the fit with what it has to do with topic x.
func (t *thankYouLetter) fitTied(x string) string {
	v, k := t.voice, topicKind(x)
	if k == topicSupport && t.start && strings.HasPrefix(v.lead, "As ") {
		post := strings.TrimPrefix(v.lead, "As ")
		return t.w.choose("tie-support",
			"It was reassuring to hear about "+x+", which is exactly the kind of start I am looking for as "+post,
			"As "+post+", I was especially glad to hear about "+x)
	}
	if strings.HasPrefix(v.noun, "my ") && (k == topicPlace || k == topicWork) {
		be := " is"
		if v.plural {
			be = " are"
		}
		return upperFirst(v.noun) + be + " a big part of why " + x + " appeals to me"
	}
	if v.lead != "" {
		return v.lead + ", " + t.tieClause(k, x)
	}
	return t.w.choose("fit-tie-says",
		v.says+", which is a big part of why "+x+" appeals to me",
		v.says+", so "+x+" caught my attention",
		v.says+". That is much of why I was drawn to "+x)
}

// fitAlone says the fit once, in the owner's voice, with what it means for the role.
func (t *thankYouLetter) fitAlone() string {
	v := t.voice
	if v.lead == "" && v.says == "" {
		return ""
	}
	var main []string
	if t.start {
		main = append(main, "this is the kind of place where I hope to start my career", "I would be glad to start my career at "+t.co)
	} else {
		main = append(main, "I believe I could be useful to your team early on", "I would be ready to take on the work from the start",
			"I think I could make a quick start in the "+t.rw, "I am sure I could learn the rest of the "+t.rw+" quickly")
		if isPost(t.role) {
			main = append(main, "I would like to put that experience to work as your "+t.role)
		}
	}
	if v.lead != "" && (v.says == "" || t.w.choose("fit-form", "lead", "says") == "lead") {
		return v.lead + ", " + t.w.chooseAfter(v.lead, "fit-main", main...)
	}
	with := v.says + ", and " + t.w.chooseAfter(v.says, "fit-main", main...)
	if v.says == "I "+t.fit || !strings.Contains(v.says, ", and I ") {
		// A fit of one clause is a fact slotted in when it stands alone ("I have spent five
		// years in sales management."): it says what it means for the role.
		return with
	}
	return t.w.choose("fit-says", v.says, with)
}

// remarkSentences pick up what the reader said of the role, and answer it with the fit
// when they said who it needs.
func (t *thankYouLetter) remarkSentences() (out []string, fitSaid bool) {
	for _, r := range t.remarks {
		s := t.w.choose("remark", "You mentioned that "+r, "I have been thinking about what you said, that "+r)
		if !fitSaid && (strings.Contains(r, "someone") || strings.Contains(r, "a person")) && (t.voice.lead != "" || t.voice.says != "") {
			if t.voice.lead != "" {
				s += ". " + t.voice.lead + ", " + t.w.choose("be-that", "I believe I could be that person", "I think I can be that person")
			} else {
				s += ". " + t.voice.says + ", and I think I can be that person"
			}
			fitSaid = true
		}
		out = append(out, s)
	}
	return out, fitSaid
}

func (t *thankYouLetter) interest() string {
	as := ""
	if isPost(t.role) {
		as = "I would welcome the chance to join " + t.co + " as " + articleFor(t.role) + " " + t.role
	}
	return t.w.choose("interest", as,
		"I am very interested in the "+t.rw,
		"I left even more interested in joining "+t.co,
		"I would very much like to be part of the team",
		"Everything I heard made me more eager to join "+t.co,
		"I came away keen to be part of what you are building",
		"The "+t.rw+" is exactly the kind of work I want to be doing",
		"I hope to have the chance to work with you",
		"I am even more interested in the "+t.rw+" than before we spoke",
		"What I heard made me want the "+t.rw+" even more",
		"I would be very glad to join your team",
		"I hope I will have the chance to contribute to your team",
	)
}

// offer is what the owner offers to send, by the kind of role: no work samples to a nurse
// recruiter.
func (t *thankYouLetter) offer() string {
	vs := []string{
		"Please let me know if you need anything else from me",
		"Should you have any other questions, please do not hesitate to contact me",
		"If any questions come up, please feel free to get in touch",
		"If there is anything else I can tell you, please let me know",
	}
	switch t.kind {
	case roleCare:
		vs = append(vs, "If it would help, I can send my references", "I would be glad to send references if you need them")
	case roleMaker:
		vs = append(vs, "If it would help, I can send examples of my work", "I would be happy to share examples of my work")
	default:
		vs = append(vs, "I would be happy to send references if they would help")
	}
	return t.w.choose("offer", vs...)
}

func (t *thankYouLetter) nextStep() string { return t.w.choose("next", t.nextSteps()...) }

func (t *thankYouLetter) nextSteps() []string {
	return []string{
		"I look forward to hearing from you",
		"I hope to hear from you soon",
		"I look forward to hearing about the next steps",
		"I would welcome the chance to talk again",
		"I look forward to the next steps in the process",
		"I hope we can talk again soon",
		"I look forward to hearing how things move forward",
		"I look forward to hearing from you about the " + t.rw,
		"I hope to hear from you once you have made your decision",
		"I look forward to hearing what you decide",
	}
}

func (t *thankYouLetter) thanksAgain() string {
	return t.w.choose("again",
		"Thank you again for your time",
		"Thanks again for a very helpful conversation",
		"Thank you again for your time and consideration",
		"Thank you once more for meeting with me",
		"Thank you again for the interview",
		"Thank you again for the interview and your consideration",
		"Thanks again for taking the time to talk with me",
		"Thank you again for considering me for the "+t.rw,
		"Again, thank you for the interview and your consideration",
		"Thank you again for everything you shared about the "+t.rw,
		"Thank you again for your time and for answering my questions",
		t.eventAgain(),
	)
}

// eventAgain thanks again for what was done together, when something was.
func (t *thankYouLetter) eventAgain() string {
	if len(t.events) == 0 {
		return ""
	}
	return "Thank you again for " + t.events[0]
}

// close ends the letter in one of the ways people end them: an offer, a next step, thanks
// again, or two of them.
func (t *thankYouLetter) close(short bool) []string {
	forms := []string{"offer-next", "next", "again-next", "again-and", "offer-again", "interest-next"}
	if short {
		forms = []string{"interest-next", "again-next", "offer-next", "again-and"}
	}
	switch t.w.choose("close", forms...) {
	case "offer-next":
		return []string{t.offer(), t.nextStep()}
	case "next":
		return []string{t.nextStep()}
	case "again-next":
		return []string{t.thanksAgain(), t.nextStep()}
	case "again-and":
		// One sentence of two: "Thank you again for the interview, and I look forward to …".
		again := t.w.choose("again-and", "Thank you again", "Thanks again", t.thanksAgain())
		return []string{again + ", and " + lowerFirstRune(t.w.chooseAfter(again, "next", t.nextSteps()...))}
	case "offer-again":
		return []string{t.offer(), t.thanksAgain()}
	default:
		return []string{t.interest(), t.nextStep()}
	}
}

// compose writes the body's paragraphs.
func (t *thankYouLetter) compose(lateOpen string) []string {
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
			if x != accTopic && related(t.fit, x) {
				fitTopic = x
				break
			}
		}
		if fitTopic == "" && len(topics) == 1 && accTopic == "" {
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

	var first []string
	say := func(s string) {
		if s != "" {
			first = append(first, w.said(s))
		}
	}
	// A letter may open with what stayed with the owner; not with the hard parts of the job
	// or the support on offer, which are answered, not mused on.
	moment := lateOpen == "" && len(react) > 0 && w.choose("moment", "yes", "no", "no") == "yes" &&
		topicKind(react[0]) != topicChallenge && topicKind(react[0]) != topicSupport
	switch {
	case lateOpen != "":
		say(lateOpen)
	case moment:
		x := react[0]
		if topicKind(x) == topicKeep {
			x = strings.TrimPrefix(x, "your ")
		}
		react = react[1:]
		say(w.choose("moment-open",
			"Our conversation "+t.day+" about "+x+" has stayed with me",
			"I keep thinking about what you said "+t.day+" about "+x))
		say(w.choose("moment-thanks", "Thank you for taking the time to talk with me about the "+t.role+" "+t.rw,
			"Thank you for making the time, and for such a clear picture of the "+t.role+" "+t.rw+" at "+t.co,
			"I am grateful for the time you gave me, and for all you told me about the "+t.role+" "+t.rw,
			"Thank you for the interview, and for everything you told me about the "+t.role+" "+t.rw+" at "+t.co))
	default:
		say(t.open())
	}
	say(t.eventSentence())
	rs := t.reactions(react)
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
	if !rich && len(t.topics) == 0 && t.fit == "" {
		say(t.interest())
	}
	// Letters people write run from one paragraph and a close to four: the layout is chosen
	// per letter among those its sentences allow.
	layout := w.choose("layout", "plain", "join", "split", "apart")
	for _, s := range first {
		w.put(s)
	}
	if !(layout == "join" && len(mid) <= 2 && len(first) <= 2) {
		w.next()
	}
	for i, s := range mid {
		if layout == "split" && i > 0 && i == len(mid)/2 {
			w.next()
		}
		w.put(s)
	}
	w.next()
	end := t.close(!rich)
	for i, s := range end {
		if layout == "apart" && i > 0 && i == len(end)-1 && strings.HasPrefix(s, "Thank") {
			w.next()
		}
		w.put(w.said(s))
	}
	return w.body()
}

// eventWords are the heads of points that were things done together, not topics.
var eventWords = map[string]bool{"tour": true, "lunch": true, "visit": true, "walkthrough": true, "demo": true,
	"coffee": true, "dinner": true, "introductions": true, "shadowing": true}

func isEvent(p string) bool { return eventWords[headOf(p)] }

// starting reports whether the owner says they are starting out ("am a new grad RN", "am a
// CS junior"): only then does a letter speak of starting a career.
func starting(fit string) bool {
	for _, w := range words(fit) {
		switch w {
		case "new", "grad", "graduate", "student", "junior", "sophomore", "freshman", "intern", "trainee", "apprentice":
			return !strings.Contains(fit, "experienced")
		}
	}
	return false
}
