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
	also  []string
	text  strings.Builder
	paras [][]string
}

// watched are the words a careful writer does not repeat in a short letter.
var watched = []string{"conversation", "enthusias", "glad", "look forward", "hope", "especially", "excit", "interest",
	"enjoy", "pleasure", "appreciat", "learn", "opportunit", "confiden", "mention", "contribut", "eager", "clearer",
	"really", "team at", "drive", "the work", "stayed with me", "chance", "would welcome", "again", "background", " the team", "touch", "experience"}

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
		if v := variants[j]; v != "" && !repeats(w.text.String(), v, w.also) {
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

// add appends sentences to the current paragraph.
func (w *writer) add(sentences ...string) {
	if len(w.paras) == 0 {
		w.paras = append(w.paras, nil)
	}
	for _, s := range sentences {
		if s != "" {
			w.paras[len(w.paras)-1] = append(w.paras[len(w.paras)-1], s)
			w.text.WriteString(" " + s)
		}
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

// thankYouLetter is what a thank-you says, in the shape chosen for this reader.
type thankYouLetter struct {
	w                 *writer
	day, role, co, rw string
	talk, meet, visit string
	points            string // the key points as one phrase
	first             string // the first key point
	fit, acc, accNoun string
	hasP, hasF, hasA  bool
	pointCount        int
	// events are points that were things done together ("the tour of operations"): thanked
	// for, not talked about.
	events []string
}

func newThankYou(d *Data, day string, app int) *thankYouLetter {
	n := d.Notes
	t := &thankYouLetter{w: &writer{seed: app, index: d.Index}, day: day, role: d.Role, co: d.Company,
		points: joinList(append([]string(nil), n.Points...)), fit: n.Fit, acc: n.Accomplishment, accNoun: n.AccomplishmentNoun}
	t.rw = t.w.choose("rw", "role", "position", "role")
	t.w.also = []string{" " + t.rw, strings.ToLower(t.co)}
	t.talk, t.meet, t.visit = "speaking with me", "speak", "speaking with me"
	switch d.Medium {
	case MediumCall:
		t.talk = t.w.choose("talk", "speaking with me on the phone", "our call", "taking my call")
	case MediumVideo:
		t.talk = t.w.choose("talk", "meeting with me over video", "our video call")
	case MediumOnSite:
		t.talk, t.meet = "meeting with me", "meet"
		t.visit = t.w.choose("visit", "meeting with me", "having me in", "showing me around")
	}
	if t.visit == "speaking with me" {
		t.visit = t.talk
	}
	var topics []string
	for _, p := range n.Points {
		if isEvent(p) {
			t.events = append(t.events, p)
		} else {
			topics = append(topics, p)
		}
	}
	t.points = joinList(append([]string(nil), topics...))
	if len(topics) > 0 {
		t.first, t.hasP, t.pointCount = topics[0], true, len(topics)
	}
	t.hasF, t.hasA = t.fit != "", t.acc != "" || t.accNoun != ""
	// "I bring" in every letter is a mark of a form: a person also has experience, or
	// draws on it.
	if what, ok := strings.CutPrefix(t.fit, "bring "); ok {
		verbs := []string{"bring ", "have ", "bring "}
		if strings.HasPrefix(what, "my ") {
			verbs = []string{"bring ", "can draw on ", "bring "}
		}
		t.fit = t.w.choose("fit-verb", verbs...) + what
	}
	return t
}

func (t *thankYouLetter) open() string {
	w, day, role, co, rw := t.w, t.day, t.role, t.co, t.rw
	return w.choose("open",
		"Thank you for taking the time to speak with me "+day+" about the "+role+" "+rw,
		"Thank you for the opportunity to interview "+day+" for the "+role+" "+rw+" at "+co,
		"It was a pleasure to "+t.meet+" with you "+day+" and to learn more about the "+role+" "+rw+" at "+co,
		"Thank you for "+t.visit+" "+day+". I enjoyed learning more about the "+role+" "+rw+" and about "+co,
		"I appreciated the chance to talk with you "+day+" about the "+role+" "+rw+" at "+co,
		"Thank you for your time "+day+", and for telling me more about the "+role+" "+rw+" at "+co,
		"Many thanks for "+t.talk+" "+day+" about the "+role+" "+rw,
	)
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

func (t *thankYouLetter) pointSentence() string {
	if !t.hasP {
		return t.eventSentence()
	}
	if len(t.events) > 0 {
		return t.topicSentence() + ". " + t.eventSentence()
	}
	return t.topicSentence()
}

func (t *thankYouLetter) topicSentence() string {
	p := t.points
	one := ""
	if t.pointCount == 1 {
		one = "I keep thinking about what you said about " + p
	}
	return t.w.choose("point",
		"I especially enjoyed our conversation about "+p,
		"I really enjoyed hearing about "+p,
		"It was especially interesting to hear about "+p,
		"Learning about "+p+" made the "+t.rw+" even more appealing to me",
		"Our conversation about "+p+" gave me a much clearer picture of what the job involves",
		one,
		"Thank you for walking me through "+p,
		"I appreciated hearing about "+p,
		"Hearing about "+p+" was a highlight of the conversation for me",
		"I found what you shared about "+p+" especially helpful",
	)
}

// moment opens with what was said, then the thanks.
func (t *thankYouLetter) moment() {
	w := t.w
	switch w.choose("moment", "a", "b", "c") {
	case "a":
		w.add("I keep thinking about what you said " + t.day + " about " + t.points)
		w.add(w.choose("moment-thanks", "Thank you for taking the time to talk with me, and for telling me so much about the "+t.role+" "+t.rw,
			"Thank you for making the time, and for such a clear picture of the "+t.role+" "+t.rw+" at "+t.co))
	case "b":
		w.add("Our conversation "+t.day+" about "+t.points+" has stayed with me, and I wanted to thank you for it",
			"It gave me a much clearer picture of the "+t.role+" "+t.rw+" at "+t.co)
	default:
		w.add("Hearing about " + t.points + " " + t.day + " made me even more interested in the " + t.role + " " + t.rw + " at " + t.co)
		w.add(w.choose("moment-thanks", "Thank you for taking the time to talk with me", "Thank you for your time, and for telling me so much about it"))
	}
}

func (t *thankYouLetter) fitSentence() string {
	if !t.hasF {
		return ""
	}
	bring := ""
	if what, ok := cutAny(t.fit, "bring ", "have ", "can draw on "); ok && !strings.Contains(what, ", and I ") {
		bring = "I would bring " + what + " to the team at " + t.co
	}
	if strings.Contains(t.fit, ", and I ") {
		// A fit of two clauses stands as its own sentence.
		return t.w.choose("fit",
			"From what I heard, my background suits the work well. I "+t.fit,
			"After our conversation, I am even more confident that the "+t.rw+" is a good match for me. I "+t.fit,
			"The "+t.rw+" fits well with my background. I "+t.fit,
			"I "+t.fit,
			"As for my background, I "+t.fit,
			"What you described seems a good match for my experience. I "+t.fit,
		)
	}
	if strings.HasPrefix(t.fit, "am ") {
		// What the owner is ("am a new grad RN") does not "serve the team"; it is why the
		// work suits them.
		start := ""
		if starting(t.fit) {
			start = "I " + t.fit + ", and this is the kind of place where I hope to start my career"
		}
		return t.w.choose("fit",
			"I "+t.fit+", and the "+t.rw+" is the kind of work I have been looking for",
			"I "+t.fit+", and I am keen to put what I have learned to work at "+t.co,
			"From what I heard, the work suits me well. I "+t.fit,
			start,
			"As I mentioned, I "+t.fit,
		)
	}
	return t.w.choose("fit",
		"I "+t.fit+", and I believe that would let me contribute from the start",
		"After our conversation, I am even more confident that the "+t.rw+" is a good match for me. I "+t.fit,
		bring,
		"I "+t.fit+", and I would welcome the chance to put that to work at "+t.co,
		"I "+t.fit+", which I think would serve the team well",
		"I "+t.fit+", so I feel well prepared for what the work involves",
		"I "+t.fit+", and I hope to build on that at "+t.co,
		"I "+t.fit,
		"As for my background, I "+t.fit,
		"I "+t.fit+", which seems a good match for what you described",
		"What you described seems a good match for my experience. I "+t.fit,
	)
}

func (t *thankYouLetter) accSentence() string {
	switch {
	case t.acc != "":
		return t.w.choose("acc",
			"I also wanted to mention that "+t.acc,
			"One thing I did not get to mention is that "+t.acc,
			t.acc+", and I would like to bring the same kind of work to "+t.co,
			"As an example of the work I would bring, "+t.acc,
		)
	case t.accNoun != "":
		noun := resultNoun(t.accNoun)
		return t.w.choose("acc",
			"I am especially proud of "+noun+", and I would bring the same drive to "+t.co,
			"One result I am proud of is "+noun,
			"A recent result I am proud of is "+noun,
		)
	}
	return ""
}

// accLead ties the accomplishment to what was said: "Our conversation about X reminded me
// of a recent project of mine, in which I …".
func (t *thankYouLetter) accLead() string {
	if !t.hasP {
		return t.accSentence()
	}
	if t.acc != "" {
		return t.w.choose("acc-lead",
			"Our conversation about "+t.points+" reminded me of a recent project of mine, in which "+t.acc,
			"When we talked about "+t.points+", I thought of a recent project of mine, in which "+t.acc)
	}
	return t.accSentence() // a result named as a noun does not follow "reminded me of" well
}

func (t *thankYouLetter) interest() string {
	return t.w.choose("interest",
		"I am very interested in the "+t.rw,
		"I left even more interested in joining "+t.co,
		"I remain very interested in the "+t.rw+" and in joining the team",
		"I am excited about the chance to join the team",
		"Everything I heard made me more eager to join "+t.co,
		"I would very much like to be part of the team",
		"It sounds like work I would do well and find rewarding",
		"I came away keen to be part of what you are building",
		"The "+t.rw+" is exactly the kind of work I want to be doing",
		"I hope to have the chance to work with you",
		"I am even more interested in the "+t.rw+" than before we spoke",
	)
}

func (t *thankYouLetter) offer() string {
	return t.w.choose("offer",
		"Please let me know if I can provide any additional information",
		"If you have any further questions, I would be happy to answer them",
		"If it would help, I can send references or samples of my work",
		"Please let me know if there is anything else I can share as you make your decision",
		"Should you need anything else from me, please let me know",
		"I would be happy to send references or anything else that would help",
		"If any questions come up, please feel free to get in touch",
	)
}

func (t *thankYouLetter) nextStep() string {
	return t.w.choose("next",
		"I look forward to hearing from you",
		"I look forward to hearing about the next steps",
		"I hope to hear from you soon",
		"I would welcome the chance to continue the conversation",
		"I look forward to the next steps in the process",
		"I hope we can talk again soon",
		"I look forward to staying in touch",
	)
}

func (t *thankYouLetter) thanksAgain() string {
	return t.w.choose("again",
		"Thank you again for your time and consideration",
		"Thank you again for your time",
		"Thanks again for a very helpful conversation",
		"Thank you for considering me for the "+t.rw,
		"Thanks again for your time",
		"Thank you once more for meeting with me",
	)
}

// Shapes a thank-you takes.
const (
	shapeClassic = iota // thanks and a point; fit and result; more and next step
	shapeShort          // two paragraphs
	shapeLong           // four paragraphs: thanks; the point; fit and result; close
	shapeMoment         // opens with a moment of the conversation
	shapeResult         // ties the result to what was said
	shapeCount
)

// shape is the letter's shape for this reader, among those the notes allow: without notes
// a short letter, a moment only with a point, a result only with one.
func (t *thankYouLetter) shape() int {
	if !t.hasP && !t.hasF && !t.hasA {
		return shapeShort
	}
	s := (seed(strconv.Itoa(t.w.seed), "shape") + t.w.index) % shapeCount
	switch {
	case s == shapeLong && !(t.hasP && (t.hasF || t.hasA)),
		s == shapeMoment && !t.hasP,
		s == shapeResult && t.acc == "":
		return s % 2 // classic or short
	}
	return s
}

// compose writes the body's paragraphs.
func (t *thankYouLetter) compose(lateOpen string) []string {
	w := t.w
	shape := t.shape()
	if lateOpen != "" && shape == shapeMoment {
		shape = shapeClassic // a late letter begins with the apology
	}
	say := func(parts ...func() string) {
		for _, f := range parts {
			w.add(f())
		}
	}
	open := func() string {
		if lateOpen != "" {
			return lateOpen
		}
		return t.open()
	}
	switch shape {
	case shapeShort:
		say(open, t.pointSentence, t.interest)
		w.next()
		if t.hasF && (seed(strconv.Itoa(w.seed), "short")%2 == 0 || !t.hasA) {
			say(t.fitSentence)
		} else if t.hasA {
			say(t.accSentence)
		}
		if !t.hasF && !t.hasA || seed(strconv.Itoa(w.seed), "offer")%2 == 0 {
			say(t.offer)
		}
		say(t.nextStep)
		if !t.hasP && !t.hasF && !t.hasA {
			w.next()
			say(t.thanksAgain)
		}
	case shapeLong:
		say(open, t.pointSentence)
		w.next()
		say(t.fitSentence, t.accSentence)
		w.next()
		say(t.interest, t.offer)
		w.next()
		say(t.thanksAgain, t.nextStep)
	case shapeMoment:
		t.moment()
		w.next()
		say(t.fitSentence, t.accSentence)
		if !t.hasF && !t.hasA {
			say(t.interest)
		}
		w.next()
		say(t.nextStep, t.thanksAgain)
	case shapeResult:
		say(open, t.accLead)
		w.next()
		say(t.fitSentence, t.interest)
		w.next()
		say(t.offer, t.nextStep)
	default:
		say(open, t.pointSentence)
		if !t.hasP || !t.hasF && !t.hasA {
			say(t.interest) // a first paragraph of one sentence reads as a form
		}
		w.next()
		say(t.fitSentence, t.accSentence)
		w.next()
		say(t.offer, t.nextStep)
	}
	return w.body()
}

// eventWords are the heads of points that were things done together, not topics.
var eventWords = map[string]bool{"tour": true, "lunch": true, "visit": true, "walkthrough": true, "demo": true,
	"coffee": true, "dinner": true, "introductions": true, "shadowing": true}

func isEvent(p string) bool { return eventWords[headOf(p)] }

func cutAny(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

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
