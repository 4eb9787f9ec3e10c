package mailer

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// heard is what the owner's earlier letters said, kept to tell a phrasing already used:
// each letter's choices are seeded apart, but a dozen letters drawn from one body of
// phrasings share sentences by chance ("It was very kind of you to make time for me" in two
// of twelve), and a reader who sees two of them — the members of a panel comparing notes,
// or anyone reading the owner's letters side by side — sees a template. A chooser takes the
// variant the fewest earlier letters say, in its seeded order when none or all do.
type heard struct {
	// runs are the letters' runs of runLen words, by how many letters say each.
	runs map[string]int
	// own are this letter's note words (the company, the role, the owner's points): a run
	// that holds one is the owner's matter, said again on purpose, not a stock phrase.
	own map[string]bool
}

// HeardLetters is how many of the owner's latest letters a new one is written apart from:
// more than a season's applications, few enough to read at every draft.
const HeardLetters = 30

// runLen is the length of the runs compared: four words are a phrase ("very kind of you",
// "plenty to consider"), three would catch "thank you for" in every letter.
const runLen = 4

// newHeard reads the earlier letters; own are the texts this letter's own words come from.
func newHeard(letters []string, own ...string) *heard {
	if len(letters) == 0 {
		return nil
	}
	h := &heard{runs: map[string]int{}, own: map[string]bool{}}
	for _, o := range own {
		for _, w := range heardWords(o) {
			if !functionWords[w] {
				h.own[w] = true
			}
		}
	}
	for _, l := range letters {
		seen := map[string]bool{}
		for _, r := range runsOf(heardWords(l)) {
			if !seen[r] {
				seen[r] = true
				h.runs[r]++
			}
		}
	}
	return h
}

// CommonLines are what people end letters with whoever writes them ("I look forward to
// hearing from you" ends one in three of the published model letters the readings used): an
// owner's letters may say them again, as a person's do. A chooser hears them a third as
// often as they were said.
//
// CommonLine finds them in a text, the longest first ("… from you soon" before "… from you").
var CommonLines = []string{"I look forward to hearing from you", "I look forward to hearing from you soon",
	"I hope to hear from you soon", "I look forward to hearing about the next steps", "Thank you again for your time",
	"Thank you again for your time and consideration", "Thank you for your consideration", "Thank you for considering me", "Thank you again", "Thanks again",
	"Thank you for your time and consideration", "Thank you for your time", "I would be happy to answer any other questions",
	"Thank you for the conversation", "Thank you very much for the interview",
	"Please let me know if you need anything else from me", "I am very interested in the role", "I am very interested in the position",
	"I remain very interested in the role", "I remain very interested in the position", "I would welcome the opportunity to join your team",
	"I would very much like to work with you", "I believe I would be a good fit for your team", "I am looking forward to hearing back", "I hope to hear back from you soon",
	"I am looking forward to hearing from you"}

var CommonLine = func() *regexp.Regexp {
	lines := append([]string(nil), CommonLines...)
	sort.Slice(lines, func(i, j int) bool { return len(lines[i]) > len(lines[j]) })
	for i, l := range lines {
		lines[i] = regexp.QuoteMeta(l)
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(lines, "|") + `)\b`)
}()

// common reports whether v is one of CommonLines.
func common(v string) bool {
	v = strings.TrimRight(strings.TrimSpace(v), ".")
	m := CommonLine.FindStringIndex(v)
	return m != nil && m[0] == 0 && m[1] == len(v)
}

// times is how many earlier letters say something of v: the most that share one of its
// runs not of the owner's matter.
func (h *heard) times(v string) int {
	if h == nil {
		return 0
	}
	if common(v) {
		return h.said(v) / 3
	}
	return h.said(v)
}

func (h *heard) said(v string) int {
	most := 0
	for _, r := range runsOf(heardWords(v)) {
		if h.runs[r] > most && !h.ownRun(r) {
			most = h.runs[r]
		}
	}
	return most
}

// timesAfter is times for v said after before, in one sentence: the runs that cross from
// one to the other count too ("… with me, and I would be" is two choices, and one run).
func (h *heard) timesAfter(before, v string) int {
	n := h.times(v)
	if h == nil || before == "" {
		return n
	}
	ws := heardWords(before)
	if len(ws) > 3 {
		ws = ws[len(ws)-3:]
	}
	for _, r := range runsOf(append(ws, heardWords(v)...)) {
		if h.runs[r] > n && !h.ownRun(r) {
			n = h.runs[r]
		}
	}
	return n
}

func (h *heard) ownRun(r string) bool {
	for _, w := range strings.Fields(r) {
		if h.own[w] {
			return true
		}
	}
	return false
}

// heardWords are the words of s, lower-cased, contractions written out (a writer who
// contracts says "I'm grateful" where another says "I am grateful": the same phrase).
func heardWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		f = strings.Trim(strings.ReplaceAll(f, "’", "'"), "'")
		if long, ok := expanded[f]; ok {
			out = append(out, strings.Fields(long)...)
		} else if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// expanded are the contractions contract writes, written out.
var expanded = map[string]string{"i'm": "i am", "i'd": "i would", "i'll": "i will", "i've": "i have", "didn't": "did not",
	"don't": "do not", "it's": "it is", "that's": "that is"}

func runsOf(ws []string) []string {
	var out []string
	for i := 0; i+runLen <= len(ws); i++ {
		out = append(out, strings.Join(ws[i:i+runLen], " "))
	}
	return out
}

// functionWords are words every letter has: a note's "the" or "with" does not make a run
// the owner's matter.
var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but of to in on at for with from by about as into over than that this
		these those it its is are was were be been being i me my mine we our us you your yours he him his she her they them
		their what which who how when where why all any some more most much many very so too also not no can could would
		should will shall may might must do does did have has had just well up out new one two`) {
		functionWords[w] = true
	}
}
