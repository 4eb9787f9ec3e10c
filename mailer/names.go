package mailer

import (
	"strings"
	"unicode"
)

// Salutation is how a contact is greeted (policy.salutation).
type Salutation string

const (
	// FirstName: "Dear Jane," — the default.
	FirstName Salutation = "first_name"
	// FullName: "Dear Jane Doe,".
	FullName Salutation = "full_name"
	// TitleLastName: "Dear Dr. Doe," when the owner gave a title; without one, the full
	// name (a title is never guessed).
	TitleLastName Salutation = "title_last_name"
)

// Name is a person's name as the owner wrote it, understood: "Dr. Jane Doe", "Doe, Jane",
// "Jane". Person is false when it names no one (empty, "HR", "Recruiting Team").
type Name struct {
	Title, First, Last string
	Person             bool
}

var titles = map[string]string{
	"dr": "Dr.", "dr.": "Dr.", "prof": "Prof.", "prof.": "Prof.", "professor": "Professor", "doctor": "Dr.",
	"mr": "Mr.", "mr.": "Mr.", "ms": "Ms.", "ms.": "Ms.", "mrs": "Mrs.", "mrs.": "Mrs.", "mx": "Mx.", "mx.": "Mx.",
	"sir": "Sir", "dame": "Dame",
}

var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true,
	"phd": true, "ph.d.": true, "md": true, "m.d.": true, "mba": true, "esq": true, "esq.": true}

// teamWords mark a name that is a team, a function or a mailbox, not a person.
var teamWords = map[string]bool{"team": true, "recruiting": true, "recruitment": true, "hr": true, "talent": true,
	"acquisition": true, "people": true, "careers": true, "career": true, "hiring": true, "jobs": true, "staffing": true,
	"department": true, "dept": true, "office": true, "admin": true, "support": true, "info": true, "noreply": true,
	"resources": true, "human": true, "operations": true, "group": true, "desk": true, "services": true, "inc": true,
	"ltd": true, "gmbh": true, "llc": true, "corp": true, "company": true}

// ParseName reads a name as the owner wrote it. The spelling is kept as given: nothing is
// capitalised or guessed, and nothing is taken from an address.
func ParseName(s string) Name {
	s = dropAsides(s)
	s = strings.Join(strings.Fields(strings.Trim(strings.TrimSpace(s), `"'`)), " ")
	if s == "" {
		return Name{}
	}
	var n Name
	// "Doe, Jane" (and "Doe, Jane, PhD"): last name first.
	if last, first, ok := strings.Cut(s, ","); ok {
		first = strings.TrimSpace(first)
		if f, _, ok := strings.Cut(first, ","); ok {
			first = strings.TrimSpace(f)
		}
		if !suffixes[strings.ToLower(first)] && first != "" {
			s = first + " " + strings.TrimSpace(last)
		} else {
			s = strings.TrimSpace(last)
		}
	}
	words := strings.Fields(s)
	for len(words) > 0 && titles[strings.ToLower(words[0])] != "" {
		if n.Title == "" {
			n.Title = titles[strings.ToLower(words[0])]
		}
		words = words[1:]
	}
	for len(words) > 0 && suffixes[strings.ToLower(strings.Trim(words[len(words)-1], ","))] {
		words = words[:len(words)-1]
	}
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if teamWords[lw] || strings.ContainsAny(w, "@/<>0123456789") {
			return Name{}
		}
	}
	if len(words) == 0 || !hasLetter(words[0]) {
		return Name{}
	}
	// A lone all-capitals word of up to three letters is an acronym (HR, TA), not a name.
	if len(words) == 1 && len([]rune(words[0])) <= 3 && strings.ToUpper(words[0]) == words[0] && strings.ToLower(words[0]) != words[0] {
		return Name{}
	}
	n.First, n.Person = words[0], true
	if len(words) > 1 {
		n.Last = words[len(words)-1]
	}
	return n
}

// dropAsides removes what display names carry besides the name: parenthesised or bracketed
// asides ("(she/her)", "(External)", "[they/them]", a nickname) and whatever follows a bar
// ("Jane Doe | Acme").
func dropAsides(s string) string {
	s, _, _ = strings.Cut(s, "|")
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// Greeting is the salutation line of a follow-up to a contact named name: "Dear Jane,"
// (or by full name, or title and last name, as s says), or the neutral "Hello," when the
// name names no person. custom, when the owner gave one for the contact, is used as given.
// named says whether a name was used.
func Greeting(name, custom string, s Salutation) (greeting string, named bool) {
	if custom = HeaderSafe(strings.TrimSpace(custom)); custom != "" {
		return custom, true
	}
	n := ParseName(name)
	if !n.Person {
		return "Hello,", false
	}
	full := n.First
	if n.Last != "" {
		full += " " + n.Last
	}
	switch s {
	case FullName:
		return "Dear " + full + ",", true
	case TitleLastName:
		if n.Title != "" && n.Last != "" {
			return "Dear " + n.Title + " " + n.Last + ",", true
		}
		return "Dear " + full + ",", true
	}
	return "Dear " + n.First + ",", true
}
