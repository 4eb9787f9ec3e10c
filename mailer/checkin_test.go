package mailer

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
)

// followUpApp is one application of the owner's as the tests of the check-ins and the
// coordinator's thanks generate it: varied companies, roles, notes, media and decision dates.
type followUpApp struct {
	company, role, contact, coordinator string
	points, fit, acc, medium            string
	start                               time.Time
	decisionBy                          time.Time // zero: none given
	thanked                             bool      // a thank-you to the interviewer went out
	lateBy                              time.Duration
}

var (
	fuCompanies = []string{"Acme", "Northwind", "Harbor & Pine", "Brightline", "Globex", "Initech", "St. Luke's Medical Center",
		"Lincoln Elementary", "Keystone Office Products", "Atlantic Engineering Systems", "Umbrella Labs", "Vandelay Industries",
		"Westbrook University", "Midwest Supply", "Blue Heron Books", "Cobalt Robotics", "Fairview Hospital", "Tidewater Bank",
		"Summit Outdoor Co.", "Lumen Analytics", "Redwood Credit Union", "Oakridge Logistics", "Pinnacle Health", "Quartz Media"}
	fuRoles = []string{"Data Analyst", "Backend Engineer", "Marketing Manager", "Account Executive", "Product Designer",
		"Staff Accountant", "New Grad RN", "3rd grade teacher", "Sales Manager", "Associate Engineer", "Program Coordinator",
		"Project Manager", "Copywriter", "Customer Success Manager", "Operations Analyst", "Research Scientist", "HR Generalist",
		"Site Reliability Engineer", "Content Strategist", "Financial Analyst", "Warehouse Supervisor", "UX Researcher", "Paralegal"}
	fuPoints = []string{"", "the queue redesign; their on-call rotation", "team goals for next yr", "the Q3 launch; retention goals",
		"their training + support for new RNs; cardiac unit", "the reading intervention program", "mgmt style; sales team structure",
		"the migration to Kafka", "the design system; user research", "client onboarding; the renewal process",
		"the new reporting dashboards; data quality", "the supplier audit; their inventory system; the team's expansion plans",
		"the spring campaign + client mix", "how they handle incidents", "the student activities budget", "remote work"}
	fuFits = []string{"", "five years of building Go services", "SQL + Tableau, 3 yrs", "lifecycle email + analytics",
		"new grad RN, cardiac clinical rotation", "former 3rd grade teacher", "6 yrs managing a territory", "I have led platform teams for six years",
		"strong background in distributed systems", "ten years in procurement", "BSME + hands-on design exp", "5 yrs as account mgr at Dell",
		"I'm an experienced SRE", "CPA with four years in audit"}
	fuAccs = []string{"", "cut the p99 latency of our billing API by 40%", "built lifecycle email program at Brightline, cut churn 18%",
		"raised reading scores 15% last yr", "grew territory 2k->10k accounts", "I automated our release process", "",
		"led team of 6 through EHR rollout", "Record quarterly revenue", "We cut incident response time in half", ""}
	fuContacts = []string{"Jane Doe", "Mr. David Okafor", "Ms. Laura Fields", "Dr. Raj Patel", "Karen Lund", "Tom Becker",
		"Ms. Hana Park", "Daniel Osei", "Mrs. Jackie Smith", "Luis Fernández", "Mary Anne Foster"}
	fuCoordinators = []string{"Sam Rivera", "Priya Shah", "Talent Acquisition", "Chris Wong", "Ms. Ellen Novak", "Recruiting Team", "Alex Kim"}
	fuMedia        = []string{"", MediumCall, MediumVideo, MediumOnSite}
)

// followUpApps are n applications, each unlike the others in some of what the owner typed.
func followUpApps(n int) []followUpApp {
	zones := []*time.Location{time.FixedZone("EST", -5*3600), time.FixedZone("CET", 3600), time.UTC, time.FixedZone("PST", -8*3600)}
	var apps []followUpApp
	for i := 0; i < n; i++ {
		// Interviews on the weekdays of two weeks, at different hours.
		day := addBusinessDays(time.Date(2026, 11, 30, 9+i%7, 30*(i%2), 0, 0, zones[i%len(zones)]), i%10)
		a := followUpApp{
			company: fuCompanies[i%len(fuCompanies)], role: fuRoles[(i*7)%len(fuRoles)],
			contact: fuContacts[(i*3)%len(fuContacts)], coordinator: fuCoordinators[(i*5)%len(fuCoordinators)],
			points: fuPoints[(i*3)%len(fuPoints)], fit: fuFits[(i*5)%len(fuFits)], acc: fuAccs[(i*7)%len(fuAccs)],
			medium: fuMedia[(i/3)%len(fuMedia)], start: day, thanked: i%5 != 0,
		}
		if i%3 != 0 {
			a.decisionBy = time.Date(day.Year(), day.Month(), day.Day()+2+i%6, 0, 0, 0, 0, day.Location())
		}
		if i%7 == 3 {
			a.lateBy = 40 * time.Hour
		}
		apps = append(apps, a)
	}
	return apps
}

// addBusinessDays is t moved on n weekdays.
func addBusinessDays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if t.Weekday() != time.Saturday && t.Weekday() != time.Sunday {
			n--
		}
	}
	return t
}

// data is what the daemon gives the renderer for kind: check-in 1 three business days after
// the decision date (a week after the interview without one), then weekly; three in all.
func (a followUpApp) data(kind policy.Kind, seq int) Data {
	end := a.start.Add(time.Hour)
	contact := NewPerson(a.contact, "person@"+strings.ToLower(strings.Fields(a.company)[0])+".test")
	send := end.Add(2*time.Hour + a.lateBy)
	if kind == policy.CheckIn {
		first := a.start.AddDate(0, 0, 7)
		if !a.decisionBy.IsZero() {
			first = addBusinessDays(a.decisionBy, 3)
		}
		send = time.Date(first.Year(), first.Month(), first.Day(), 10, 17, 0, 0, a.start.Location()).AddDate(0, 0, 7*(seq-1))
	}
	if kind == policy.ThankCoordinator {
		contact = NewPerson(a.coordinator, "talent@"+strings.ToLower(strings.Fields(a.company)[0])+".test")
	}
	greeting, _ := Greeting(contact.Name, "", FirstName)
	return Data{Owner: NewPerson("Alice Example", "alice@owner.test"), Contact: contact, Greeting: greeting,
		Company: a.company, Role: a.role, InterviewWhen: When(a.start), KeyPoints: KeyPoints(a.points), Fit: a.fit,
		Accomplishment: a.acc, Seq: seq, Last: kind == policy.CheckIn && seq == 3, Start: a.start, End: end, SendAt: send,
		Medium: a.medium, Thanked: a.thanked, DecisionBy: a.decisionBy}
}

// inputs are the words of what the owner typed for a, as the frames mask them.
func (a followUpApp) inputs(contact string) string {
	n := ReadNotes(a.points, a.fit, a.acc, a.company)
	return strings.Join(append([]string{a.company, a.role, contact, a.points, a.fit, a.acc, unabbreviate(a.points + " " + a.fit + " " + a.acc),
		n.Fit, n.Accomplishment, n.AccomplishmentNoun, topicsOf(n)}, n.Points...), " ")
}

func topicsOf(n Notes) string {
	var out []string
	for _, p := range n.Points {
		out = append(out, topicForReader(p))
	}
	return strings.Join(out, " ")
}

// dates are the days a letter names: one frame whichever day it is.
var dates = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)

// letterFrames are the frames of a letter's body as frames_test.go defines them, with the
// days it names masked as well.
func letterFrames(body, inputs string) []string {
	return frames(dates.ReplaceAllString(body, "DATE"), inputs)
}

// decisionRef is a letter naming the day they would decide by.
var decisionRef = regexp.MustCompile(`(?i)\b(decide|decision|deciding)\b[^.?!,]{0,16}\bby\b`)

var againRe = regexp.MustCompile(`(?i)\bagain\b`)

// pushy are what no check-in may say: pressure, or counting the mail it sends.
var pushy = []string{"inbox", "filling", "I need to know", "as soon as possible", "ASAP", "urgent", "last chance", "I have not heard back",
	"haven't heard", "I am still waiting", "Everything went smoothly", "went smoothly"}

func mostUsed(count map[string]int) int {
	m := 0
	for _, n := range count {
		m = max(m, n)
	}
	return m
}

// renderAll renders kind for every application.
func renderAll(t *testing.T, r *Renderer, apps []followUpApp, kind policy.Kind, seq int) (subjects, bodies []string) {
	t.Helper()
	for _, a := range apps {
		s, b, err := r.Render(kind, a.data(kind, seq))
		if err != nil {
			t.Fatal(err)
		}
		subjects, bodies = append(subjects, s), append(bodies, b)
	}
	return subjects, bodies
}

// TestCheckIn_Varies: three check-ins per application, over sixty applications of the
// owner's: no sentence frame of check-in k recurs in more than one in ten of the
// applications' check-in k, no two check-ins of an application share a sentence or a
// subject, each note goes in one check-in only, the first refers to the decision date when
// one was given and never otherwise, "again" only after a thank-you went out, nothing pushy.
func TestCheckIn_Varies(t *testing.T) {
	r := testRenderer(t)
	apps := followUpApps(60)
	limit := len(apps) / 10
	bySeq := map[int][][]string{}
	subjectsBySeq := map[int][]string{}
	all := make([][]string, len(apps))    // the frames of every check-in of an application
	bodies := make([][]string, len(apps)) // its check-ins' bodies
	subjects := make([][]string, len(apps))
	for seq := 1; seq <= 3; seq++ {
		subjs, bs := renderAll(t, r, apps, policy.CheckIn, seq)
		for i, b := range bs {
			a := apps[i]
			fs := letterFrames(b, a.inputs(a.contact))
			bySeq[seq] = append(bySeq[seq], fs)
			all[i] = append(all[i], fs...)
			bodies[i] = append(bodies[i], b)
			subjects[i] = append(subjects[i], subjs[i])
			subjectsBySeq[seq] = append(subjectsBySeq[seq], strings.Join(letterFrames("x\n\n"+subjs[i]+"\n\nx", a.inputs(a.contact)), " "))
		}
	}
	for seq := 1; seq <= 3; seq++ {
		t.Logf("check-in %d: the most used frame is in %d of %d applications", seq, mostUsed(frameCounts(bySeq[seq])), len(apps))
		if bad := overused(frameCounts(bySeq[seq]), limit); len(bad) > 0 {
			t.Errorf("check-in %d: frames in more than %d of %d applications:\n%s", seq, limit, len(apps), strings.Join(bad, "\n"))
		}
		count := map[string]int{}
		for _, s := range subjectsBySeq[seq] {
			count[s]++
		}
		if bad := overused(count, len(apps)/4); len(bad) > 0 {
			t.Errorf("check-in %d: subjects in more than a quarter of %d applications:\n%s", seq, len(apps), strings.Join(bad, "\n"))
		}
	}
	for i, a := range apps {
		name := fmt.Sprintf("application %d (%s, %s)", i, a.company, a.role)
		seen := map[string]int{}
		for k, b := range bodies[i] {
			for _, f := range letterFrames(b, a.inputs(a.contact)) {
				if len(strings.Fields(f)) < 3 {
					continue // "St." of "St. Luke's" read as a sentence
				}
				if j, ok := seen[f]; ok && j != k {
					t.Errorf("%s: check-ins %d and %d share the sentence %q:\n%s\n----\n%s", name, j+1, k+1, f, bodies[i][j], b)
				}
				seen[f] = k
			}
			for _, bad := range append(append([]string(nil), pushy...), brokenSigns...) {
				if strings.Contains(b, bad) {
					t.Errorf("%s, check-in %d says %q:\n%s", name, k+1, bad, b)
				}
			}
			if !a.thanked && againRe.MatchString(b) {
				t.Errorf("%s, check-in %d says “again” with no thank-you sent:\n%s", name, k+1, b)
			}
			if k > 0 && decisionRef.MatchString(b) {
				t.Errorf("%s, check-in %d names the decision date again:\n%s", name, k+1, b)
			}
		}
		if s := subjects[i]; s[0] == s[1] || s[1] == s[2] || s[0] == s[2] {
			t.Errorf("%s: subjects repeat: %q", name, s)
		}
		for k, s := range subjects[i] {
			if !strings.Contains(strings.ToLower(s), strings.ToLower(roleName(a.role))) {
				t.Errorf("%s: check-in %d's subject %q does not name the role", name, k+1, s)
			}
		}
		first := bodies[i][0]
		switch {
		case a.decisionBy.IsZero() && decisionRef.MatchString(first):
			t.Errorf("%s: no decision date given, yet check-in 1 names one:\n%s", name, first)
		case !a.decisionBy.IsZero() && !decisionRef.MatchString(first):
			t.Errorf("%s: decided by %s, and check-in 1 does not say so:\n%s", name, a.decisionBy.Format("Mon Jan 2"), first)
		case !a.decisionBy.IsZero() && !strings.Contains(first, a.decisionBy.Format("Monday")) && !strings.Contains(first, a.decisionBy.Format("January 2")) &&
			!strings.Contains(first, "end of last week") && !strings.Contains(first, "the weekend"):
			t.Errorf("%s: check-in 1 does not name the day they would decide by (%s):\n%s", name, a.decisionBy.Format("Mon Jan 2"), first)
		}
		// Each note goes in one check-in: the next brings another, or an offer.
		n := ReadNotes(a.points, a.fit, a.acc, a.company)
		notes := append([]string{n.Fit, n.Accomplishment, n.AccomplishmentNoun}, n.Points...)
		for _, note := range notes {
			if note == "" {
				continue
			}
			in := 0
			for _, b := range bodies[i] {
				if strings.Contains(b, note) || strings.Contains(b, topicForReader(note)) {
					in++
				}
			}
			if in > 1 {
				t.Errorf("%s: %q is in %d check-ins:\n%s", name, note, in, strings.Join(bodies[i], "\n----\n"))
			}
		}
	}
}

// TestThankCoordinator_Varies: over sixty applications no sentence frame of the thanks to
// the coordinator recurs in more than one in ten; it thanks them for what a coordinator does
// in the interview's medium (a visit only on site, video only for a video call, a phone
// call only for one), says nothing of how it went, never "again", and a late one says so.
func TestThankCoordinator_Varies(t *testing.T) {
	r := testRenderer(t)
	apps := followUpApps(60)
	subjs, bodies := renderAll(t, r, apps, policy.ThankCoordinator, 0)
	var fs [][]string
	subjectCount := map[string]int{}
	for i, b := range bodies {
		a := apps[i]
		fs = append(fs, letterFrames(b, a.inputs(a.coordinator)))
		subjectCount[strings.Join(letterFrames("x\n\n"+subjs[i]+"\n\nx", a.inputs(a.coordinator)), " ")]++
		name := fmt.Sprintf("application %d (%s, %s, %q)", i, a.company, a.role, a.medium)
		for _, bad := range append(append([]string(nil), pushy...), brokenSigns...) {
			if strings.Contains(b, bad) {
				t.Errorf("%s says %q:\n%s", name, bad, b)
			}
		}
		if againRe.MatchString(b) {
			t.Errorf("%s thanks the coordinator “again”, who was never thanked:\n%s", name, b)
		}
		low := strings.ToLower(b)
		for _, c := range []struct {
			words  []string
			medium string
		}{{[]string{"visit", "on site", "in person", "welcom"}, MediumOnSite}, {[]string{"video", "link"}, MediumVideo}, {[]string{"phone"}, MediumCall}} {
			for _, w := range c.words {
				if strings.Contains(low, w) && a.medium != c.medium {
					t.Errorf("%s says %q:\n%s", name, w, b)
				}
			}
		}
		late := regexp.MustCompile(`(?i)\b(belated|late|sooner|delay)\b`)
		if a.lateBy > 0 != late.MatchString(b+subjs[i]) {
			t.Errorf("%s: late by %s, and the letter reads (subject %q):\n%s", name, a.lateBy, subjs[i], b)
		}
	}
	t.Logf("the coordinator's thanks: the most used frame is in %d of %d applications", mostUsed(frameCounts(fs)), len(apps))
	if bad := overused(frameCounts(fs), len(apps)/10); len(bad) > 0 {
		t.Errorf("frames in more than %d of %d coordinators' thanks:\n%s", len(apps)/10, len(apps), strings.Join(bad, "\n"))
	}
	if bad := overused(subjectCount, len(apps)/4); len(bad) > 0 {
		t.Errorf("subjects in more than a quarter of %d coordinators' thanks:\n%s", len(apps), strings.Join(bad, "\n"))
	}
}

// TestCheckIn_HuntedLines: what a letter hunt (2026-12-07) found in check-ins: a schedule, a
// perk or a problem given as the reason the role appeals ("I keep coming back to the second
// shift, which is a big part of why the role appeals to me", "Talking about occupancy drops in
// winter made the role all the more appealing"), "one more thing" announced with nothing new
// after it, "also" with nothing before it, a result no one repeats offered again for the
// team ("I passed the NY bar, and I would love to do the same for your team").
func TestCheckIn_HuntedLines(t *testing.T) {
	r := testRenderer(t)
	bad := regexp.MustCompile(`(second shift|occupancy drops in winter|truck and tools provided|NSF funding until 2029)[^.]*(appeal|appealing)|` +
		`appealing[^.]*(second shift|occupancy drops)|I have also been thinking|bar, and I would love to do the same|` +
		`bar, and I would bring the same|bar, which is the kind of result|(talk|hear) more about (truck and tools|recess duty)|` +
		`, and I [^.]*, and I (believe|think) that`)
	news := regexp.MustCompile(`one more thing|add one thing`)
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 40; i++ {
		for _, c := range []struct{ points, acc string }{
			{"the second shift; occupancy drops in winter", ""},
			{"truck and tools provided; NSF funding until 2029", "passed the NY bar"},
			{"recess duty; truck and tools provided", ""},
		} {
			for seq := 1; seq <= 3; seq++ {
				d := Data{Owner: NewPerson("Alice Example", "alice@owner.test"), Contact: NewPerson("Jane Doe", "jane@x.test"),
					Company: fmt.Sprintf("Company %d", i), Role: "Shift Supervisor", KeyPoints: KeyPoints(c.points), Accomplishment: c.acc,
					Fit: "6 yrs on the line, ServSafe certified",
					Seq: seq, Last: seq == 3, Thanked: true, Start: start, End: start.Add(time.Hour), SendAt: start.Add(time.Duration(7*seq) * 24 * time.Hour)}
				_, body, err := r.Render(policy.CheckIn, d)
				if err != nil {
					t.Fatal(err)
				}
				if m := bad.FindString(body); m != "" {
					t.Errorf("check-in %d: %q:\n%s", seq, m, body)
				}
				if news.MatchString(body) && !strings.Contains(body, "bar") && !strings.Contains(body, "references") && !strings.Contains(body, "work") {
					t.Errorf("check-in %d announces news it does not give:\n%s", seq, body)
				}
			}
		}
	}
}

// TestCheckIn_ResultNotNewsTwice: a result the thank-you told them is not given as news in a
// check-in ("I should have mentioned that I passed the NY bar." then check-in 2: "I also
// wanted to share that I passed the NY bar": a letter hunt, 2026-12-07); one it did not tell
// them is.
func TestCheckIn_ResultNotNewsTwice(t *testing.T) {
	r := testRenderer(t)
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 30; i++ {
		for _, told := range []bool{true, false} {
			found := false
			for seq := 1; seq <= 3; seq++ {
				d := Data{Owner: NewPerson("Alice Example", "alice@owner.test"), Contact: NewPerson("Jane Doe", "jane@x.test"),
					Company: fmt.Sprintf("Firm %d", i), Role: "Litigation Associate", KeyPoints: KeyPoints("their commercial practice"),
					Accomplishment: "passed the NY bar", Seq: seq, Last: seq == 3, Thanked: true,
					Start: start, End: start.Add(time.Hour), SendAt: start.Add(time.Duration(7*seq) * 24 * time.Hour)}
				if told {
					d.ThankYou = "Dear Jane,\n\nThank you for the interview. I should have mentioned that I passed the NY bar.\n"
				}
				_, body, err := r.Render(policy.CheckIn, d)
				if err != nil {
					t.Fatal(err)
				}
				found = found || strings.Contains(body, "passed the NY bar")
			}
			if found == told {
				t.Errorf("Firm %d: the result in a check-in %v, with the thank-you having told it %v", i, found, told)
			}
		}
	}
}

// TestCheckIn_DayOnce: check-in 1 names the interview's day once (the fifth letter hunt,
// 2026-12-07: "Thanks again for our conversation on December 7. I know you were hoping to
// reach a decision by last Wednesday, and I wanted to follow up on my interview on December
// 7."); nor does it give the fit's credential twice ("my A&P certificate certification").
func TestCheckIn_DayOnce(t *testing.T) {
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, body := range drafts(t, policy.CheckIn, 80, func(i int) Data {
		return Data{Owner: NewPerson("Tyrell Jackson", "t@owner.test"), Contact: NewPerson("Marcus O'Neill", "m@x.test"),
			Company: fmt.Sprintf("Skyline %d", i), Role: "Aircraft Maintenance Technician", KeyPoints: KeyPoints("line maint on CRJ-900s"),
			Fit: "A&P cert, 4 yrs GA maint", Seq: 1, Thanked: true, Start: start, End: start.Add(time.Hour),
			SendAt: start.AddDate(0, 0, 14), DecisionBy: start.AddDate(0, 0, 9)}
	}) {
		if c := strings.Count(body, "December 7"); c > 1 {
			t.Errorf("the day %d times:\n%s", c, body)
		}
		if strings.Contains(body, "certificate certification") {
			t.Errorf("the credential said twice:\n%s", body)
		}
	}
}

// TestCheckIn_NoConditionDwelt: a check-in does not keep thinking about a shift, a ratio or a
// caseload when the notes hold a topic that is the work (the fifth hunt's fourth reading,
// 2026-12-07: "I have kept thinking about the 450:1 ratio since we spoke").
func TestCheckIn_NoConditionDwelt(t *testing.T) {
	r := testRenderer(t)
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	seen := 0
	for i := 0; i < 40; i++ {
		for seq := 1; seq <= 3; seq++ {
			d := Data{Owner: NewPerson("Rosa Delgado", "r@owner.test"), Contact: NewPerson("Dolores Ramirez", "d@x.test"),
				Company: fmt.Sprintf("District %d", i), Role: "School Counselor", KeyPoints: KeyPoints("450:1 ratio, SEL curriculum, night shift rotation"),
				Seq: seq, Last: seq == 3, Thanked: true, Start: start, End: start.Add(time.Hour), SendAt: start.AddDate(0, 0, 7*seq)}
			_, body, err := r.Render(policy.CheckIn, d)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(body, "SEL curriculum") {
				seen++
			}
			if strings.Contains(body, "450:1") || strings.Contains(body, "night shift") {
				t.Errorf("check-in %d dwells on a working condition:\n%s", seq, body)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no check-in names the topic: the test reads nothing")
	}
}

// TestCheckIn_UnderstandOnce: the last check-in says "I understand" once (the fifth hunt's
// fifth reading, 2026-12-07: "… as I understand these decisions can take time. If things have
// moved on, I understand …" in twelve letters).
func TestCheckIn_UnderstandOnce(t *testing.T) {
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, body := range drafts(t, policy.CheckIn, 120, func(i int) Data {
		return Data{Owner: NewPerson("Alice Example", "a@owner.test"), Contact: NewPerson("Jane Doe", "j@x.test"),
			Company: fmt.Sprintf("Company %d", i), Role: "Analyst", KeyPoints: KeyPoints("the Q3 launch"),
			Seq: 3, Last: true, Thanked: true, Start: start, End: start.Add(time.Hour), SendAt: start.AddDate(0, 0, 21)}
	}) {
		if c := strings.Count(body, "understand"); c > 1 {
			t.Errorf("\"understand\" %d times:\n%s", c, body)
		}
	}
}
