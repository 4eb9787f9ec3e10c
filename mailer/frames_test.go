package mailer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
)

// blindInterview is one of the twelve interviews of the blind readings (2026-12-07), with
// the notes jotted for it as a user would (below; the readers' key stays outside the repository): the letters followup wrote
// from them were all picked out, for one skeleton with slots.
type blindInterview struct {
	company, role, contact, email, medium string
	at                                    string // "15:04", New York, Monday 2026-12-07
	points, own, fit, acc                 string
}

var blindInterviews = []blindInterview{
	{"Harbor & Pine", "Marketing Manager", "Daniel Osei", "daniel.osei@harborpine.test", MediumOnSite, "09:00",
		"shift from paid acq to owned channels next yr; Q3 launch; retention goals", "", "lifecycle email + analytics, like testing new channels", "built lifecycle email program at Brightline, cut churn 18%"},
	{"ABC Company, Inc.", "Staff Assistant", "Mr. Jim Peterman", "jpeterman@abccompany.test", MediumOnSite, "10:00",
		"their latest mktg campaign", "", "degree + 2 yrs office admin", "helped run 3 campaigns like theirs at prev job"},
	{"International Company Corp", "Project Manager", "Mr. Ronald Smith", "rsmith@icc.test", MediumOnSite, "11:00",
		"GreenTech acquisition; budgeting/resource allocation; he's swamped w/ acct projections", "", "PM w/ renewable energy infra + urban revitalization projects", "PM of the yr award at current job"},
	{"St. Luke's Medical Center", "New Grad RN Residency", "Beth Moreno", "bmoreno@stlukes.test", MediumOnSite, "13:00",
		"residency program; everyone on panel v friendly", "", "new grad RN", ""},
	{"Texas Oil & Investments, Inc.", "project management position", "Mrs. Jackie Smith", "jsmith@texasoil.test", MediumOnSite, "09:30",
		"tour of ops; their staff retention (best in industry)", "", "strong org + mgmt skills", ""},
	{"Atlantic Engineering Systems", "Associate Engineer", "Dr. Foster Walker", "fwalker@aes.test", MediumOnSite, "10:30",
		"", "his research + design work", "BSME + hands-on design exp (capstone, co-op)", ""},
	{"Keystone Office Products", "Sales Manager", "Ms. Laura Fields", "lfields@keystone.test", MediumOnSite, "14:00",
		"", "", "5 yrs sales mgmt", ""},
	{"A1 Computing", "Software Intern", "Ms. Hana Park", "hpark@a1computing.test", MediumOnSite, "09:00",
		"the software they make", "", "CS junior, know Java + Python", ""},
	{"Fairview Southdale Hospital", "New Grad RN", "Karen Lund", "klund@fairview.test", MediumOnSite, "11:30",
		"new grad challenges in the role; their training + support for new RNs; cardiac unit", "", "new grad RN, cardiac clinical rotation", ""},
	{"Westbrook University", "Program Coordinator", "Ms. Dana Carter", "dcarter@westbrook.test", MediumOnSite, "13:30",
		"role needs someone w/ initiative; Student Activities dept", "", "student govt VP + RA 2 yrs", ""},
	{"Midwest Supply", "Territory Sales Manager", "Ms. Ellen Novak", "enovak@midwestsupply.test", MediumOnSite, "15:00",
		"mgmt style; sales team structure", "", "6 yrs managing a territory", ""},
	{"Northwind", "Data Analyst", "Mr. David Okafor", "dokafor@northwind.test", MediumVideo, "12:00",
		"team goals for next yr", "", "SQL + Tableau, 3 yrs", ""},
}

// testRenderer is the renderer with the built-in templates.
func testRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := NewRenderer("")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// newYork is the zone of the blind readings' interviews.
func newYork(t *testing.T) *time.Location {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return ny
}

// sentenceStarts are the first n words of each of frames.
func sentenceStarts(frames []string, n int) []string {
	var out []string
	for _, f := range frames {
		if ws := strings.Fields(f); len(ws) > n {
			f = strings.Join(ws[:n], " ")
		}
		out = append(out, f)
	}
	return out
}

// renderBlind renders the thank-you of interview b as the daemon drafts it two hours after
// the interview, and the text of its inputs.
func renderBlind(t *testing.T, r *Renderer, b blindInterview) (body, inputs string) {
	t.Helper()
	d := blindData(t, b)
	_, body, err := r.Render(policy.ThankYou, d)
	if err != nil {
		t.Fatal(err)
	}
	return body, blindInputs(b, d.Notes)
}

// blindData is what interview b's thank-you is drafted from, two hours after it.
func blindData(t *testing.T, b blindInterview) Data {
	t.Helper()
	ny := newYork(t)
	at, err := time.ParseInLocation("2006-01-02 15:04", "2026-12-07 "+b.at, ny)
	if err != nil {
		t.Fatal(err)
	}
	greeting, _ := Greeting(b.contact, "", FirstName)
	return Data{Owner: NewPerson("Alice Example", "alice@example.test"), Contact: NewPerson(b.contact, b.email), Greeting: greeting,
		Company: b.company, Role: b.role, Medium: b.medium, Start: at, End: at.Add(time.Hour), SendAt: at.Add(3 * time.Hour),
		Notes: ReadNotesFor(b.own, b.points, b.fit, b.acc, b.company)}
}

// draftInTurn drafts the thank-yous of interviews in as the daemon drafts an owner's
// letters: in turn, each hearing the ones before it (the latest HeardLetters of them). owner
// is the owner's address, which seeds every choice ("" for the tests' owner). It returns the
// bodies and the text of each one's inputs.
func draftInTurn(t *testing.T, r *Renderer, in []blindInterview, owner string) (bodies, inputs []string) {
	t.Helper()
	for _, b := range in {
		d := blindData(t, b)
		if owner != "" {
			d.Owner = NewPerson(d.Owner.Name, owner)
		}
		d.Heard = bodies[max(0, len(bodies)-HeardLetters):]
		_, body, err := r.Render(policy.ThankYou, d)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, body)
		inputs = append(inputs, blindInputs(b, d.Notes))
	}
	return bodies, inputs
}

// blindInputs is the text of interview b's inputs, notes n as read: the words frames masks.
func blindInputs(b blindInterview, n Notes) string {
	return strings.Join(append(append([]string{b.company, b.role, b.contact, b.points, b.own, b.fit, b.acc,
		unabbreviate(b.points + " " + b.own + " " + b.fit + " " + b.acc), n.Fit, n.Accomplishment, n.AccomplishmentNoun}, n.Points...), " "), " ")
}

// frameStop are the words a frame keeps even when the notes hold them: the grammar of the
// sentence, not what it is about.
var frameStop = map[string]bool{"the": true, "a": true, "an": true, "and": true, "of": true, "in": true, "to": true,
	"for": true, "with": true, "at": true, "on": true, "my": true, "your": true, "i": true, "you": true, "is": true,
	"as": true, "from": true, "about": true, "like": true, "it": true, "that": true, "me": true, "we": true, "am": true}

// candor is how a person thanks someone for being open about the hard parts of a job.
var candor = regexp.MustCompile(`candid|so open|frank`)

var expandContractions = strings.NewReplacer("I'm ", "I am ", "I'd ", "I would ", "I've ", "I have ", "I'll ", "I will ",
	"didn't", "did not", "don't", "do not", "wasn't", "was not", "isn't", "is not", "it's ", "it is ", "It's ", "It is ",
	"that's ", "that is ", "That's ", "That is ", "you're ", "you are ", "we're ", "we are ", "can't", "cannot", "won't", "will not")

var sentenceEnd = regexp.MustCompile(`[.!?](\s+|$)`)

// frames are the sentences of a letter's body (greeting and sign-off block left off) with
// every word that comes from the letter's inputs masked: what is left is the frame a
// reader sees recur from letter to letter.
func frames(body, inputs string) []string {
	in := map[string]bool{}
	for _, w := range words(inputs) {
		if !frameStop[w] {
			in[w] = true
		}
	}
	parts := strings.Split(strings.TrimSpace(body), "\n\n")
	if len(parts) > 2 {
		parts = parts[1 : len(parts)-1]
	}
	var out []string
	// "I'd" is "I would" to a reader looking for a sentence they read before.
	text := expandContractions.Replace(strings.Join(parts, " "))
	// The lines every writer uses (CommonLines) are no frame of followup's: they are taken
	// out of the sentence that holds them, and a sentence that is one of them is no frame.
	text = CommonLine.ReplaceAllString(text, "COMMON")
	for _, s := range sentenceEnd.Split(text, -1) {
		if strings.TrimSpace(strings.TrimRight(s, ".!? ")) == "COMMON" {
			continue
		}
		var f []string
		ws := words(s)
		for i, w := range ws {
			// The day and the word for the job are one frame whichever the letter says.
			switch {
			case w == "this" && i+1 < len(ws) && (ws[i+1] == "morning" || ws[i+1] == "afternoon"):
				continue
			case w == "today" || w == "morning" || w == "afternoon":
				w = "DAY"
			case w == "role" || w == "position":
				w = "RW"
			case in[w] || w == "common":
				w = "_"
			}
			if w == "_" && len(f) > 0 && f[len(f)-1] == "_" {
				continue
			}
			f = append(f, w)
		}
		if fr := strings.Join(f, " "); len(f) > 0 && strings.Trim(strings.ReplaceAll(fr, "and", ""), "_ ") != "" {
			// A sentence of common lines only ("Thank you for your time and consideration,
			// and I look forward to hearing from you") is no frame either.
			out = append(out, fr)
		}
	}
	return out
}

// frameCounts counts the letters each frame is used in.
func frameCounts(letters [][]string) map[string]int {
	count := map[string]int{}
	for _, fs := range letters {
		seen := map[string]bool{}
		for _, f := range fs {
			if !seen[f] {
				seen[f] = true
				count[f]++
			}
		}
	}
	return count
}

func overused(count map[string]int, max int) []string {
	var out []string
	for f, n := range count {
		if n > max {
			out = append(out, fmt.Sprintf("%d× %q", n, f))
		}
	}
	sort.Strings(out)
	return out
}

// TestThankYou_FramesVary: twelve letters written by twelve people share no sentence but the
// most ordinary; the blind reading picked out followup's by the same frames recurring ("…
// was a highlight of the conversation for me", "so I feel well prepared for what the work
// involves", "As for my background, I bring …"), and the third reading by stock sentences
// recurring word for word. Over the blind set no frame is used in more than two letters, and
// over the golden shapes' thank-yous in no more than one in six.
func TestThankYou_FramesVary(t *testing.T) {
	r := testRenderer(t)
	var blind [][]string
	for _, b := range blindInterviews {
		body, inputs := renderBlind(t, r, b)
		blind = append(blind, frames(body, inputs))
	}
	// Two letters of twelve sharing a frame is a birthday problem, not a fault of these twelve:
	// TestThankYou_FramesVaryReseeded measures how often twelve letters share none.
	if bad := overused(frameCounts(blind), 2); len(bad) > 0 {
		t.Errorf("frames used in more than two of the 12 blind letters:\n%s", strings.Join(bad, "\n"))
	}
	// A reader sees a sentence begin alike before it ends differently ("It was a pleasure to
	// meet with you this morning and to learn more about …" with or without the company).
	// Three of twelve letters drafted blind beginning alike is, like two sharing a frame, a
	// birthday problem over some thirty openings (about one set in five): measured over a
	// hundred owners, each of whose addresses seeds every choice, not on one.
	alike := 0
	for owner := 0; owner < 100; owner++ {
		var starts [][]string
		for _, b := range blindInterviews {
			d := blindData(t, b)
			d.Owner = NewPerson(d.Owner.Name, fmt.Sprintf("owner%d@example.test", owner))
			_, body, err := r.Render(policy.ThankYou, d)
			if err != nil {
				t.Fatal(err)
			}
			starts = append(starts, sentenceStarts(frames(body, blindInputs(b, d.Notes)), 7))
		}
		if len(overused(frameCounts(starts), 2)) > 0 {
			alike++
		}
	}
	t.Logf("%d of 100 reseeded blind sets have a sentence beginning alike (seven words) in three letters", alike)
	if alike > 30 {
		t.Errorf("%d of 100 reseeded blind sets have a sentence beginning alike in three letters, want at most 30", alike)
	}
	var golden [][]string
	for _, in := range letterShapes {
		for i, name := range in.contacts {
			contact := NewPerson(name, fmt.Sprintf("person%d@acme.test", i))
			greeting, _ := Greeting(contact.Name, "", FirstName)
			end := in.start.Add(time.Hour)
			d := Data{Owner: NewPerson("Alice Example", "alice@owner.test"), Contact: contact, Greeting: greeting,
				Company: in.company, Role: in.role, KeyPoints: KeyPoints(in.points), Fit: in.fit, Accomplishment: in.acc,
				Start: in.start, End: end, SendAt: end.Add(2*time.Hour + in.recordedLateBy), Medium: in.medium, Index: i}
			if own := in.own[i]; own != "" {
				d.Notes = ReadNotesFor(own, in.points, in.fit, in.acc, in.company)
			}
			_, body, err := r.Render(policy.ThankYou, d)
			if err != nil {
				t.Fatal(err)
			}
			golden = append(golden, frames(body, strings.Join([]string{in.company, in.role, name, in.points, in.own[i], in.fit, in.acc,
				unabbreviate(in.points + " " + in.fit + " " + in.acc)}, " ")))
		}
	}
	if bad := overused(frameCounts(golden), max(2, len(golden)/6)); len(bad) > 0 {
		t.Errorf("frames used in more than one in six of the %d golden thank-yous:\n%s", len(golden), strings.Join(bad, "\n"))
	}
}

// TestThankYou_BlindTells: what gave the blind set's letters away is gone: stock phrases, a
// fit pasted as a bare sentence, three topics in one list, a topic after a verb that does
// not fit it, "Thank you for your time" twice, and an offer of work samples to a nurse.
func TestThankYou_BlindTells(t *testing.T) {
	r := testRenderer(t)
	stock := []string{"was a highlight of the conversation for me", "so I feel well prepared for what the work involves",
		"As for my background", "made me even more interested", "I bring my degree", "I really enjoyed hearing about your staff retention",
		"enjoyed hearing about your staff", "A recent result I am proud of is", "and budgeting and", "I would be happy to send references or anything else that would help"}
	for _, b := range blindInterviews {
		body, _ := renderBlind(t, r, b)
		n := ReadNotesFor(b.own, b.points, b.fit, b.acc, b.company)
		for _, s := range stock {
			if strings.Contains(body, s) {
				t.Errorf("%s: stock %q:\n%s", b.company, s, body)
			}
		}
		if v := voiceOf(n.Fit).says; n.Fit != "" && (strings.Contains(body, upperFirst("I "+n.Fit)+".") || v != "" && !strings.Contains(v, ", and I ") && strings.Contains(body, v+".")) {
			t.Errorf("%s: the fit pasted as a bare sentence (“I %s.”):\n%s", b.company, n.Fit, body)
		}
		for _, s := range sentenceEnd.Split(body, -1) {
			k := 0
			for _, p := range n.Points {
				if strings.Contains(s, strings.TrimPrefix(strings.TrimPrefix(p, "the "), "your ")) {
					k++
				}
			}
			if k > 2 {
				t.Errorf("%s: %d topics in one sentence: %q", b.company, k, s)
			}
		}
		if strings.Contains(b.points, "staff retention") && !strings.Contains(body, "people stay") {
			t.Errorf("%s: staff retention named, not reacted to:\n%s", b.company, body)
		}
		if c := strings.Count(body, "Many thanks"); c > 1 {
			t.Errorf("%s: “Many thanks” twice (the opening and the sign-off):\n%s", b.company, body)
		}
		if c := strings.Count(body, "for your time"); c > 1 {
			t.Errorf("%s: thanks for their time %d times:\n%s", b.company, c, body)
		}
		if strings.Contains(b.role, "RN") && (strings.Contains(body, "samples of my work") || strings.Contains(body, "examples of my work")) {
			t.Errorf("%s: work samples offered to a nurse recruiter:\n%s", b.company, body)
		}
	}
	t.Run("a topic is placed with a verb that fits it", func(t *testing.T) {
		for _, c := range []struct{ topic, want, not string }{
			{"their staff retention", "", "enjoyed hearing about"},
			{"new grad challenges in the role", "the challenges new grads face in the role", ""},
			{"new grad challenges in the role", "", "enjoyed hearing about the challenges"},
			{"their training + support for new RNs", "", "enjoyed our conversation about your training"},
		} {
			d := Data{Owner: NewPerson("Alice Example", "alice@example.test"), Contact: NewPerson("Karen Lund", "k@x.test"),
				Company: "Fairview", Role: "RN", Notes: ReadNotes(c.topic, "new grad RN", "", "Fairview")}
			for i := 0; i < 6; i++ {
				d.Index = i
				_, body, err := r.Render(policy.ThankYou, d)
				if err != nil {
					t.Fatal(err)
				}
				if c.want != "" && !strings.Contains(body, c.want) || c.not != "" && strings.Contains(body, c.not) ||
					strings.Contains(c.topic, "challenges") && !candor.MatchString(body) {
					t.Errorf("%q (reader %d): want %q, not %q:\n%s", c.topic, i, c.want, c.not, body)
				}
			}
		}
	})
	t.Run("offers fit the kind of role", func(t *testing.T) {
		for _, c := range []struct {
			role    string
			samples bool
		}{{"ICU Nurse", false}, {"New Grad RN", false}, {"Staff Assistant", false}, {"Product Designer", true}, {"Copywriter", true}} {
			for i := 0; i < 12; i++ {
				d := Data{Owner: NewPerson("Alice Example", "alice@example.test"), Contact: NewPerson("Jane Doe", "j@x.test"),
					Company: fmt.Sprintf("Company %d", i), Role: c.role, Notes: ReadNotes("", "", "", "x")}
				_, body, err := r.Render(policy.ThankYou, d)
				if err != nil {
					t.Fatal(err)
				}
				if !c.samples && (strings.Contains(body, "samples of my work") || strings.Contains(body, "examples of my work") || strings.Contains(body, "portfolio")) {
					t.Errorf("%s: work samples offered:\n%s", c.role, body)
				}
			}
		}
	})
}

// sharedPhrases are the runs of n words (of the frames: the notes' words masked, the day
// and the word for the job as one) that more than one of the letters say, with the letters
// that say each.
func sharedPhrases(letters [][]string, n int) map[string]int {
	count := map[string]int{}
	for _, fs := range letters {
		seen := map[string]bool{}
		for _, f := range fs {
			ws := strings.Fields(f)
			for i := 0; i+n <= len(ws); i++ {
				r := strings.Join(ws[i:i+n], " ")
				if !strings.Contains(r, "_") && !seen[r] {
					seen[r] = true
					count[r]++
				}
			}
		}
	}
	for r, k := range count {
		if k < 2 {
			delete(count, r)
		}
	}
	return count
}

// TestThankYou_OwnersLettersApart: the eighth reading's first tell was the same phrase in
// letters meant for different people ("It was very kind of you to make time for me" in two,
// "I left with plenty to consider" in two, "I found our interview very useful" in two):
// chosen apart by seed, a dozen letters drawn from one body of phrasings share some by
// chance. Drafted in turn, as the daemon drafts them, each hearing the owner's letters
// before it (Data.Heard), the blind twelve share no run of six words but the day's
// thanks, and fewer runs of four than drafted blind.
func TestThankYou_OwnersLettersApart(t *testing.T) {
	r := testRenderer(t)
	draft := func(heard bool) (shared6, shared4 map[string]int) {
		var letters [][]string
		var bodies []string
		for _, b := range blindInterviews {
			d := blindData(t, b)
			if heard {
				d.Heard = bodies
			}
			_, body, err := r.Render(policy.ThankYou, d)
			if err != nil {
				t.Fatal(err)
			}
			bodies = append(bodies, body)
			letters = append(letters, frames(body, blindInputs(b, d.Notes)))
		}
		return sharedPhrases(letters, 6), sharedPhrases(letters, 4)
	}
	blind6, blind4 := draft(false)
	six, four := draft(true)
	t.Logf("runs shared by two or more of the 12: drafted blind %d of six words, %d of four; drafted in turn %d and %d",
		len(blind6), len(blind4), len(six), len(four))
	if len(six) > 0 {
		var s []string
		for r, k := range six {
			s = append(s, fmt.Sprintf("%d× %q", k, r))
		}
		sort.Strings(s)
		t.Errorf("drafted in turn, the owner's letters share runs of six words:\n%s", strings.Join(s, "\n"))
	}
	if len(four) >= len(blind4) {
		t.Errorf("drafted in turn, %d runs of four words shared, drafted blind %d: hearing the earlier letters changes nothing", len(four), len(blind4))
	}
}

// TestLetters_OwnersSignOff: a person signs their letters one way (the eleventh reading: "the
// warm sign-offs rotate — Best wishes, Warm regards, Many thanks, With thanks, Kind regards —
// while the real samples mostly use Sincerely, or nothing"): the blind twelve drafted in turn
// for one owner, thank-yous and check-ins, end with one sign-off, and owners differ.
func TestLetters_OwnersSignOff(t *testing.T) {
	r := testRenderer(t)
	habits := map[string]bool{}
	for owner := 0; owner < 12; owner++ {
		addr := fmt.Sprintf("owner%d@example.test", owner)
		bodies, _ := draftInTurn(t, r, blindInterviews, addr)
		d := blindData(t, blindInterviews[0])
		d.Owner, d.Seq, d.Thanked = NewPerson(d.Owner.Name, addr), 1, true
		d.SendAt = d.SendAt.AddDate(0, 0, 9)
		_, checkIn, err := r.Render(policy.CheckIn, d)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, b := range append(bodies, checkIn) {
			lines := strings.Split(strings.TrimSpace(b), "\n")
			seen[lines[len(lines)-2]] = true // the sign-off, above the owner's name
		}
		if len(seen) != 1 {
			t.Errorf("owner %s signs %d ways: %v", addr, len(seen), seen)
		}
		for s := range seen {
			habits[s] = true
		}
	}
	if len(habits) < 2 {
		t.Errorf("12 owners all sign %v", habits)
	}
}
