package mailer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Check-ins follow what career advisers say (policy/POLICY.md): the first, after the
// decision date passed (a week after the interview without one), is brief, says the owner
// is still interested and why they fit, refers to the interview, and asks about the
// timeline; the next ones each bring one thing the earlier did not (a result, another point
// of the conversation, an offer of references or samples); the last closes the loop kindly
// and leaves the door open. Nothing is invented: a note the owner did not give is not said,
// a day no one named is not named, and "again" is said only to someone thanked before.

// checkInLetter is what one check-in is written from.
type checkInLetter struct {
	d            *Data
	p            *phrasing
	role, co, rw string
	day, meeting string
	// about is the word after the meeting: "our call on May 4 about the role", "my
	// interview on May 4 for the role".
	about   string
	first   []addition // what check-in 1 says of the notes
	rest    []addition // what each later check-in adds, in order
	thanked bool
}

// addition is one thing a check-in brings: a note of the owner's or an offer.
type addition struct {
	kind, text string
}

const (
	addFit        = "fit"
	addTopic      = "topic"
	addResult     = "result"
	addResultNoun = "result-noun"
	addRemark     = "remark"
	addReferences = "references"
	addSamples    = "samples"
	addQuestions  = "questions"
)

// checkIn writes check-in d.Seq of the application seeded app, and its subject. The
// earlier check-ins are written again first (they read the same when drafted again), so
// that this one says none of their sentences. Of the phrasings left, it says those the
// owner's earlier letters say least (heard; the earlier check-ins among them when they
// were drafted differently).
func checkIn(d *Data, day string, app int, heard *heard) ([]string, string) {
	banned := map[string]bool{}
	for j := 1; j < d.Seq; j++ {
		e := *d
		e.Seq, e.Last = j, false
		if !e.SendAt.IsZero() {
			e.SendAt = e.SendAt.AddDate(0, 0, -7*(d.Seq-j)) // weekly, as the policy plans them
		}
		earlier := newCheckIn(&e, day, app, banned)
		earlier.write()
		for k := range earlier.p.used {
			banned[k] = true
		}
	}
	c := newCheckIn(d, day, app, banned)
	c.p.heard = heard
	return c.write()
}

func newCheckIn(d *Data, day string, app int, banned map[string]bool) *checkInLetter {
	c := &checkInLetter{d: d, role: d.Role, co: d.Company, day: day, thanked: d.Thanked,
		p: &phrasing{seed: seed(strconv.Itoa(app), "check-in", strconv.Itoa(d.Seq), strconv.Itoa(d.Index)), banned: banned}}
	// The word for the job and the meeting stay the same through one application's check-ins.
	same := &phrasing{seed: seed(strconv.Itoa(app), "check-ins", strconv.Itoa(d.Index))}
	c.rw = same.choose("rw", "role", "position", "role")
	switch d.Medium {
	case MediumCall:
		c.meeting = same.choose("meeting", "our call", "our phone call")
	case MediumVideo:
		c.meeting = same.choose("meeting", "our video call", "our video interview")
	case MediumOnSite:
		c.meeting = same.choose("meeting", "our meeting", "my interview")
	default:
		c.meeting = same.choose("meeting", "our conversation", "my interview")
	}
	c.about = "about"
	if c.meeting == "my interview" {
		c.about = "for"
	}
	c.p.also = []string{strings.ToLower(c.co), strings.ToLower(" " + c.role + " ")}
	c.plan(d.Notes)
	return c
}

// workingCondition reports whether a topic is how the work is arranged or how much of it
// there is: a schedule, a shift, a ratio, a caseload, a count of people.
func workingCondition(p string) bool {
	ws := words(p)
	for _, w := range ws {
		if timetableWords[w] || conditionWords[w] {
			return true
		}
	}
	return len(ws) > 0 && (numberish(ws[0]) || ws[0] == "the" && len(ws) > 1 && numberish(ws[1]))
}

// conditionWords name how much work there is or how it is arranged.
var conditionWords = map[string]bool{"ratio": true, "ratios": true, "caseload": true, "crunch": true, "overtime": true,
	"workload": true, "volume": true, "pay": true, "rate": true, "commute": true, "parking": true}

// write is the check-in's paragraphs and subject; it sets the sign-off.
func (c *checkInLetter) write() ([]string, string) {
	d := c.d
	var paras []string
	var subject string
	switch {
	case d.Last:
		paras, subject = c.last()
	case d.Seq <= 1:
		paras, subject = c.firstLetter()
	default:
		paras, subject = c.middle()
	}
	return paras, subject
}

// plan shares the notes out: check-in 1 the fit and the first point of the conversation
// (or, without them, the result), the later ones the rest, one each, then offers.
func (c *checkInLetter) plan(n Notes) {
	var topics []string
	var conditions []string
	for _, p := range n.Points {
		switch {
		case isEvent(p): // the tour or the lunch was thanked for; it is not news
		case workingCondition(p):
			// A shift, a ratio, a caseload is no thing a follow-up keeps thinking about (the
			// fifth hunt: "I have kept thinking about the night shift rotation"): last, if at all.
			conditions = append(conditions, topicForReader(p))
		default:
			topics = append(topics, topicForReader(p))
		}
	}
	if len(topics) == 0 {
		topics = conditions
	}
	result := addition{}
	switch {
	case n.Accomplishment != "":
		result = addition{addResult, n.Accomplishment}
	case n.AccomplishmentNoun != "":
		result = addition{addResultNoun, resultNoun(n.AccomplishmentNoun)}
	}
	if n.Fit != "" {
		c.first = append(c.first, addition{addFit, n.Fit})
	}
	if len(topics) > 0 {
		c.first = append(c.first, addition{addTopic, topics[0]})
		topics = topics[1:]
	}
	if result.kind != "" && c.d.ThankYou != "" && strings.Contains(strings.ToLower(c.d.ThankYou), strings.ToLower(resultCore(result.text))) {
		// The thank-you told them ("I should have mentioned that I passed the NY bar"): a
		// check-in does not give it as news again.
		result = addition{}
	}
	if len(c.first) == 0 && result.kind != "" {
		c.first, result = append(c.first, result), addition{}
	}
	if result.kind != "" {
		c.rest = append(c.rest, result)
	}
	for _, t := range topics {
		c.rest = append(c.rest, addition{addTopic, t})
	}
	for _, r := range n.Remarks {
		c.rest = append(c.rest, addition{addRemark, r})
	}
	switch roleKindOf(c.role) {
	case roleMaker:
		c.rest = append(c.rest, addition{addSamples, ""}, addition{addReferences, ""})
	default:
		c.rest = append(c.rest, addition{addReferences, ""})
	}
	c.rest = append(c.rest, addition{addQuestions, ""})
}

// resultCore is a result without its subject, as a letter may word its start: "I passed
// the NY bar" is "passed the NY bar".
func resultCore(s string) string {
	for _, p := range []string{"my team and I ", "I "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest
		}
	}
	return s
}

// hopeLine is how a note to someone one knows a little begins, on the day it goes.
func (c *checkInLetter) hopeLine(slot string) string {
	vs := []string{"I hope you are well", "I hope this finds you well", "I hope all is well at " + c.co,
		"I hope things are going well at " + c.co, "I hope you and the team are doing well", "I hope you are having a good week"}
	if s := c.d.SendAt; !s.IsZero() {
		switch s.Weekday() {
		case time.Monday:
			vs = append(vs, "I hope you had a good weekend", "I hope your week is off to a good start")
		case time.Tuesday, time.Wednesday, time.Thursday:
			vs = append(vs, "I hope your week is going well", "I hope the week is treating you well")
		case time.Friday:
			vs = append(vs, "I hope you have had a good week", "I hope your week has gone well")
		}
	}
	return c.p.choose(slot, vs...)
}

// joined is a hope line and the sentence after it as one sentence ("I hope you are well,
// and I wanted to …"), or the sentence alone.
func joined(hope, s string) string {
	if hope == "" {
		return s
	}
	return hope + ", and " + lowerFirstWord(s)
}

// lowerFirstWord lowers the first letter of s unless it starts a name or "I".
func lowerFirstWord(s string) string {
	if strings.HasPrefix(s, "I ") || s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// firstLetter is check-in 1: why the owner writes (the decision date passed, or simply to
// follow up), that they are still interested and why they fit, and a question about the
// timeline.
func (c *checkInLetter) firstLetter() ([]string, string) {
	p, role, rw := c.p, c.role, c.rw
	var open []string
	// After a thank-you, check-in 1 thanks again: as it opens, or as it ends.
	thankOpen := c.thanked && p.choose("thank-open", "yes", "no") == "yes"
	if thankOpen {
		meeting := c.meeting
		if meeting == "my interview" {
			meeting = "our conversation" // thanks for "my interview" would be for what is mine
		}
		open = append(open, p.choose("thank-again", "Thank you again for", "Thanks again for", "Thank you once again for")+" "+
			p.choose("thank-again-what", meeting+" "+c.day, "your time "+c.day, "speaking with me "+c.day,
				"taking the time to talk with me "+c.day, "the interview "+c.day))
	}
	by, passed := decisionDay(c.d.DecisionBy, c.d.SendAt, p)
	switch {
	case by != "" && passed:
		lead := p.choose("decision", "You mentioned you hoped to decide "+by, "I know you were hoping to reach a decision "+by,
			"I understood the team hoped to decide "+by, "I know the plan was to decide "+by,
			"I believe the team hoped to reach a decision "+by, "I understand a decision was expected "+by)
		again := ", and I wanted to follow up on " + c.meeting + " " + c.day
		if thankOpen {
			again = "" // the thanks named the day: not twice
		}
		open = append(open, lead+p.choose("decision-then", ", so I wanted to check in on the "+role+" "+rw,
			", so I thought I would follow up on the "+role+" "+rw, again,
			", so I am writing to see where things stand with the "+role+" "+rw, ", so I wanted to touch base about the "+role+" "+rw))
	case by != "":
		open = append(open, p.choose("decision-ahead", "I know you hope to decide "+by+", and I wanted to follow up on the "+role+" "+rw+" in the meantime",
			"I understand a decision is expected "+by+", so I wanted to touch base about the "+role+" "+rw+" before then"))
	case len(open) > 0:
		open = append(open, p.choose("reason-thanked", "I wanted to follow up on", "I am writing to check in about",
			"I thought I would check in about", "I wanted to touch base about", "I am getting in touch about")+" "+
			p.choose("reason-thanked-what", "the "+role+" "+rw, "the "+role+" "+rw+" at "+c.co, "my application for the "+role+" "+rw,
				"where things stand with the "+role+" "+rw))
	default:
		// "Following up on our call", never "checking in about our call … about the role".
		what := []string{"my interview for the " + role + " " + rw + " " + c.day, "the " + role + " " + rw + " we discussed " + c.day}
		var reasons []string
		for _, lead := range []string{"I am writing to follow up on", "I wanted to follow up on", "I am following up on"} {
			for _, w := range append([]string{c.meeting + " " + c.day + " " + c.about + " the " + role + " " + rw,
				"the " + role + " " + rw + " at " + c.co + " and " + c.meeting + " " + c.day}, what...) {
				reasons = append(reasons, lead+" "+w)
			}
		}
		for _, lead := range []string{"I wanted to check in about", "I am getting in touch about", "I thought I would check in about", "I wanted to touch base about"} {
			for _, w := range what {
				reasons = append(reasons, lead+" "+w)
			}
		}
		reason := p.choose("reason", reasons...)
		open = append(open, joined(p.maybe("hope", 1, c.hopeLine("hope-line")), reason))
	}
	// What they kept thinking about, that they still want the job, and why they fit.
	var body, fit []string
	for _, a := range c.first {
		if a.kind == addFit {
			fit = append(fit, c.firstSays(a))
		} else {
			body = append(body, c.firstSays(a))
		}
	}
	body = append(append(body, c.interest()), fit...)
	ask := c.askFirst()
	end := c.offer("offer-first")
	if c.thanked && !thankOpen {
		end = c.thanksAgain()
	}
	paras := []string{para(open...), para(body...), para(ask, end)}
	subject := c.subject("subject", "Checking in – "+role+" "+rw, "Following up on my "+role+" interview",
		role+" "+rw+" – checking in", "Following up – "+role+" interview", "Checking in on the "+role+" "+rw,
		"Any news on the "+role+" "+rw+"?", role+" at "+strings.TrimRight(c.co, ".")+" – following up",
		"Following up on our conversation – "+role)
	return paras, subject
}

// firstSays is what check-in 1 says of a note: the fit in the owner's voice with what it
// means for the role, the point of the conversation as what they kept thinking about.
func (c *checkInLetter) firstSays(a addition) string {
	p := c.p
	switch a.kind {
	case addFit:
		v := voiceOf(a.text)
		main := []string{"I believe I could contribute from the start", "I am confident I could hit the ground running",
			"I think I would be a good match for what your team needs", "I believe I could make a real difference in the " + c.rw,
			"I would be ready to take on the work quickly", "I am sure I could be useful to your team early on"}
		if v.lead != "" {
			return v.lead + ", " + p.choose("fit-main", main...)
		}
		if strings.Contains(v.says, ", and ") {
			// Two clauses already ("I have six years on the line, and I am ServSafe
			// certified"): the tail is a sentence of its own, not a third "and".
			return v.says + ". " + p.choose("fit-tail-apart", "I think that would serve the "+c.rw+" well",
				"I believe that would help me contribute quickly", "That is why I think I would be a good match for the "+c.rw)
		}
		return v.says + p.choose("fit-tail", ", which is why I think I would be a good match for the "+c.rw,
			", and I believe that would help me contribute quickly", ", so I am confident I could take on the work from the start",
			", and I think that would serve the "+c.rw+" well")
	case addTopic:
		return p.choose("topic-first", "I have kept thinking about "+a.text+" since we spoke",
			"Our conversation about "+a.text+" has stayed with me", "I have been thinking more about "+a.text,
			"What we discussed about "+a.text+" has stayed with me", "I keep coming back to what we said about "+a.text,
			map[bool]string{true: "Talking about " + a.text + " made the " + c.rw + " all the more appealing to me"}[appealing(a.text)])
	}
	return c.says(a)
}

// appealing reports whether a topic is one that can be why a role appeals: a plan, the work,
// the support on offer, a place; not a schedule, a perk or a problem ("the second shift",
// "occupancy drops in winter").
func appealing(topic string) bool {
	switch topicKind(topic) {
	case topicPlan, topicWork, topicSupport, topicPlace:
		return true
	}
	return false
}

// repeatable is a result one can do again for another team: a change made or a thing built,
// not a milestone ("passed the NY bar", "finished my PMP").
var repeatable = regexp.MustCompile(`(?i)\b(cut|grew|grow|raised|increased|reduced|saved|doubled|tripled|improved|boosted|built|launched|shipped|led|automated|redesigned|streamlined|lowered|halved|expanded|turned around)\b`)

// interest says the owner still wants the job.
func (c *checkInLetter) interest() string {
	p := c.p
	lead := p.choose("interest", "I remain very interested in", "I am still very interested in", "I continue to be very interested in",
		"I am still excited about", "I remain enthusiastic about", "I am still very keen on", "I still very much want to pursue",
		"I am as interested as ever in")
	what := []string{"the " + c.role + " " + c.rw, "joining " + c.co, "the chance to join " + c.co, "the " + c.rw + " and the team at " + c.co,
		"this opportunity", "the chance to work with your team", "being part of your team", "the prospect of working together",
		"the work we discussed"}
	if lead == "I still very much want to pursue" {
		what = []string{"the " + c.role + " " + c.rw, "the " + c.rw + " at " + c.co, "this opportunity with " + c.co}
	}
	return lead + " " + p.choose("interest-what", what...)
}

// askFirst asks about the timeline: a question, or a wish to know.
func (c *checkInLetter) askFirst() string {
	p := c.p
	what := p.choose("ask-what", "where things stand with the "+c.role+" "+c.rw, "how the search for the "+c.rw+" is going",
		"what the next steps look like", "what the timeline looks like now", "when you expect to make a decision",
		"whether there is any news on the "+c.rw, "how the hiring process is coming along")
	lead := p.choose("ask", "Could you let me know ?", "Would you be able to tell me ?", "When you have a moment, could you let me know ?",
		"Might you be able to share ?", "May I ask ?", "I would be grateful to know .", "I would appreciate hearing .",
		"I would love to hear .", "It would help me to know .", "If you are able to, I would welcome a word on .")
	mark := lead[len(lead)-1:]
	return strings.TrimSuffix(lead, " "+mark) + " " + what + mark
}

// offer is an offer of what would help, or thanks for their time.
func (c *checkInLetter) offer(slot string) string {
	p := c.p
	form := p.choose(slot, "offer", "offer", "offer", "thanks")
	if form == "thanks" && !strings.Contains(strings.ToLower(p.said.String()), "thank") {
		return c.thanks()
	}
	// "If it would help, I can send …", never "If it would help, do let me know …".
	mine := []string{"I would be happy to send anything else you need", "I am glad to provide anything that would help your decision",
		"I can send anything further you need from me", "I would be glad to answer any questions", "I am happy to share more about my background",
		"I would be pleased to send any further details"}
	asks := []string{"please let me know if I can provide anything else", "do let me know if there is anything more I can send",
		"feel free to reach out with any questions"}
	var vs []string
	for _, lead := range []string{"", "In the meantime, ", "Of course, "} {
		for _, w := range append(append([]string(nil), mine...), asks...) {
			vs = append(vs, lead+lowerIfLed(lead, w))
		}
	}
	for _, lead := range []string{"If it would help, ", "Should it be useful, "} {
		for _, w := range mine {
			vs = append(vs, lead+w)
		}
	}
	return p.choose(slot+"-what", vs...)
}

// lowerIfLed capitalises s as a sentence start, or leaves it lower after a lead.
func lowerIfLed(lead, s string) string {
	if lead == "" {
		return upperFirst(s)
	}
	return s
}

// thanks thanks the reader for their time; "again" only when they were thanked before.
func (c *checkInLetter) thanks() string {
	p := c.p
	leads := []string{"Thank you for", "Many thanks for", "Thank you very much for"}
	if c.thanked {
		leads = append(leads, "Thank you again for", "Thanks again for")
	}
	what := []string{"your time and consideration", "your time during the process", "the time you have given me", "your consideration"}
	var vs []string
	for _, l := range leads {
		for _, w := range append(what, "considering me for the "+c.rw) {
			vs = append(vs, l+" "+w)
		}
	}
	for _, w := range what {
		vs = append(vs, "I am grateful for "+w) // "grateful for considering me" would be mine
	}
	return p.choose("thanks", vs...)
}

// thanksAgain ends check-in 1 to someone thanked before.
func (c *checkInLetter) thanksAgain() string {
	p := c.p
	what := []string{"your time and consideration", "your time during the process", "the time you have given me", "your consideration",
		"considering me for the " + c.rw, "speaking with me", "everything you shared about the " + c.rw}
	var vs []string
	for _, l := range []string{"Thank you again for", "Thanks again for", "Many thanks again for", "Thank you once again for"} {
		for _, w := range what {
			vs = append(vs, l+" "+w)
		}
	}
	return p.choose("thanks-again", vs...) + p.maybe("thanks-again-tail", 1, ", and I look forward to hearing from you",
		", and I hope to hear from you soon")
}

// middle is a check-in between the first and the last: one new thing, and the ask.
func (c *checkInLetter) middle() ([]string, string) {
	p, role, rw := c.p, c.role, c.rw
	a := c.rest[max(0, min(c.d.Seq-2, len(c.rest)-1))]
	// "One more thing" only before something new: a result, work or references to send.
	news := a.kind == addResult || a.kind == addResultNoun || a.kind == addSamples || a.kind == addReferences
	reason := p.choose("reason-middle", "I wanted to follow up once more on", "I am writing once more about",
		"I wanted to send a short note about", "I thought I would write once more about",
		map[bool]string{true: "I wanted to add one thing to my last note about"}[news],
		"I am writing with a brief follow-up on", map[bool]string{true: "I wanted to share one more thing about"}[news],
		"I am getting back in touch about", "I wanted to drop you a line about") + " " + p.choose("reason-middle-what", "the "+role+" "+rw, "the "+role+" "+rw+" at "+c.co,
		"my application for the "+role+" "+rw, "the "+role+" "+rw+" we discussed "+c.day)
	open := joined(p.maybe("hope-middle", 1, c.hopeLine("hope-line")), reason)
	ask := p.choose("ask-middle-if", "If there is any news on the "+rw, "Whenever there is news on the "+rw,
		"If the timeline for the "+rw+" has moved", "Should there be an update on the "+rw, "If there is news on where the search stands",
		"As soon as there is anything to share on the "+rw) +
		", " + p.choose("ask-middle-then", "I would be grateful to hear it", "I would be glad to hear it", "I would appreciate a quick note",
		"please do let me know", "a short note would be very welcome")
	paras := []string{para(open), para(c.says(a)), para(ask, p.maybe("thanks-middle", 2, c.thanks()))}
	subjects := []string{"Following up on the " + role + " " + rw, "A quick follow-up – " + role, "Still very interested – " + role + " " + rw,
		role + " " + rw + " – a quick note", "Another note on the " + role + " " + rw}
	switch a.kind {
	case addTopic, addRemark:
		subjects = append(subjects, "One more thought on the "+role+" "+rw, "A further thought – "+role+" "+rw)
	case addResult, addResultNoun:
		subjects = append(subjects, "Something to add – "+role+" "+rw, "A result I wanted to share – "+role)
	case addReferences:
		subjects = append(subjects, "References for the "+role+" "+rw, "Happy to send references – "+role)
	case addSamples:
		subjects = append(subjects, "Samples of my work – "+role+" "+rw, "Examples of my work for the "+role+" "+rw)
	}
	return paras, c.subject("subject-middle", subjects...)
}

// says is what a later check-in adds: each note in its own words, or an offer.
func (c *checkInLetter) says(a addition) string {
	p, rw := c.p, c.rw
	switch a.kind {
	case addResult:
		lead := p.choose("result", "I also wanted to share that ", "In case it is useful as you decide, I wanted to mention that ",
			"It may help to add that ", "One thing that seems relevant to the "+rw+": ",
			"Since we spoke, I have been thinking about a recent project that seems relevant, in which ",
			"As you weigh your decision, it may be worth knowing that ")
		if strings.HasSuffix(lead, "in which ") {
			return lead + a.text // long enough without a tail
		}
		if !repeatable.MatchString(a.text) {
			// "I passed the NY bar, and I would love to do the same for your team": a result
			// no one does again for an employer stands alone.
			return lead + a.text
		}
		return lead + a.text + p.maybe("result-tail", 1, ", and I would bring the same kind of work to "+c.co,
			", which is the kind of result I would aim for at "+c.co, ", and I would love to do the same for your team")
	case addResultNoun:
		return p.choose("result-noun", "One result that seems relevant is "+a.text, "I am particularly proud of "+a.text,
			"I think "+a.text+" speaks to what the "+rw+" needs",
			"I wanted to mention "+a.text+", as it seems relevant to the "+rw)
	case addTopic:
		// Asking to talk more of it only of what a role is about, not a perk or a duty ("truck
		// and tools provided", "recess duty": a letter hunt, 2026-12-07).
		more := appealing(a.text) || topicKind(a.text) == topicWay || topicKind(a.text) == topicPractice || topicKind(a.text) == topicChallenge
		return p.choose("topic", "I have thought more about "+a.text+" since we spoke",
			map[bool]string{true: "I would welcome the chance to talk more about " + a.text}[more],
			map[bool]string{true: "I keep coming back to " + a.text + ", which is a big part of why the " + rw + " appeals to me"}[appealing(a.text)],
			map[bool]string{true: "I would be glad to hear more about " + a.text + " whenever it suits you"}[more],
			"Looking back on "+c.meeting+", I find myself thinking about "+a.text)
	case addRemark:
		return p.choose("remark", "I have been thinking about your point that "+a.text,
			"You mentioned that "+a.text+", and that has stayed with me", "I keep coming back to what you said: "+a.text)
	case addSamples:
		return p.choose("samples-lead", "In case it helps, ", "If it would be useful, ", "Should it help, ") +
			p.choose("samples", "I would be happy to share examples of my work", "I can send a sample of my work",
				"I would be glad to walk you through a project of mine")
	case addReferences:
		return p.choose("references-lead", "In case it helps, ", "If it would be useful, ", "Should it help your decision, ", "") +
			p.choose("references", "I would be happy to send references", "I can put you in touch with references who know my work",
				"I can share references at any time", "I would be glad to provide references")
	}
	return p.choose("questions", "If any questions about my background have come up since we spoke, I would be happy to answer them",
		"I would also be glad to speak with anyone else on the team", "If anything about my experience is still unclear, I am happy to go over it",
		"If it would help to speak with anyone else on the team, I would be glad to")
}

// last closes the loop: a last word, perhaps one more note, understanding whatever they
// decided, the door left open, and thanks.
func (c *checkInLetter) last() ([]string, string) {
	p, role, rw := c.p, c.role, c.rw
	lead := p.choose("last", "I wanted to reach out one last time about", "I am writing one final time about",
		"I wanted to close the loop on", "I am following up a final time on", "I wanted to write one last note about")
	what := p.choose("last-what", "the "+role+" "+rw+" we discussed "+c.day, "the "+role+" "+rw+" at "+c.co, "the "+role+" "+rw)
	open := lead + " " + what + p.choose("last-why", "", ", as I know these decisions can take time",
		// The door below always says "I understand": not twice (the fifth hunt's fifth reading).
		", and I know hiring decisions can take a while", ", knowing how much goes into these decisions")
	var body []string
	if a := c.rest[max(0, min(c.d.Seq-2, len(c.rest)-1))]; a.kind == addTopic || a.kind == addResult || a.kind == addResultNoun || a.kind == addRemark {
		body = append(body, c.says(a))
	}
	door := p.choose("understand", "If the team has decided to go in another direction, I completely understand",
		"If you have chosen another candidate, I understand", "Whatever you decide, I will understand",
		"If the "+rw+" has been filled, I understand completely", "If things have moved on, I understand",
		"If a decision has already been made, I understand", "If the search has closed, I understand completely",
		"Should you have gone with another candidate, I understand") +
		p.choose("door", ", and I would be glad to hear from you if anything changes",
			", and I would welcome being considered for future openings at "+c.co,
			", and I hope we can stay in touch", ", and my interest in "+c.co+" has not changed",
			"; if another role opens that suits my background, I would love to hear about it",
			", and please keep me in mind for future openings", ", and I would be happy to stay in touch",
			", and I would still be delighted to hear from you")
	body = append(body, door)
	close := c.thanks() + p.maybe("wish", 1, ", and I wish you and the team all the best",
		", and best wishes to you and the team")
	paras := []string{para(open), para(body...), para(close)}
	return paras, c.subject("subject-last", "Closing the loop – "+role+" "+rw, "A last note on the "+role+" "+rw,
		"One last follow-up – "+role+" interview", role+" "+rw+" – closing the loop", "Thank you – closing the loop on the "+role+" "+rw)
}

// subject is the variant for a subject line: chosen per application, apart from the words
// of the body.
func (c *checkInLetter) subject(slot string, variants ...string) string {
	return (&phrasing{seed: c.p.seed}).choose(slot, variants...)
}

// decisionDay is when they said they would decide, as a person says it seen from the day the
// letter goes ("by Tuesday", "by the end of last week", "by last Wednesday", "by December
// 4"), and whether it has passed; "" when no day was given.
func decisionDay(by, send time.Time, p *phrasing) (string, bool) {
	if by.IsZero() {
		return "", false
	}
	if send.IsZero() {
		return "by " + by.Format("January 2"), true
	}
	if ahead := dayAhead(by, send); ahead != "" {
		return ahead, false
	}
	b, s := calendarDay(by), calendarDay(send.In(by.Location()))
	monday := s.AddDate(0, 0, -((int(s.Weekday()) + 6) % 7))
	switch {
	case !b.Before(monday):
		return "by " + by.Format("Monday"), true
	case !b.Before(monday.AddDate(0, 0, -7)):
		switch by.Weekday() {
		case time.Friday:
			return p.choose("end-of-week", "by the end of last week", "by last Friday"), true
		case time.Saturday, time.Sunday:
			return "by the end of last week", true
		}
		return "by last " + by.Format("Monday"), true
	}
	return "by " + by.Format("January 2"), true
}

// dayAhead is a decision day still to come on the day send falls on (by's clock), as a
// person says it: "by Friday" within the week, "by December 18" after it; "" when by is zero,
// send is zero or the day has passed.
func dayAhead(by, send time.Time) string {
	if by.IsZero() || send.IsZero() {
		return ""
	}
	b, s := calendarDay(by), calendarDay(send.In(by.Location()))
	switch {
	case b.Before(s):
		return ""
	case b.Sub(s) < 7*24*time.Hour:
		return "by " + by.Format("Monday")
	}
	return "by " + by.Format("January 2")
}

// calendarDay is t's date as a day to count with, whatever its zone.
func calendarDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
