package invite

import (
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
	p.Company, p.Role = companyAndRole(inv.Summary, p.Domain, sender, people)
	switch m := interviewWords.FindString(inv.Summary); {
	case m != "":
		p.Interview, p.Why = true, `its summary says "`+m+`"`
	case IsATS(inv.Organizer.Email) || IsATS(sender.Email):
		p.Interview, p.Why = true, "an applicant tracking system sent it"
	default:
		if m := interviewWords.FindString(inv.Description); m != "" {
			p.Interview, p.Why = true, `its description says "`+m+`"`
		} else {
			p.Why = "nothing in it speaks of an interview"
		}
	}
	return p
}

var (
	separators = regexp.MustCompile(`\s+[-–—|•:/]\s+|:\s+|\s+\|\s*|\(|\)`)
	between    = regexp.MustCompile(`(?i)\s+(between|zwischen|entre)\s+.*$`)
	withWhom   = regexp.MustCompile(`(?i)^(with|mit|avec|con)\s+`)
	atCompany  = regexp.MustCompile(`(?i)\s+(at|@|bei|chez|en)\s+(.+)$`)
	forRole    = regexp.MustCompile(`(?i)^(.*?)\b(for( the)?|für( die)?|pour( le| la)?|para( el| la)?)\s+(.+)$`)
	viaSender  = regexp.MustCompile(`(?i)^(.+?)\s+(via|recruiting|talent|hiring|careers|HR|people|team)\b`)
)

// companyAndRole guesses the company and the role from the summary ("Acme – Backend
// Engineer interview", "Interview: Backend Engineer at Acme", "Backend Engineer Interview
// between Jane Doe and Alice"), the sender's name ("Acme Recruiting via Greenhouse") and the
// domain (acme.test: "Acme").
func companyAndRole(summary, domain string, sender Person, people []Person) (company, role string) {
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
	if m := atCompany.FindStringSubmatch(s); m != nil {
		if company == "" || strings.EqualFold(strings.TrimSpace(m[2]), company) || company == fromDomain {
			company = strings.TrimSpace(m[2])
		}
		s = s[:len(s)-len(m[0])]
	}
	var rest []string
	for _, part := range separators.Split(s, -1) {
		part = strings.TrimSpace(interviewWords.ReplaceAllString(part, ""))
		part = strings.Trim(withWhom.ReplaceAllString(strings.Trim(part, " -–—|:,.()"), ""), " -–—|:,.()")
		if m := forRole.FindStringSubmatch(part); m != nil {
			part = strings.TrimSpace(m[len(m)-1])
		}
		if part == "" || strings.EqualFold(part, company) || strings.EqualFold(part, fromDomain) || isPersonName(part, people) ||
			isFiller(part) {
			continue
		}
		rest = append(rest, part)
	}
	if len(rest) > 0 {
		role = rest[0]
	}
	if len(role) > 80 || utf8.RuneCountInString(role) < 2 || !unicode.IsLetter([]rune(role)[0]) {
		role = ""
	}
	return company, role
}

// isPersonName reports whether s names one of the people ("Jane Doe").
func isPersonName(s string, people []Person) bool {
	for _, p := range people {
		if p.Name != "" && strings.EqualFold(strings.TrimSpace(s), p.Name) {
			return true
		}
	}
	return false
}

var fillers = regexp.MustCompile(`(?i)^(and|with|round \d+|round|first|second|third|final|technical|video|phone|call|meeting|invitation|invitation:|updated invitation|einladung|rendez-vous|reunión|zoom|google meet|teams|microsoft teams|\d+ ?min(utes)?)$`)

func isFiller(s string) bool { return fillers.MatchString(strings.TrimSpace(s)) }

// SenderCompany is the company an ATS's sender name speaks for ("Acme Recruiting via
// Greenhouse", "Acme Talent Team": "Acme"), or "".
func SenderCompany(name string) string {
	if m := viaSender.FindStringSubmatch(name); m != nil && !IsATS(m[1]) {
		return strings.TrimSpace(m[1])
	}
	return ""
}
