package invite

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Proposal is what followup would record from an invitation, for the owner to confirm or
// correct: best guesses, never more.
type Proposal struct {
	Company      string    `json:"company"`
	Role         string    `json:"role"` // "" when the invitation does not say
	Domain       string    `json:"domain"`
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	Zone         string    `json:"zone"`
	Interviewers []Person  `json:"interviewers"`
	Coordinator  *Person   `json:"coordinator,omitempty"`
	// Interview says whether it looks like a job interview, and Why what says so (or that
	// nothing does).
	Interview bool   `json:"interview"`
	Why       string `json:"why"`
}

// atsDomains are the applicant tracking and scheduling systems that send invitations on a
// company's behalf, from their own domains.
var atsDomains = []string{"greenhouse.io", "greenhouse-mail.io", "lever.co", "myworkday.com", "workday.com", "ashbyhq.com",
	"smartrecruiters.com", "smartrecruiters-mail.com", "calendly.com", "goodtime.io", "modernloop.io", "gem.com", "teamtailor.com",
	"teamtailor-mail.com", "personio.de", "recruitee.com", "workable.com", "workablemail.com", "icims.com", "jobvite.com", "bamboohr.com"}

// IsSharedATS reports whether a domain is an ATS's own, shared by every company it serves
// (greenhouse.io), not one of a company's (acme.greenhouse.io).
func IsSharedATS(domain string) bool {
	for _, a := range atsDomains {
		if strings.EqualFold(domain, a) {
			return true
		}
	}
	return false
}

// IsATS reports whether an address or domain belongs to an applicant tracking system.
func IsATS(addrOrDomain string) bool {
	d := strings.ToLower(addrOrDomain)
	if _, after, ok := strings.Cut(d, "@"); ok {
		d = after
	}
	for _, a := range atsDomains {
		if d == a || strings.HasSuffix(d, "."+a) {
			return true
		}
	}
	return false
}

// recruits reports whether an address is an applicant tracking system's, which sends only
// interviews; Calendly is everyone's booking page (the dentist's too), no sign of one.
func recruits(addr string) bool {
	return IsATS(addr) && !strings.HasSuffix(strings.ToLower(addr), "calendly.com")
}

// noSign is why an event is no interview: the signs looked for, none found.
const noSign = "nothing in it speaks of an interview: neither its summary nor its description says interview, " +
	"phone screen, technical screen, onsite, hiring manager, final round, recruiter call, coding session " +
	"(or Vorstellungsgespräch, entretien, entrevista), and no applicant tracking system (Greenhouse, Lever, Workday, Ashby, …) sent it"

// ErrNotInterview is Refusal's error (errors.Is) for an event with no sign of an interview.
var ErrNotInterview = errors.New("not an interview")

// Refusal is why followup should not record the proposal as an interview (wrapping
// ErrNotInterview, saying which signs were looked for), or nil: `add --ics` refuses a brunch.
func (p Proposal) Refusal() error {
	if p.Interview {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrNotInterview, p.Why)
}

var interviewWords = regexp.MustCompile(`(?i)\b(interview|phone screen|technical screen|screening call|onsite|on-site|hiring manager|final round|` +
	`recruiter call|coding (exercise|session)|pair(ing)? session|Vorstellungsgespräch|Bewerbungsgespräch|Kennenlerngespräch|` +
	`entretien|entrevista)\w*`)

// Propose reads an invitation the owner received (sender: the mail's From, replyTo its
// Reply-To; the owner known by address and by name, as they may be invited at another address) for an application: the company (its domain: the most common one among the
// people, neither the owner's, a free-mail provider's nor an ATS's), the role (from the
// summary), the interviewers (the attendees but the owner, the organizer and machines) and
// the coordinator (the organizer, or the person an ATS sent it for).
func (inv *Invitation) Propose(owner Person, sender, replyTo Person, freeMail func(domain string) bool) Proposal {
	ownerEmail := strings.ToLower(owner.Email)
	_, ownerDomain, _ := strings.Cut(ownerEmail, "@")
	p := Proposal{Start: inv.Start, End: inv.End, Zone: inv.Zone}
	usable := func(x Person) bool {
		if x.Email == "" || x.Email == ownerEmail || IsATS(x.Email) || strings.Contains(x.Email, "resource.calendar.google.com") {
			return false
		}
		if owner.Name != "" && strings.EqualFold(x.Name, owner.Name) {
			return false // the owner, invited at another address
		}
		local, _, _ := strings.Cut(x.Email, "@")
		return !strings.Contains(strings.ReplaceAll(local, "-", ""), "noreply") && local != "calendar" && local != "notifications"
	}
	var people []Person
	for _, x := range append([]Person{inv.Organizer, replyTo, sender}, inv.Attendees...) {
		if usable(x) {
			people = append(people, x)
		}
	}
	for _, d := range sortedDomains(people) {
		if d != ownerDomain && !freeMail(d) {
			p.Domain = d
			break
		}
	}
	atCompany := func(x Person) bool {
		return usable(x) && (p.Domain == "" || strings.HasSuffix(x.Email, "@"+p.Domain))
	}
	switch {
	case atCompany(inv.Organizer):
		c := inv.Organizer
		p.Coordinator = &c
	case atCompany(replyTo):
		c := replyTo
		p.Coordinator = &c
	case atCompany(sender):
		c := sender
		p.Coordinator = &c
	}
	for _, a := range inv.Attendees {
		if usable(a) && (p.Coordinator == nil || a.Email != p.Coordinator.Email) {
			p.Interviewers = append(p.Interviewers, a)
		}
	}
	if len(p.Interviewers) == 0 && p.Coordinator != nil {
		// A call with the recruiter alone: they are the one to thank.
		p.Interviewers, p.Coordinator = []Person{*p.Coordinator}, nil
	}
	names := namesOf(owner, append([]Person{inv.Organizer, sender, replyTo}, inv.Attendees...)...)
	p.Company, p.Role = companyAndRole(inv.Summary, inv.Description, p.Domain, sender, names)
	switch m := interviewWords.FindString(inv.Summary); {
	case m != "":
		p.Interview, p.Why = true, `its summary says "`+m+`"`
	case recruits(inv.Organizer.Email) || recruits(sender.Email):
		p.Interview, p.Why = true, "an applicant tracking system sent it"
	default:
		if m := interviewWords.FindString(inv.Description); m != "" {
			p.Interview, p.Why = true, `its description says "`+m+`"`
		} else {
			p.Why = noSign
		}
	}
	return p
}

var (
	separators = regexp.MustCompile(`\s+[-–—|•:/]\s+|:\s+|\s+\|\s*|\s*<>\s*|\(|\)|\[|\]`)
	between    = regexp.MustCompile(`(?i)\s+(between|zwischen|entre)\s+.*$`)
	withWhom   = regexp.MustCompile(`(?i)^(with|mit|avec|con)\s+`)
	atCompany  = regexp.MustCompile(`(?i)\s+(at|@|bei|chez|en)\s+(.+)$`)
	forRole    = regexp.MustCompile(`(?i)^(.*?)\b(for( the| a| an)?|für( die| den| das)?|pour( le| la| un| une)?|para( el| la| un| una)?)\s+(.+)$`)
	roleWord   = regexp.MustCompile(`(?i)\s+(role|position|opening|job|stelle|poste|puesto)$`)
	roleLabel  = regexp.MustCompile(`(?i)^(role|position|job|job title|stelle|poste|puesto)$`)
	viaSender  = regexp.MustCompile(`(?i)^(.+?)\s+(via|recruiting|talent|hiring|careers|HR|people|team)\b`)
	// labelled is a role the description names as one: "Role: Backend Engineer", "for the
	// Backend Engineer position".
	labelled = regexp.MustCompile(`(?im)(?:^|[.;]\s*)(?:role|position|job title|stelle|poste|puesto)\s*:\s*([^\n.;]{2,80})|\bfor the ([^\n.;,]{2,60}?) (?:role|position)\b`)
)

// companyAndRole guesses the company and the role from the summary ("Acme – Backend
// Engineer interview", "Interview: Backend Engineer at Acme", "Backend Engineer Interview
// between Jane Doe and Alice"), the description where it labels a role ("Position: …"), the
// sender's name ("Acme Recruiting via Greenhouse") and the domain (acme.test: "Acme"). A role
// is taken only where the text says it is one: named so ("for …", "Role: …", "… position"),
// said to be interviewed for ("Backend Engineer interview"), or worded as a job title
// ("Product Designer"); never a person's name (names: the people's, the owner's), so that
// "Interview with Alice Example" or Calendly's "Alice Example and Jane Doe" give none, and the
// owner is asked.
func companyAndRole(summary, description, domain string, sender Person, names nameSet) (company, role string) {
	fromDomain := ""
	if domain != "" {
		label := strings.Split(domain, ".")[0]
		fromDomain = strings.ToUpper(label[:1]) + label[1:]
	}
	company = SenderCompany(sender.Name)
	if company == "" {
		company = fromDomain
	}
	s := between.ReplaceAllString(summary, "")
	if m := atCompany.FindStringSubmatch(s); m != nil && !names.mentioned(m[2]) {
		if company == "" || strings.EqualFold(strings.TrimSpace(m[2]), company) || company == fromDomain {
			company = strings.TrimSpace(m[2])
		}
		s = s[:len(s)-len(m[0])]
	}
	// The candidates, best first: named a role, interviewed for, worded as a title.
	const named, interviewedFor, titled, none = 0, 1, 2, 3
	best, bestRank := "", none
	afterLabel := false
	for _, part := range separators.Split(s, -1) {
		part = strings.Trim(part, " -–—|:,.")
		rank := none
		if afterLabel {
			rank = named
		}
		afterLabel = roleLabel.MatchString(part)
		if interviewWords.MatchString(part) {
			rank = min(rank, interviewedFor)
			part = strings.TrimSpace(interviewWords.ReplaceAllString(part, ""))
		}
		part = strings.Trim(withWhom.ReplaceAllString(strings.Trim(part, " -–—|:,."), ""), " -–—|:,.")
		if m := forRole.FindStringSubmatch(part); m != nil {
			part, rank = strings.TrimSpace(m[len(m)-1]), named
		}
		if m := roleWord.FindStringIndex(part); m != nil {
			part, rank = part[:m[0]], named
		}
		part = cleanRole(part, names)
		switch {
		case part == "", strings.EqualFold(part, company), strings.EqualFold(part, fromDomain), isFiller(part):
			continue
		case rank == none && isTitle(part):
			rank = titled
		}
		if rank < bestRank {
			best, bestRank = part, rank
		}
	}
	if best == "" {
		for _, m := range labelled.FindAllStringSubmatch(description, 3) {
			if r := cleanRole(m[1]+m[2], names); r != "" && !isFiller(r) && !strings.EqualFold(r, company) {
				best = r
				break
			}
		}
	}
	return company, best
}

// cleanRole trims a candidate for a role: the people's names and the words joining them at
// either end go ("Alice Example Backend Engineer"), and a candidate with a name left inside,
// too long, or not beginning with a letter is none.
func cleanRole(s string, names nameSet) string {
	words := strings.Fields(strings.Trim(s, " -–—|:,.()"))
	skip := func(w string) bool { return names.words[fold(w)] || joiners[strings.ToLower(w)] }
	for len(words) > 0 && skip(words[0]) {
		words = words[1:]
	}
	for len(words) > 0 && skip(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	for _, w := range words {
		if names.words[fold(w)] {
			return ""
		}
	}
	role := strings.Trim(strings.Join(words, " "), " -–—|:,.()")
	if len(role) > 80 || utf8.RuneCountInString(role) < 2 || !unicode.IsLetter([]rune(role)[0]) {
		return ""
	}
	return role
}

// joiners join the names of a summary: "Alice Example and Jane Doe", "Jane x Alice".
var joiners = map[string]bool{"and": true, "&": true, "x": true, "+": true, "/": true, "und": true, "et": true, "y": true, "with": true, "<>": true, "-": true, "–": true}

// nameSet is the people an invitation names: each word of their names (and of the owner's
// address, "alice.example@…"), folded, so that none is taken for a role.
type nameSet struct{ words map[string]bool }

func namesOf(owner Person, people ...Person) nameSet {
	n := nameSet{words: map[string]bool{}}
	add := func(text string) {
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
			if utf8.RuneCountInString(w) >= 2 && !titleWords[fold(w)] {
				n.words[fold(w)] = true
			}
		}
	}
	for _, p := range append([]Person{owner}, people...) {
		name := p.Name
		if strings.Contains(name, "@") { // Google writes the address as the CN
			name, _, _ = strings.Cut(name, "@")
		}
		add(name)
	}
	if local, _, ok := strings.Cut(owner.Email, "@"); ok {
		add(local)
	}
	return n
}

// mentioned reports whether s is made of the people's names.
func (n nameSet) mentioned(s string) bool {
	for _, w := range strings.Fields(s) {
		if n.words[fold(w)] {
			return true
		}
	}
	return false
}

func fold(w string) string { return strings.ToLower(strings.Trim(w, "'’.,:;!?\"")) }

// fillers are the words that say what kind of meeting it is, not for which role: "Final
// round", "Culture fit", "30 min video call", "(m/w/d)", a requisition number.
var (
	fillerWords = map[string]bool{}
	fillerShape = regexp.MustCompile(`(?i)^([mwfdx](/[mwfdx])+|all genders|(R|JR|REQ|ID)?[-#]?\d+[a-z]?|\d+ ?min(ute)?s?)$`)
)

func init() {
	for _, w := range strings.Fields(`and with the a an our your round rounds stage first second third fourth final initial intro introductory
		technical tech video phone call calls meeting meet chat conversation discussion sync catch-up catchup invitation invitation: updated
		new einladung rendez-vous reunión zoom google teams microsoft webex culture fit values behavioral behavioural system design coding
		take-home case study portfolio review presentation panel team peer hiring manager recruiter hr screen screening follow-up followup
		virtual onsite on-site in-person remote min mins minute minutes hour hours event appointment 1:1 call: re: fw: fwd: with: mit
		gespräch termin erstgespräch appel entretien llamada reunion session talk`) {
		fillerWords[w] = true
	}
}

func isFiller(s string) bool {
	if fillerShape.MatchString(strings.TrimSpace(s)) {
		return true
	}
	for _, w := range strings.Fields(s) {
		if !fillerWords[strings.ToLower(w)] && !fillerShape.MatchString(w) {
			return false
		}
	}
	return true
}

// titleWords are the words a job title is made of, in the languages of the summaries
// followup reads: "Senior Data Engineer", "Head of Design", "Werkstudent", "Ingénieur".
var titleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`engineer engineering developer designer manager analyst scientist architect lead director consultant
		specialist administrator admin intern internship associate officer coordinator representative accountant recruiter writer editor
		researcher technician programmer tester owner head vp president partner strategist advisor adviser assistant executive producer
		marketer sre devops qa counsel attorney lawyer nurse teacher trainee apprentice principal staff fellow master steward operator
		controller auditor buyer planner agent support
		werkstudent werkstudentin entwickler entwicklerin ingenieur ingenieurin berater beraterin leiter leiterin referent referentin
		sachbearbeiter sachbearbeiterin praktikant praktikantin
		développeur développeuse ingénieur chef responsable chargé chargée stagiaire
		desarrollador desarrolladora ingeniero ingeniera gerente analista diseñador diseñadora becario becaria`) {
		titleWords[w] = true
	}
}

// isTitle reports whether s is worded as a job title: a few words, one of them a title's.
func isTitle(s string) bool {
	words := strings.Fields(s)
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		if titleWords[fold(w)] {
			return true
		}
	}
	return false
}

// SenderCompany is the company an ATS's sender name speaks for ("Acme Recruiting via
// Greenhouse", "Acme Talent Team": "Acme"), or "".
func SenderCompany(name string) string {
	if m := viaSender.FindStringSubmatch(name); m != nil && !IsATS(m[1]) {
		return strings.TrimSpace(m[1])
	}
	return ""
}
