package mailer

import (
	"cmp"
	"hash/fnv"
	"regexp"
	"strings"
	"time"

	"github.com/followupd/followup/policy"
)

// A letter is written the way a careful person writes one by hand: the owner's notes where
// they read, the day as people say it ("today", "yesterday", "on Tuesday"), and each reader
// their own letter. Its parts (the opening, the middle and the close) are chosen from
// phrasings a career coach would use, per person and deterministically: the same draft reads
// the same when drafted again, and no two interviewers of a panel get the same letter.

// Medium is how the interview was held, as the owner recorded it.
const (
	MediumCall   = "call"
	MediumVideo  = "video"
	MediumOnSite = "on site"
)

// seed is a stable number from the parts it is made of.
func seed(parts ...string) int {
	h := fnv.New32a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	// FNV's low bits follow its last bytes closely (the same slot name gave the same choice
	// in half the letters): mix them (MurmurHash3's finalizer) before taking a remainder.
	x := h.Sum32()
	x ^= x >> 16
	x *= 0x85ebca6b
	x ^= x >> 13
	x *= 0xc2b2ae35
	x ^= x >> 16
	return int(x & 0x7fffffff)
}

func pick(bank []string, n int) string { return bank[n%len(bank)] }

// DayPhrase says when the interview was, seen from the day the letter goes, as a person
// writes it: "today", "yesterday", "on Tuesday" within the week, "on November 17" after.
// Without a send time, the weekday and date ("on Tuesday, November 17").
func DayPhrase(interview, send time.Time) string {
	if send.IsZero() {
		return When(interview)
	}
	send = send.In(interview.Location())
	y, m, d := interview.Date()
	iday := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = send.Date()
	sday := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch days := int(sday.Sub(iday).Hours() / 24); {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 7:
		return "on " + interview.Format("Monday")
	}
	return "on " + interview.Format("January 2")
}

// genderMarks are the gender notes of German and Austrian job titles ("(m/w/d)"): they belong
// in an advertisement, not in a letter.
var genderMarks = regexp.MustCompile(`(?i)\s*[(\[]\s*(?:[mwfdxi]\s*[/|,]\s*){1,3}[mwfdxi]\s*[)\]]|\s*[(\[]\s*(?:all genders|gn\*?|alle geschlechter)\s*[)\]]`)

// workPattern is how a job is worked, noted in brackets after its title: "(part-time)".
var workPattern = regexp.MustCompile(`(?i)^(.*?)\s*[(\[]\s*(part[- ]time|full[- ]time|temporary|seasonal|remote|hybrid|per diem|contract)\s*[)\]](.*)$`)

// roleName is a role as the letters name it ("the {{.Role}} role"): without an article, a
// trailing "role" or a gender note.
func roleName(s string) string {
	s = genderMarks.ReplaceAllString(s, "")
	// "Front Desk Attendant (part-time)" is "the part-time Front Desk Attendant role".
	if m := workPattern.FindStringSubmatch(s); m != nil {
		s = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(m[2], "-", " ")), "-")) + " " + strings.TrimSpace(m[1]+m[3])
		if strings.HasPrefix(s, "per-diem ") {
			s = "per diem " + strings.TrimPrefix(s, "per-diem ")
		}
	}
	s = trimPhrase(s)
	for _, a := range []string{"a ", "an ", "the "} {
		if len(s) > len(a) && strings.EqualFold(s[:len(a)], a) {
			s = s[len(a):]
			break
		}
	}
	for _, suf := range []string{" role", " position", " job", " opening"} {
		if len(s) > len(suf) && strings.EqualFold(s[len(s)-len(suf):], suf) {
			s = s[:len(s)-len(suf)]
		}
	}
	// One common noun is written as one: "the nurse role", not "the Nurse role".
	if low := strings.ToLower(s); jobNouns[low] && s == upperFirst(low) {
		s = low
	}
	return s
}

// jobNouns are roles that are one common noun, as people write them in a sentence.
var jobNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`nurse teacher engineer developer programmer designer accountant analyst cashier
		receptionist paralegal pharmacist therapist physiotherapist consultant manager librarian chef cook driver
		electrician plumber mechanic technician assistant administrator bookkeeper clerk bartender barista server
		waiter waitress tutor lecturer researcher scientist architect editor writer journalist translator interpreter
		recruiter secretary salesperson caregiver paramedic dentist hygienist optometrist veterinarian physician
		surgeon counselor counsellor coach instructor trainer auditor actuary economist statistician photographer
		illustrator animator carpenter welder machinist dispatcher courier custodian janitor housekeeper nanny lawyer
		attorney solicitor intern apprentice supervisor coordinator specialist representative strategist planner buyer
		marketer copywriter midwife caseworker underwriter teller`) {
		jobNouns[w] = true
	}
}

// companyName is the company without its trailing spaces; a name ending in a full stop
// ("Northfield Supply Co.") keeps it, and ends a sentence with it.
func companyName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if m := legalFormRe.FindStringSubmatchIndex(s); m != nil && m[0] > 0 && !determiners[strings.ToLower(strings.TrimSpace(s[:m[0]]))] {
		// "Sentinel Grid Security Inc.": a letter names the company as people say it.
		s = strings.TrimRight(s[:m[0]], " ,")
	}
	if ws := strings.Fields(s); len(ws) > 1 && !strings.EqualFold(ws[0], "the") {
		for i, w := range ws {
			noun := strings.TrimSuffix(strings.ToLower(w), "'s")
			last := i == len(ws)-1
			of := !last && (ws[i+1] == "of" || ws[i+1] == "for" || ws[i+1] == "on")
			if i == 0 && of && placeOffices[noun] {
				return "the " + s // "the City of Duluth"
			}
			// "Office Depot" and "Stanford University" are names; "the University of
			// Michigan" and "the Clerk's Office" name what they are.
			if institutionNouns[noun] && (of || last && noun != "university") {
				// An institution named by what it is: "the Ohio Department of
				// Transportation", "the Cook County Clerk's Office".
				return "the " + s
			}
		}
	}
	return s
}

// legalFormRe is a company's legal form at the end of its name: "Inc.", "LLC", "GmbH".
var legalFormRe = regexp.MustCompile(`(?i),?\s+(inc\.?|incorporated|llc|l\.l\.c\.|ltd\.?|limited|corp\.?|plc|gmbh|llp|pllc|p\.c\.|s\.a\.|pty ltd\.?|pte ltd\.?)$`)

// placeOffices are the governments named as "City of …": "the City of Duluth".
var placeOffices = map[string]bool{"city": true, "county": true, "state": true, "town": true, "village": true,
	"township": true, "borough": true, "province": true, "commonwealth": true, "port": true, "district": true}

// institutionNouns name what an institution is: a name holding one takes "the".
var institutionNouns = map[string]bool{"department": true, "institute": true, "office": true, "agency": true, "bureau": true,
	"ministry": true, "commission": true, "council": true, "authority": true, "foundation": true, "museum": true,
	"library": true, "society": true, "university": true, "administration": true, "service": true, "district": true,
	"offices": true}

// para joins sentences into a paragraph, each with one full stop: a sentence that ends in
// "Co." ends there.
func para(sentences ...string) string {
	var out []string
	for _, s := range sentences {
		if s = strings.Join(strings.Fields(s), " "); s == "" {
			continue
		}
		s = strings.NewReplacer(" .", ".", " ,", ",").Replace(s)
		if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
			s += "."
		}
		out = append(out, upperFirst(s))
	}
	return strings.Join(out, " ")
}

// compose writes the letter's subject and body (without greeting and sign-off) and picks
// its sign-off.
func compose(kind policy.Kind, d *Data) {
	n := d.Notes
	role, co := d.Role, d.Company
	// Each letter's choices are seeded by the application and what its notes say (the
	// reader's place among the contacts moves them on): two applications to one company
	// read differently, and so do the letters of one panel.
	app := seed(cmp.Or(d.seedCompany, co), role, d.Owner.Email, n.Fit, n.Accomplishment, n.AccomplishmentNoun, strings.Join(n.Points, ";"))
	// Without the interview's time, the day as the owner's template names it, without the
	// weekday: "on Tuesday, November 17 about" would need a comma after the date.
	day := d.InterviewWhen
	if _, date, ok := strings.Cut(day, ", "); ok && strings.HasPrefix(day, "on ") {
		day = "on " + date
	}
	if !d.Start.IsZero() {
		day = DayPhrase(d.Start, d.SendAt)
	}
	late := !d.End.IsZero() && !d.SendAt.IsZero() && d.SendAt.Sub(d.End) > policy.ThankYouDeadline
	heard := newHeard(d.Heard, append([]string{role, co, d.Contact.Name, d.Owner.Name, n.Fit, n.Accomplishment, n.AccomplishmentNoun},
		append(n.Points, n.Remarks...)...)...)
	d.SignOff = ownersSignOff(d.Owner.Email)
	var paras []string
	switch kind {
	case policy.ThankYou:
		t := newThankYou(d, day, app)
		t.w.heard = heard
		lateOpen := ""
		if late {
			lateOpen = pick([]string{
				"I am sorry this note comes a little late, but I did not want to let it pass: thank you for " + t.talk + " " + day + " about the " + role + " " + t.rw + " at " + co,
				"Please forgive the delay in writing. I wanted to thank you for " + t.talk + " " + day + " about the " + role + " " + t.rw + " at " + co,
				"A belated but sincere thank you for " + t.talk + " " + day + " about the " + role + " " + t.rw + " at " + co,
			}, app+d.Index)
		}
		paras = t.compose(lateOpen)
		d.Subject = pick([]string{
			"Thank you – " + role + " interview",
			"Thank you for your time " + day,
			"Thanks for speaking with me about the " + role + " role",
			"Thank you for our conversation – " + role,
			"Thank you – " + role + " at " + strings.TrimRight(co, "."),
		}, d.Index) // the first of a panel gets the plainest subject; the others their own
		if late {
			d.Subject = "A belated thank you – " + role + " interview"
		}
	case policy.ThankCoordinator:
		paras, d.Subject = coordinatorThanks(d, day, late, app, heard)
	case policy.CheckIn:
		paras, d.Subject = checkIn(d, day, app, heard)
	}
	d.Subject = upperFirst(d.Subject) // "Nurse at Acme – following up", the role written "nurse"
	d.Body = strings.Join(paras, "\n\n")
}

// ownersSignOff is how the owner signs every letter: one habit, as a person has (the
// eleventh reading heard a rotation of "Best wishes", "Warm regards", "Many thanks" … as a
// program's), chosen by the owner's address among the plain ones that suit any reader.
func ownersSignOff(owner string) string {
	return []string{"Best regards,", "Kind regards,", "Sincerely,"}[seed("sign-off", strings.ToLower(owner))%3]
}

// resultNoun is an accomplishment written as a noun phrase, as a thing done: "record
// quarterly revenue" is "achieving record quarterly revenue"; "my team's 15 percent
// increase" stays.
func resultNoun(noun string) string {
	for _, w := range words(noun) {
		if w == "award" || w == "prize" || w == "medal" || w == "scholarship" || w == "fellowship" || w == "trophy" {
			// "PM of the year award": won, not achieved.
			if !determiners[firstWord(noun)] {
				return "winning the " + noun
			}
			return "winning " + noun
		}
	}
	if ws := words(noun); len(ws) > 0 && !determiners[ws[0]] && !strings.HasSuffix(ws[0], "'s") {
		for _, w := range ws {
			// "first-author poster at ASGCT": presented, not achieved.
			if v, ok := workVerbs[w]; ok {
				return v + " " + articleFor(noun) + " " + noun
			}
		}
	}
	if !determiners[firstWord(noun)] && !strings.HasSuffix(firstWord(noun), "'s") {
		return "achieving " + noun
	}
	return noun
}

// workVerbs are what one does with a work one names as a result: a poster is presented.
var workVerbs = map[string]string{"poster": "presenting", "talk": "giving", "presentation": "giving", "paper": "publishing",
	"article": "publishing", "publication": "publishing"}

var doubleStop = regexp.MustCompile(`([^.])\.\.(\s|$)`)

// tidyBody removes the doubled full stops a company name ending in one could leave.
func tidyBody(s string) string { return doubleStop.ReplaceAllString(s, "$1.$2") }
