package mailer

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
)

// wideField is one line of work as owners jot notes about it: roles, what was talked
// about, fits and results of the kinds they write.
type wideField struct {
	roles, points, fits, accs []string
}

// wideFields are ten lines of work, none of them the blind set's interviews: the wide set
// checks that letters vary because the phrasings are many, not because a choice suits twelve.
var wideFields = []wideField{
	{[]string{"Backend Engineer", "Site Reliability Engineer", "Platform Engineer", "Senior Go Developer"},
		[]string{"the Postgres migration; their on-call rotation", "how they handle incidents", "the queue redesign", "team goals for next yr; code review culture", ""},
		[]string{"5 yrs building Go services", "know Kubernetes + Terraform", "", "led a team of 4 backend engineers"},
		[]string{"cut p99 latency of billing API by 40%", "", "migrated 30 services to k8s", ""}},
	{[]string{"ICU Nurse", "Charge Nurse", "Pediatric RN"},
		[]string{"their nurse-to-pt ratios; the night shift schedule", "preceptorship for new hires", "the pediatric unit", ""},
		[]string{"RN 4 yrs, 2 yrs ICU", "new grad RN, peds clinical rotation", "BSN + 3 yrs med-surg"},
		[]string{"", "led team of 6 through EHR rollout", ""}},
	{[]string{"Account Executive", "Regional Sales Manager", "Business Development Rep"},
		[]string{"the spring campaign; client mix", "territory plans for 2027", "how the sales team is structured", ""},
		[]string{"5 yrs as account mgr at Dell", "6 yrs managing a territory", "", "B2B SaaS sales 3 yrs"},
		[]string{"grew territory 2k->10k accounts", "", "hit 130% of quota last yr", ""}},
	{[]string{"3rd Grade Teacher", "Middle School Science Teacher", "Reading Specialist"},
		[]string{"reading intervention program", "the new science curriculum; class sizes", "how they support new teachers", ""},
		[]string{"former 3rd grade teacher", "5 yrs teaching middle school", "M.Ed. in literacy"},
		[]string{"raised reading scores 15% last yr", "", "started an after-school robotics club", ""}},
	{[]string{"Product Designer", "UX Researcher", "Visual Designer"},
		[]string{"the design system; user research", "the mobile app redesign", "their design critique process", ""},
		[]string{"my work on design systems", "4 yrs in UX research", "", "background in illustration + web design"},
		[]string{"", "redesigned onboarding flow, signups up 25%", ""}},
	{[]string{"Financial Analyst", "Staff Accountant", "Controller"},
		[]string{"month-end close process; the ERP migration", "budgeting for next yr", "the audit schedule", ""},
		[]string{"CPA, 6 yrs in public accounting", "3 yrs FP&A at a retailer", ""},
		[]string{"cut close from 10 days to 5", "", "built the forecasting model our CFO uses", ""}},
	{[]string{"Marketing Coordinator", "Content Writer", "Social Media Manager"},
		[]string{"the brand refresh; their newsletter", "the product launch in March", "content calendar + approvals", ""},
		[]string{"2 yrs in content marketing", "journalism degree, write fast", "", "ran social for a nonprofit"},
		[]string{"grew newsletter to 40k subscribers", "", "", "doubled engagement on Instagram"}},
	{[]string{"Operations Manager", "Warehouse Supervisor", "Logistics Coordinator"},
		[]string{"the new warehouse; safety record", "their shift schedule; staff retention", "the expansion into Ohio", ""},
		[]string{"8 yrs in logistics", "forklift certified, 3 yrs supervising", ""},
		[]string{"cut picking errors by 30%", "", "opened a second distribution center", ""}},
	{[]string{"Research Assistant", "Lab Technician", "Data Scientist"},
		[]string{"her lab's research on sleep", "the grant timeline", "how they evaluate models", ""},
		[]string{"BS in biology, 2 yrs lab work", "PhD in statistics", "", "know R + Python"},
		[]string{"", "co-authored a paper on gut bacteria", ""}},
	{[]string{"Office Manager", "Executive Assistant", "Program Coordinator"},
		[]string{"the office move; their scheduling tools", "role needs someone organized", "the volunteer program", ""},
		[]string{"5 yrs as EA to a CEO", "degree + 2 yrs office admin", ""},
		[]string{"", "planned a 300-person conference", ""}},
}

var wideCompanies = []string{"Bluebird Labs", "Cedar Health", "Granite Mutual", "Oakline", "Parkview Hospital", "Redfern Schools",
	"Silverline Freight", "Tidewater Bank", "Umber Studio", "Vantage Retail", "Willow Creek Clinic", "Yellowstone Energy",
	"Zephyr Software", "Alder & Co.", "Beacon Press", "Copperleaf", "Driftwood Logistics", "Evergreen Academy", "Foxglove Design",
	"Gullwing Analytics", "Hollis Group", "Ironbridge", "Juniper Care", "Kestrel Systems", "Lakeside Unified", "Marigold Foods",
	"Northgate Partners", "Orchard Labs", "Pinecrest Medical", "Quarry Works", "Riverbend College", "Sable Finance",
	"Thistle Media", "Upland Outfitters", "Verity Research", "Waypoint Travel", "Xenon Robotics", "Yarrow Insurance",
	"Zinnia Health", "Ashford Manufacturing"}

var wideContacts = []string{"Jane Doe", "Dr. Raj Patel", "Ms. Laura Kim", "Tom Becker", "Mr. Luis Ortega", "Priya Nair",
	"Ms. Grace Hall", "Dr. Omar Haddad", "Ben Carter", "Mrs. Ruth Adler"}

// wideInterview is the i-th of the wide set: company, role, notes and time all vary.
func wideInterview(i int) blindInterview {
	f := wideFields[i%len(wideFields)]
	k := i / len(wideFields)
	media := []string{MediumOnSite, MediumVideo, MediumCall, MediumOnSite}
	contact := wideContacts[(i*3)%len(wideContacts)]
	return blindInterview{company: wideCompanies[i], role: f.roles[k%len(f.roles)], contact: contact,
		email: fmt.Sprintf("person%d@wide.test", i), medium: media[(i+k)%len(media)],
		at:     fmt.Sprintf("%02d:%02d", 9+(i*5)%8, []int{0, 15, 30, 45}[i%4]),
		points: f.points[(k+i)%len(f.points)], fit: f.fits[(2*k+i)%len(f.fits)], acc: f.accs[(k+3*i)%len(f.accs)]}
}

func wideInterviews() []blindInterview {
	out := make([]blindInterview, len(wideCompanies))
	for i := range out {
		out[i] = wideInterview(i)
	}
	return out
}

// TestThankYou_FramesVaryWide: over forty applications of ten lines of work, no sentence
// frame is used in more than one letter in ten. The blind set's bound could be met by
// choices that happen to suit twelve letters; this one only by many ways of saying each part.
func TestThankYou_FramesVaryWide(t *testing.T) {
	r := testRenderer(t)
	var letters [][]string
	for _, b := range wideInterviews() {
		body, inputs := renderBlind(t, r, b)
		letters = append(letters, frames(body, inputs))
	}
	limit := len(letters) / 10
	if bad := overused(frameCounts(letters), limit); len(bad) > 0 {
		t.Errorf("frames used in more than %d of the %d wide-set letters:\n%s", limit, len(letters), strings.Join(bad, "\n"))
	}
}

// cadence is what a reader hears in a letter's body: the length in words of each sentence,
// by paragraph (the greeting and the sign-off left off).
func cadence(body string) [][]int {
	parts := strings.Split(strings.TrimSpace(body), "\n\n")
	if len(parts) > 2 {
		parts = parts[1 : len(parts)-1]
	}
	var out [][]int
	for _, p := range parts {
		var ls []int
		for _, s := range sentenceEnd.Split(p, -1) {
			if n := len(strings.Fields(s)); n > 0 {
				ls = append(ls, n)
			}
		}
		out = append(out, ls)
	}
	return out
}

// lengthVariation is the coefficient of variation of the lengths: 0 when every sentence is as
// long as the others.
func lengthVariation(ls []int) float64 {
	if len(ls) < 2 {
		return 0
	}
	var sum float64
	for _, l := range ls {
		sum += float64(l)
	}
	mean := sum / float64(len(ls))
	var sq float64
	for _, l := range ls {
		sq += (float64(l) - mean) * (float64(l) - mean)
	}
	return math.Sqrt(sq/float64(len(ls))) / mean
}

// cadenceFaults are what makes a letter read assembled: sentences all of one length (a
// coefficient of variation under 0.3), a paragraph of one short sentence (under 15 words)
// that is not the close, more than one one-sentence paragraph besides the close, and three
// sentences in a row within two words of each other's length.
func cadenceFaults(body string) []string {
	ps := cadence(body)
	var all []int
	var faults []string
	single := 0
	for i, p := range ps {
		all = append(all, p...)
		if len(p) == 1 && i < len(ps)-1 {
			single++
			if p[0] < 15 {
				faults = append(faults, fmt.Sprintf("paragraph %d is one short sentence (%d words)", i+1, p[0]))
			}
		}
	}
	if single > 1 {
		faults = append(faults, fmt.Sprintf("%d one-sentence paragraphs besides the close", single))
	}
	if v := lengthVariation(all); v < 0.3 {
		faults = append(faults, fmt.Sprintf("sentence lengths %v vary by %.2f (want at least 0.30)", all, v))
	}
	for i := 2; i < len(all); i++ {
		lo, hi := min(all[i-2], all[i-1], all[i]), max(all[i-2], all[i-1], all[i])
		if hi-lo <= 2 {
			faults = append(faults, fmt.Sprintf("sentences %d–%d of one length (%v)", i-1, i+1, all[i-2:i+1]))
			break
		}
	}
	return faults
}

// TestThankYou_Cadence: a letter people write has long sentences that join two thoughts and
// short ones, in paragraphs of more than one sentence; the blind reading heard followup's as
// "short, flat sentences of similar length; one-sentence paragraphs". Checked on the blind
// set and on the wide set.
func TestThankYou_Cadence(t *testing.T) {
	r := testRenderer(t)
	for _, set := range []struct {
		name string
		in   []blindInterview
	}{{"blind", blindInterviews}, {"wide", wideInterviews()}} {
		bad := 0
		for _, b := range set.in {
			body, _ := renderBlind(t, r, b)
			if f := cadenceFaults(body); len(f) > 0 {
				bad++
				t.Errorf("%s set, %s: %s:\n%s", set.name, b.company, strings.Join(f, "; "), body)
			}
		}
		t.Logf("%s set: %d of %d letters with a fault of cadence", set.name, bad, len(set.in))
	}
}

var digits = regexp.MustCompile(`[0-9]+`)

// TestThankYou_WideReads: the wide set's letters hold nothing broken and claim nothing the
// notes do not give: no number that is not in the notes, no "a big part of why … appeals"
// template, no bare résumé line.
func TestThankYou_WideReads(t *testing.T) {
	r := testRenderer(t)
	for _, b := range append(wideInterviews(), blindInterviews...) {
		body, _ := renderBlind(t, r, b)
		for _, bad := range append(brokenSigns, "a big part of why", "who knows ", "  ", "..", " ,", "I I ", "about We ") {
			// "about We" of the list is the pronoun: "about Westbrook University" is not.
			if bad != "about We" && strings.Contains(body, bad) {
				t.Errorf("%s: %q in:\n%s", b.company, bad, body)
			}
		}
		if n := len(strings.Fields(body)); n > 170 {
			t.Errorf("%s: %d words", b.company, n)
		}
		notes := unabbreviate(b.points + " " + b.own + " " + b.fit + " " + b.acc)
		for _, n := range digits.FindAllString(body, -1) {
			if !strings.Contains(notes, n) && !strings.Contains(b.company+b.role+b.points+b.own+b.fit+b.acc, n) {
				t.Errorf("%s: %s is in no note:\n%s", b.company, n, body)
			}
		}
	}
}

// clauses are the runs of seven words in a letter's sentence frames that are all the
// letter's own (no word of the notes, the day or the role in them): "I have a much better
// sense now of" recurs to a reader even inside sentences that begin differently.
func clauses(body, inputs string) []string {
	var out []string
	for _, f := range frames(body, inputs) {
		ws := strings.Fields(f)
		for i := 0; i+7 <= len(ws); i++ {
			run := ws[i : i+7]
			own := true
			for _, w := range run {
				if w == "_" || w == "DAY" || w == "RW" {
					own = false
				}
			}
			if own {
				out = append(out, strings.Join(run, " "))
			}
		}
	}
	return out
}

// TestThankYou_ClausesVary: a clause of seven words of the letter's own recurs in no more than
// two of the blind set's twelve letters and in no more than one in ten of the wide set's
// (the third blind reading quoted whole clauses back: "I came away with a clearer idea of
// what the role involves from day to day").
func TestThankYou_ClausesVary(t *testing.T) {
	r := testRenderer(t)
	for _, set := range []struct {
		name  string
		in    []blindInterview
		limit int
	}{{"blind", blindInterviews, 2}, {"wide", wideInterviews(), len(wideCompanies) / 10}} {
		var letters [][]string
		bodies, inputs := draftInTurn(t, r, set.in, "")
		for i := range bodies {
			letters = append(letters, clauses(bodies[i], inputs[i]))
		}
		if bad := overused(frameCounts(letters), set.limit); len(bad) > 0 {
			t.Errorf("clauses in more than %d of the %d %s-set letters:\n%s", set.limit, len(letters), set.name, strings.Join(bad, "\n"))
		}
	}
}

// TestThankYou_FramesVaryReseeded measures how much the blind set's bound owes to its seeds:
// the same twelve interviews drafted in turn for a hundred other owners (each owner's
// address seeds every choice) and the share of those sets in which no frame is used in two
// letters. The
// bound of one letter in twelve is a birthday problem over the phrasings: this share is
// what a larger body of phrasings raises. Logged, and held above a floor so that it cannot
// fall back unnoticed.
func TestThankYou_FramesVaryReseeded(t *testing.T) {
	r := testRenderer(t)
	clean := 0
	for owner := 0; owner < 100; owner++ {
		var set [][]string
		bodies, inputs := draftInTurn(t, r, blindInterviews, fmt.Sprintf("owner%d@example.test", owner))
		for i := range bodies {
			set = append(set, frames(bodies[i], inputs[i]))
		}
		if len(overused(frameCounts(set), 1)) == 0 {
			clean++
		}
	}
	// Drafted blind (each letter alone), 36 of 100 held no frame twice before the weaker
	// phrasings were taken out, 28 after; drafted in turn, as the daemon drafts them, each
	// hearing the owner's letters before it (Data.Heard), 97; with the common lines said
	// as people say them (CommonLines, the fifth session), 95.
	t.Logf("%d of 100 reseeded blind sets have no frame in two letters", clean)
	if clean < 90 {
		t.Errorf("%d of 100 reseeded blind sets have no frame in two letters, want at least 90", clean)
	}
}

// thinNotes reports whether the notes of b give only a fit, or one topic, and no result: the
// letters the fifth and sixth readings found "say little beyond the facts given". (Without
// any notes a letter stays short: TestThankYou_Shapes.)
func thinNotes(b blindInterview) bool {
	n := ReadNotesFor(b.own, b.points, b.fit, b.acc, b.company)
	return n.Accomplishment == "" && n.AccomplishmentNoun == "" && len(n.Remarks) == 0 && len(n.Points) <= 1 &&
		(n.Fit != "" || len(n.Points) == 1)
}

// bodyWords is the number of words of a letter's body, the greeting and the sign-off block
// left off.
func bodyWords(body string) int {
	parts := strings.Split(strings.TrimSpace(body), "\n\n")
	if len(parts) > 2 {
		parts = parts[1 : len(parts)-1]
	}
	return len(strings.Fields(strings.Join(parts, " ")))
}

// credentialSentence is the first sentence of a letter's body that says the owner's fit:
// the first holding a word of the fit that is not in the role, the company or the points.
func credentialSentence(body string, b blindInterview) string {
	other := map[string]bool{}
	for _, w := range words(unabbreviate(b.company + " " + b.role + " " + b.points + " " + b.own + " " + b.acc)) {
		other[w] = true
	}
	var fit []string
	for _, w := range words(unabbreviate(b.fit)) {
		if len(w) > 2 && !frameStop[w] && !other[w] {
			fit = append(fit, w)
		}
	}
	if len(fit) == 0 {
		return ""
	}
	parts := strings.Split(strings.TrimSpace(body), "\n\n")
	if len(parts) > 2 {
		parts = parts[1 : len(parts)-1]
	}
	for _, s := range sentenceEnd.Split(strings.Join(parts, " "), -1) {
		ws := map[string]bool{}
		for _, w := range words(s) {
			ws[w] = true
		}
		for _, w := range fit {
			if ws[w] {
				return s
			}
		}
	}
	return ""
}

// TestThankYou_HouseStyle: the fifth and sixth readings picked out every letter by one house
// style: "a short skeleton (thanks, one detail, one credential, a stock close)". The
// credential is said in many shapes, not mostly "With N years of X, I …" or "After …" (at
// most one letter in five that says it begins so); no shape (the sentences of each
// paragraph, the credential's place marked) recurs in more than one letter in twelve of the
// blind and wide sets together; a letter from thin notes (a fit, or one topic) is a whole
// letter, not three sentences.
func TestThankYou_HouseStyle(t *testing.T) {
	r := testRenderer(t)
	all := append(append([]blindInterview(nil), blindInterviews...), wideInterviews()...)
	// The lines the readings quoted back from letters to unrelated employers.
	quoted := regexp.MustCompile(`has stayed with me|since we spoke|grateful for the time you took|I will wait to hear from you|I am keen to be considered|just ask|` +
		// The seventh reading's.
		`surer than ever|at your disposal|without a long run-up|owe you my thanks|count for something|Hearing from you would be very welcome|the listing left out|` +
		// The eighth reading's: off in idiom, or pointing at the conversation and naming none of it.
		`with real pleasure|do tell me if|I still think about it|Whichever way it goes|were a great help|put so plainly|not have wanted to miss|` +
		`worth my while|much more real to me|plenty to consider|for me to think over|stuck with me|settled several questions|` +
		`still turning over much|It may also help to know|work I would do well|needs more detail|delighted to hear from you|^A lot of|` +
		// The ninth's: praise of the conversation in the abstract, closes a little off.
		`explained by you directly|helped me understand the job better|first-hand account|fuller idea of the day-to-day|` +
		`look out for your news|keep an eye out for your reply|pleased to hear back|easy to reach here if anything|` +
		`I will make time for it|would rather know about|grateful to have been considered|thinking of me for this|` +
		// ... and the lines padding a letter from thin notes, all of one family (the ninth
		// reading: "five of the six generated letters have a 'now I understand the job
		// better' line", a "my interest has grown" line, a "thanks for taking my questions" line).
		`better sense of what the job|makes much more sense to me|feel for the job|real sense of the job|only deepened|` +
		`too, for answering my questions|ask you my questions|put my questions to you|how I would fit in|do my best work|` +
		// The tenth's: closes passive and rotated, idioms a little off, gratitude garbled,
		// the employer's day given back as a deadline, the thanks drifting to the end.
		`Any news, when you have it|Any word on the next stage|If there is a next round|stand me in good stead|all the more taken with|` +
		`and I am grateful for that|full effort from the start|It was kind of you to make the time|hope to hear from you by|With a lot of|` +
		// The eleventh's: turns slightly beside normal English.
		`make a quick start|I very much want to join you|at home in the job from the outset|bring my work to your team|` +
		`count myself lucky|doing this work with you|mattered to me|keen to take this further|still on my mind|still turning over|what I keep coming back to|only made me surer|, and I valued that, and|` +
		// The fourteenth's: thanks joined to a second idea ("Thank you for meeting with me today,
		// and I understand … much better now"), the interest before the thanks ("confirmed my
		// interest …; thank you very much for seeing me").
		`, and I now have a much better sense|, and I understand .* much better now|, and I came away with a clearer view|; thank you very much for|` +
		// The fifteenth's: a hedge where people commit, a "since" that does not follow.
		`I think I could help with|^Since I |I think I would (work well|fit in|do the job)|coursework, so |I was especially glad to hear about your residency`)
	// The owner's interest said once or twice, not piled up ("my interest has only deepened …
	// What I heard made me want the job even more").
	intensifier := regexp.MustCompile(`only deepened|only strengthened|only grown|even more|all the more|more than ever`)
	with, said := 0, 0
	shapes := map[string][]string{}
	// Drafted in turn, as the daemon drafts an owner's letters (the ninth draft set showed
	// the seeing-oneself-in-the-job line twice in a letter drafted so).
	bodies, _ := draftInTurn(t, r, all, "")
	for k, b := range all {
		body := bodies[k]
		if m := quoted.FindString(expandContractions.Replace(body)); m != "" {
			t.Errorf("%s: %q, quoted by the readings:\n%s", b.company, m, body)
		}
		if n := len(intensifier.FindAllString(body, -1)); n > 1 {
			t.Errorf("%s: the interest said %d times over:\n%s", b.company, n, body)
		}
		n := 0
		for _, s := range sentenceEnd.Split(strings.ToLower(body), -1) {
			if pictured.MatchString(s) {
				n++
			}
		}
		if n > 1 {
			t.Errorf("%s: the owner sees themselves in the job %d times over:\n%s", b.company, n, body)
		}
		if s := credentialSentence(body, b); s != "" {
			said++
			if strings.HasPrefix(s, "With ") || strings.HasPrefix(s, "After ") {
				with++
			}
		}
		// Shapes as drafted alone: the layout is chosen per letter, not from the letters
		// before it.
		alone, _ := renderBlind(t, r, b)
		sh := shape(alone, b)
		shapes[sh] = append(shapes[sh], b.company)
		// Thin notes make a short letter, not a padded one (the ninth reading rated the
		// people's notes of fifty words above letters filled out with lines that name nothing
		// of the conversation), but a whole one: the thanks, the note, a close.
		if thinNotes(b) {
			for _, l := range []string{body, alone} {
				if n := bodyWords(l); n < 35 || n > 90 {
					t.Errorf("%s: thin notes make a letter of %d words, want 35 to 90:\n%s", b.company, n, l)
				}
			}
		}
	}
	t.Logf("%d of %d letters that say the credential begin it with “With” or “After”", with, said)
	if with*5 > said {
		t.Errorf("%d of %d credential sentences begin “With” or “After”, want at most one in five", with, said)
	}
	limit := len(all) / 12
	most := 0
	for sh, cos := range shapes {
		most = max(most, len(cos))
		if len(cos) > limit {
			t.Errorf("shape %q in %d letters (want at most %d): %s", sh, len(cos), limit, strings.Join(cos, ", "))
		}
	}
	t.Logf("%d shapes over %d letters; the most common in %d", len(shapes), len(all), most)
}

// TestThankYou_FormalRegister: a letter to a Dr. or to a director is written formally: not
// contracted, no "just ask", no "Thanks again" (the sixth reading: "if anything else would
// help, just ask" is "oddly offhand for a Dr. and a director").
func TestThankYou_FormalRegister(t *testing.T) {
	r := testRenderer(t)
	offhand := regexp.MustCompile(`\b(I'm|I'd|I'll|I've|it's|that's|didn't|don't)\b|just ask|just let me know|Thanks|easy to reach`)
	checked := 0
	for i, b := range append(append([]blindInterview(nil), blindInterviews...), wideInterviews()...) {
		for _, who := range []string{"Dr. Foster Walker", "Dr. Raj Patel", "Prof. Ana Ruiz"} {
			b.contact = who
			b.email = fmt.Sprintf("formal%d@x.test", i)
			body, _ := renderBlind(t, r, b)
			checked++
			if m := offhand.FindString(body); m != "" {
				t.Errorf("%s to %s: %q:\n%s", b.company, who, m, body)
			}
		}
	}
	t.Logf("%d letters to a Dr. or a professor checked", checked)
}

// shape is a letter's skeleton as a reader sees it: each paragraph's sentences, "f" where it
// says the credential, "s" otherwise ("ss|sf|s": thanks and a detail, then the credential,
// then the close).
func shape(body string, b blindInterview) string {
	parts := strings.Split(strings.TrimSpace(body), "\n\n")
	if len(parts) > 2 {
		parts = parts[1 : len(parts)-1]
	}
	cred := credentialSentence(body, b)
	var ps []string
	for _, p := range parts {
		var ks string
		for _, s := range sentenceEnd.Split(p, -1) {
			switch {
			case strings.TrimSpace(s) == "":
			case cred != "" && strings.TrimSpace(s) == strings.TrimSpace(cred):
				ks += "f"
			default:
				ks += "s"
			}
		}
		ps = append(ps, ks)
	}
	return strings.Join(ps, "|")
}

// TestThankYou_SaysThankYou: a thank-you says "thank you" (the twelfth reading: "It never
// actually says thank you": an opening of pleasure or interest, a short letter's close that
// does not thank again, and no thanks anywhere).
func TestThankYou_SaysThankYou(t *testing.T) {
	r := testRenderer(t)
	all := append(append([]blindInterview(nil), blindInterviews...), wideInterviews()...)
	for _, owner := range []string{"", "owner1@example.test", "owner2@example.test", "owner3@example.test"} {
		bodies, _ := draftInTurn(t, r, all, owner)
		for k, body := range bodies {
			parts := strings.Split(strings.TrimSpace(body), "\n\n")
			text := strings.ToLower(strings.Join(parts[1:len(parts)-1], " "))
			if !strings.Contains(text, "thank") && !strings.Contains(text, "grateful") {
				t.Errorf("%s (owner %q): no thanks in a thank-you:\n%s", all[k].company, owner, body)
			}
			// Nor twice in one sentence ("I wanted to say thank you for seeing me …; thank
			// you for telling me about …", the thirteenth draft set).
			for _, s := range sentenceEnd.Split(text, -1) {
				if strings.Count(s, "thank") > 1 {
					t.Errorf("%s (owner %q): thanks twice in %q", all[k].company, owner, s)
				}
			}
		}
	}
}
