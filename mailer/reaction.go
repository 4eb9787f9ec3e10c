package mailer

import (
	"strings"
	"unicode"
)

// A person thanking an interviewer does not list what was talked about: they react to it,
// each thing in the words that fit it ("I appreciated how candid you were about the
// challenges…", "it was reassuring to hear about your training…", "what you said about
// staff retention stayed with me"), and tie what they did before to what the team is
// working towards. The blind reading of 2026-12-07 picked out every letter that pasted the
// notes into one sentence ("I really enjoyed hearing about your staff retention"). These are
// the readings of a topic, a fit and a role that let a letter do that, from the notes alone:
// nothing is claimed that the notes do not say.

// Kinds of topic, by what a person says about them.
const (
	topicChallenge = "challenge" // the hard parts of the job: the interviewer was candid
	topicSupport   = "support"   // training, mentoring, a residency: reassuring
	topicKeep      = "keep"      // staff retention, morale: it stays with you
	topicPlan      = "plan"      // a launch, a shift, goals: something to help with
	topicWay       = "way"       // a style, a structure, a culture: how they work
	topicPractice  = "practice"  // budgeting, hiring: how they go about it
	topicPlace     = "place"     // a unit, a department: a place to learn about
	topicWork      = "work"      // the software they make, their research: what they do
	topicOther     = "other"
)

var topicWords = []struct {
	kind  string
	words []string
}{
	{topicChallenge, []string{"challenge", "challenges", "difficult", "difficulties", "hardest", "pressures", "pressure", "obstacles", "workload"}},
	{topicSupport, []string{"training", "support", "mentoring", "mentorship", "onboarding", "orientation", "preceptor", "preceptorship", "residency", "coaching"}},
	{topicKeep, []string{"retention", "turnover", "morale", "tenure", "wellbeing", "well-being"}},
	{topicPlan, []string{"shift", "launch", "plans", "plan", "goals", "goal", "roadmap", "acquisition", "expansion", "migration", "growth",
		"priorities", "strategy", "vision", "merger", "rollout", "pivot", "transition", "future", "redesign", "rewrite", "reorg", "restructuring"}},
	{topicWay, []string{"style", "structure", "culture", "approach", "philosophy", "values", "process", "processes", "ways", "rotation", "ratios", "schedule"}},
	{topicPlace, []string{"unit", "department", "office", "lab", "clinic", "floor", "ward", "branch", "site", "school", "classroom", "store", "warehouse"}},
	{topicWork, []string{"software", "product", "products", "work", "research", "design", "campaign", "campaigns", "project", "projects",
		"clients", "customers", "app", "platform", "system", "systems", "program", "programs", "service", "services", "trade", "queue", "stack"}},
}

// topicKind is what kind of thing a topic is, by its words: the first kind, in the order
// above, that one of its words names; a topic starting with an -ing word ("budgeting and
// resource allocation") is a practice.
func topicKind(p string) string {
	ws := words(p)
	for _, w := range ws {
		// A problem on a shift is the problem ("turnover on second shift").
		if w == "turnover" || w == "retention" || w == "morale" {
			return topicKeep
		}
	}
	for _, w := range ws {
		// When they work is how they work, not a shift of plans or work to do.
		if timetableWords[w] {
			return topicWay
		}
	}
	for _, k := range topicWords {
		for i, w := range ws {
			for _, kw := range k.words {
				// Support is what the topic is about, not a word before its head: "the
				// seller onboarding funnel", "coaching science olympiad" are no support.
				if w == kw && (k.kind != topicSupport || i == len(ws)-1 || supportAfter[ws[i+1]]) {
					return k.kind
				}
			}
		}
	}
	if len(ws) > 0 && strings.HasSuffix(ws[0], "ing") && len(ws[0]) > 5 {
		return topicPractice
	}
	if len(ws) > 0 && ws[0] == "how" {
		return topicWay
	}
	return topicOther
}

// supportAfter are the words that may follow a word of support in a topic that is about the
// support ("training and support for new RNs", "the mentorship program").
var supportAfter = map[string]bool{"for": true, "and": true, "program": true, "programs": true, "period": true,
	"plan": true, "plans": true, "process": true, "of": true, "during": true, "in": true, "with": true}

// timetableWords make a topic when they work ("the night shift schedule", "a four day work
// week"): how they work, never work to do, and nothing the fit is tied to (timetable).
var timetableWords = map[string]bool{"schedule": true, "rotation": true, "ratios": true, "shift": true, "shifts": true,
	"week": true, "hours": true}

// peopleWords name the people a challenge falls on ("new grad challenges").
var peopleWords = map[string]bool{"grad": true, "grads": true, "graduate": true, "graduates": true, "nurse": true, "nurses": true,
	"hire": true, "hires": true, "student": true, "students": true, "teacher": true, "teachers": true, "employee": true,
	"employees": true, "rn": true, "rns": true, "engineer": true, "engineers": true, "manager": true, "managers": true}

// amountWords begin an amount ("more than 20 years"): it takes no "my".
var amountWords = map[string]bool{"more": true, "over": true, "nearly": true, "almost": true, "about": true, "around": true}

// ownedHeads are what a person has of their own: "PostgreSQL DBA skills" are "my" skills.
var ownedHeads = map[string]bool{"skills": true, "skill": true, "experience": true, "background": true,
	"expertise": true, "knowledge": true, "training": true, "credentials": true}

// topicForReader is a topic as a person writes it to someone who works there: the
// challenges of new grads as "the challenges new grads face in the role", the team's goals
// and the style of whoever manages as "your", not "the".
func topicForReader(p string) string {
	fields := strings.Fields(p)
	low := words(p)
	if len(low) != len(fields) {
		return p
	}
	for i, w := range low {
		if (w == "challenges" || w == "challenge") && i > 0 && peopleWords[low[i-1]] {
			who := fields[:i]
			if determiners[low[0]] || low[0] == "your" {
				who = who[1:]
			}
			group := strings.Join(who, " ")
			if !strings.HasSuffix(group, "s") {
				group += "s"
			}
			return strings.TrimSpace("the challenges " + group + " face " + strings.Join(fields[i+1:], " "))
		}
	}
	if len(low) > 1 && low[0] == "team" && (low[1] == "goals" || low[1] == "plans" || low[1] == "priorities") {
		return "your team's " + strings.Join(fields[1:], " ")
	}
	if low[0] == "the" {
		switch headOf(p) {
		case "style", "structure", "culture", "approach", "philosophy", "values", "goals", "plans", "priorities", "program", "programme":
			return "your " + strings.Join(fields[1:], " ")
		}
	}
	return p
}

// topicRef refers back to a topic the reader raised: "the Q3 launch you mentioned", "the
// retention goals you described".
func topicRef(p string) string {
	verb := " you mentioned"
	if strings.HasSuffix(headOf(p), "s") {
		verb = " you described"
	}
	for _, w := range words(p)[1:] {
		if prepositions[w] {
			return p // "your team's goals for next year you described" reads wrongly
		}
	}
	switch {
	case strings.HasPrefix(p, "your "):
		return "the " + strings.TrimPrefix(p, "your ") + verb
	case strings.HasPrefix(p, "the "):
		return p + verb
	case strings.HasPrefix(p, "how "), strings.Contains(p, " and "):
		return p
	}
	return "the " + p + verb
}

// relatedGroups are words that speak of the same thing in a fit or a result and a topic:
// churn and retention, renewable energy and GreenTech.
var relatedGroups = [][]string{
	{"retention", "churn", "retain", "lifecycle", "loyalty"},
	{"campaign", "campaigns", "marketing"},
	{"greentech", "green", "renewable", "energy", "solar", "sustainability", "climate"},
	{"cardiac", "cardiology", "heart"},
	{"software", "java", "python", "code", "programming", "go", "javascript"},
	{"budgeting", "budget", "budgets", "cost", "costs"},
	{"sales", "territory", "accounts", "quota"},
	{"student", "students", "campus", "university"},
	{"data", "analytics", "sql", "tableau", "dashboards", "reporting"},
}

// genericWords say nothing of what a fit and a topic share.
var genericWords = map[string]bool{"experience": true, "years": true, "year": true, "skills": true, "team": true, "work": true,
	"role": true, "position": true, "company": true, "new": true, "your": true, "their": true, "with": true, "from": true,
	"and": true, "the": true, "about": true, "next": true, "strong": true, "hands-on": true, "current": true, "previous": true,
	"like": true, "projects": true, "project": true, "program": true, "job": true, "grad": true, "two": true, "three": true}

// related reports whether a and b speak of the same thing: a word in common (by its first
// five letters: "managing", "management") or words of one group.
func related(a, b string) bool {
	key := func(w string) string {
		if len(w) > 5 {
			return w[:5]
		}
		return w
	}
	group := map[string]int{}
	for i, g := range relatedGroups {
		for _, w := range g {
			group[w] = i + 1
		}
	}
	as := map[string]bool{}
	ag := map[int]bool{}
	for _, w := range words(a) {
		if len(w) >= 4 && !genericWords[w] {
			as[key(w)] = true
		}
		if g := group[w]; g > 0 {
			ag[g] = true
		}
	}
	for _, w := range words(b) {
		if len(w) >= 4 && !genericWords[w] && as[key(w)] || ag[group[w]] && group[w] > 0 {
			return true
		}
	}
	return false
}

// Kinds of role, for what a letter offers to send.
const (
	roleCare    = "care"    // nurses and clinicians: references, never work samples
	roleMaker   = "maker"   // designers, writers, engineers: examples of their work
	roleGeneral = "general" // the rest: references, or anything else
)

func roleKindOf(role string) string {
	for _, w := range words(role) {
		switch w {
		case "rn", "nurse", "nursing", "lpn", "cna", "clinical", "physician", "therapist", "pharmacist", "medical", "caregiver", "residency", "emt", "midwife":
			return roleCare
		case "designer", "design", "writer", "copywriter", "editor", "engineer", "developer", "programmer", "software",
			"analyst", "scientist", "architect", "marketer", "illustrator", "photographer", "content", "ux", "ui":
			return roleMaker
		}
	}
	for _, w := range words(role) {
		if strings.HasSuffix(w, "writer") || strings.HasSuffix(w, "designer") {
			return roleMaker
		}
	}
	return roleGeneral
}

// fitVoice is the owner's fit said in their own voice: lead is a phrase a sentence can
// start with ("As a new grad RN", "After six years managing a territory", "With my degree
// and two years of office administration experience"); says is a sentence of its own, when
// the fit makes one that is more than the note ("I have worked with SQL and Tableau for
// three years"); noun is what the fit is, as the subject of a sentence ("my cardiac clinical
// rotation").
type fitVoice struct {
	lead, says, noun string
	// extra is what follows the lead as a clause of its own ("I know Java and Python"):
	// skills said as the owner said them.
	extra  string
	plural bool
}

// voiceOf reads the fit clause (after "I") into the forms a person says it in.
func voiceOf(fit string) fitVoice {
	var v fitVoice
	if fit == "" {
		return v
	}
	first, second, two := strings.Cut(fit, ", and I ")
	switch {
	case strings.HasPrefix(first, "am "):
		post := strings.TrimPrefix(first, "am ")
		v.lead = "As " + post
		if two {
			switch {
			case strings.HasPrefix(second, "know "):
				tools := strings.TrimPrefix(second, "know ")
				// As the owner said it: "I know Java and Python", not a claim of where or how
				// long ("through my coursework", a letter hunt found, was never in the notes).
				v.extra = "I know " + tools
				v.says = "I am " + post + ", and " + v.extra
			case strings.HasPrefix(second, "bring experience from the "):
				v.lead += ", and with my " + strings.TrimPrefix(second, "bring experience from the ") + " behind me"
				v.noun = "my " + strings.TrimPrefix(second, "bring experience from the ")
			case strings.HasPrefix(second, "bring "):
				v.lead += " with " + strings.TrimPrefix(second, "bring ")
			default:
				v.lead, v.says = "", "I "+fit
			}
		}
		if strings.HasPrefix(post, "passionate") || strings.HasPrefix(post, "fluent") || strings.HasPrefix(post, "familiar") ||
			strings.HasPrefix(post, "comfortable") || strings.HasPrefix(post, "proficient") {
			v.lead = "Being " + post
		}
	case strings.HasPrefix(first, "bring ") && !two:
		what := strings.TrimPrefix(first, "bring ")
		v.noun = what
		v.plural = strings.Contains(what, " and ") && !strings.HasPrefix(what, "my experience") || strings.HasSuffix(what, "skills")
		switch {
		case yearsStart(what) && !strings.Contains(what, " and ") || yearsStart(what) && !strings.Contains(what[strings.Index(what, " and "):], " year") && !strings.Contains(what, " and my "):
			n, rest, _ := strings.Cut(what, " ")
			unit, rest, _ := strings.Cut(rest, " ")
			switch {
			case strings.HasPrefix(rest, "of experience with "):
				tools := strings.TrimPrefix(rest, "of experience with ")
				v.says = "I have worked with " + tools + " for " + n + " " + unit
				v.lead = "After " + n + " " + unit + " of working with " + tools
			case strings.HasPrefix(rest, "of ") && strings.HasSuffix(rest, " experience"):
				field := strings.TrimSuffix(strings.TrimPrefix(rest, "of "), " experience")
				v.says = "I have spent " + n + " " + unit + " in " + field
				v.lead = "After " + n + " " + unit + " in " + field
			case strings.HasPrefix(rest, "as ") || gerund(firstWord(rest)):
				v.says = "I have spent " + n + " " + unit + " " + rest
				v.lead = "After " + n + " " + unit + " " + rest
			default:
				v.lead = "With " + what
			}
		case heldFirst(what) != "":
			// "experience with BS in biology and …", "experience in forklift certified and …":
			// what the owner holds or is, read as experience; said as it is.
			held := heldFirst(what)
			v.says, v.lead = held, "With "+strings.TrimPrefix(strings.TrimPrefix(held, "I have "), "I am ")
			if strings.HasPrefix(held, "I am ") {
				v.lead = ""
			}
		case strings.HasPrefix(what, "experience in "):
			v.says = "I have worked in " + strings.TrimPrefix(what, "experience in ")
			v.lead = "With my experience in " + strings.TrimPrefix(what, "experience in ")
		case strings.HasPrefix(what, "experience with "), strings.HasPrefix(what, "hands-on experience with "):
			tools := what[strings.Index(what, "with ")+5:]
			v.says = "I have worked with " + tools
			v.lead = "With my experience with " + tools
		case strings.HasPrefix(what, "my "), strings.HasPrefix(what, "a "), strings.HasPrefix(what, "an "):
			v.lead = "With " + what
		case what != "" && !numberish(firstWord(what)) && !determiners[firstWord(what)] && !amountWords[firstWord(what)] &&
			(unicode.IsLower([]rune(what)[0]) || ownedHeads[headOf(what)]):
			// "With skills in critical care, I …" has no one's skills in it: the owner's
			// ("With my skills in critical care", "With my PostgreSQL DBA skills"); a name
			// ("With Python, SQL and Airflow") or a count ("With five years of Go") stands
			// as it is.
			v.lead = "With my " + what
		default:
			v.lead = "With " + what
		}
	case strings.HasPrefix(first, "bring ") && two:
		what := strings.TrimPrefix(first, "bring ")
		if strings.HasPrefix(what, "experience in ") {
			v.says = "I have worked in " + strings.TrimPrefix(what, "experience in ") + ", and I " + second
		} else if strings.Contains(what, "experience as ") || strings.Contains(what, "time as ") {
			v.says = "I bring " + what + ", and I " + second // not "I have my experience as …"
		} else {
			v.says = "I have " + what + ", and I " + second
		}
		v.noun = what
	case strings.HasPrefix(first, "can build on "):
		// "I can build on my background", not "Building on my background, I am confident …",
		// which a sixth blind set's reader took for a dangling modifier.
		v.says = "I can build on " + strings.TrimPrefix(first, "can build on ")
	default:
		v.says = "I " + fit
	}
	// "With a lot of pediatric nursing experience, I …" has no one in it (the ninth and tenth
	// readings): the amount is the owner's, "With my pediatric nursing experience".
	if rest, ok := strings.CutPrefix(v.lead, "With a lot of "); ok {
		v.lead = "With my " + rest
	}
	return v
}

// heldFirst is the fit said as what the owner holds or is, when the notes read a
// credential ("BS in biology") or a certification ("forklift certified") as experience
// with or in something: "I have a BS in biology and two years of lab work experience", "I
// am forklift certified, and I have three years of supervising experience". "" otherwise.
func heldFirst(what string) string {
	rest, ok := strings.CutPrefix(what, "experience with ")
	if !ok {
		rest, ok = strings.CutPrefix(what, "experience in ")
	}
	if !ok {
		return ""
	}
	first, more, and := strings.Cut(rest, " and ")
	ws := words(first)
	if len(ws) == 0 {
		return ""
	}
	if credentials[ws[0]] {
		return "I have " + articleFor(first) + " " + rest
	}
	if last := ws[len(ws)-1]; and && (last == "certified" || last == "licensed" || last == "qualified" || last == "registered") {
		return "I am " + first + ", and I have " + more
	}
	return ""
}

func yearsStart(s string) bool {
	n, rest, ok := strings.Cut(s, " ")
	if !ok {
		return false
	}
	unit, _, _ := strings.Cut(rest, " ")
	return (numberish(n) || n == "ten") && (unit == "years" || unit == "year" || unit == "months" || unit == "month")
}
