package mailer

import (
	"slices"
	"strings"
	"unicode"
)

// Salutation is how a contact is greeted (policy.salutation).
type Salutation string

const (
	// FirstName: "Dear Jane," — the default. Where the owner wrote a title ("Dr. Jane Doe",
	// "Ms. Watanabe"), the title and surname: the owner wrote it because that is how this
	// person is addressed.
	FirstName Salutation = "first_name"
	// FullName: "Dear Jane Doe,".
	FullName Salutation = "full_name"
	// TitleLastName: "Dear Dr. Doe," when the owner gave a title; without one, the full
	// name (a title is never guessed).
	TitleLastName Salutation = "title_last_name"
)

// Name is a person's name as the owner wrote it, understood: "Dr. Jane Doe", "Doe, Jane",
// "JOHN SMITH", "Mary Ann Smith", "Sato Hiroshi". Person is false when it names no one
// (empty, "HR", "Recruiting Team", "Talent Acquisition").
type Name struct {
	Title string
	// First is the given name, compound ones whole ("Mary Ann", "María José"); Last the
	// surname with its particles ("van Dijk"). Either may be empty.
	First, Last string
	// Full is the name as it is written in a letter: normalised capitals, no title, no
	// asides or suffixes, in the order the owner gave (or given name first for "Last, First").
	Full string
	// Unordered is set when which part is the family name cannot be told (a name in Chinese,
	// Japanese or Korean script, or a common East Asian surname among its words): such a
	// name is never cut in half; letters use it whole.
	Unordered bool
	Person    bool
}

var titles = map[string]string{
	"dr": "Dr.", "dr.": "Dr.", "prof": "Prof.", "prof.": "Prof.", "professor": "Professor", "doctor": "Dr.",
	"mr": "Mr.", "mr.": "Mr.", "ms": "Ms.", "ms.": "Ms.", "mrs": "Mrs.", "mrs.": "Mrs.", "mx": "Mx.", "mx.": "Mx.",
	"miss": "Miss", "sir": "Sir", "dame": "Dame",
	// A title of a trade or an office, as people are addressed by it: "Dear Chef Bellini".
	"chef": "Chef", "coach": "Coach", "judge": "Judge", "rev": "Rev.", "rev.": "Rev.", "rabbi": "Rabbi", "pastor": "Pastor",
	// A title in the contact's own language, as English letters write it.
	"herr": "Mr.", "frau": "Ms.", "monsieur": "Mr.", "madame": "Ms.", "mme": "Ms.", "mme.": "Ms.", "señor": "Mr.",
	"señora": "Ms.", "signor": "Mr.", "signora": "Ms.",
}

// givenNameTitles are titles used with the given name: "Dear Sir Ian", never "Sir McKellen".
var givenNameTitles = map[string]bool{"Sir": true, "Dame": true}

var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true,
	"phd": true, "ph.d.": true, "ph.d": true, "md": true, "m.d.": true, "mba": true, "esq": true, "esq.": true,
	"cpa": true, "pe": true, "rn": true, "msc": true, "bsc": true, "ma": true, "ba": true, "dds": true, "jd": true}

// teamWords mark a name that is a team, a function or a mailbox, not a person.
var teamWords = map[string]bool{"team": true, "recruiting": true, "recruitment": true, "hr": true, "talent": true,
	"acquisition": true, "people": true, "careers": true, "career": true, "hiring": true, "jobs": true, "staffing": true,
	"department": true, "dept": true, "office": true, "admin": true, "support": true, "info": true, "noreply": true,
	"no-reply": true, "resources": true, "human": true, "operations": true, "group": true, "desk": true,
	"services": true, "inc": true, "ltd": true, "gmbh": true, "llc": true, "corp": true, "company": true,
	"recruiter": true, "recruiters": true, "mailbox": true, "notifications": true, "contact": true, "hello": true,
	"candidates": true, "applications": true, "onboarding": true, "workday": true, "greenhouse": true, "lever": true}

// particles begin a surname ("van Dijk", "de la Cruz") and are written in lower case.
var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "del": true,
	"della": true, "di": true, "da": true, "du": true, "la": true, "le": true, "dos": true, "das": true, "ter": true,
	"ten": true, "bin": true, "ibn": true, "al": true, "zu": true}

// compoundFirst and compoundSecond are the given names that, one after the other, make one
// given name ("Mary Ann", "Jean Paul", "María José"): the person is greeted by both.
var compoundFirst = map[string]bool{"mary": true, "anne": true, "ann": true, "anna": true, "jean": true, "marie": true,
	"maria": true, "maría": true, "josé": true, "jose": true, "juan": true, "ana": true, "sarah": true, "lisa": true,
	"jo": true, "billy": true, "bobby": true, "john": false, "luis": true, "miguel": true, "pierre": true, "rose": true,
	"lou": true, "betty": true, "emma": true, "ella": true, "mia": true, "leigh": true, "carol": true, "joanna": true}
var compoundSecond = map[string]bool{"ann": true, "anne": true, "jo": true, "lou": true, "beth": true, "kate": true,
	"claire": true, "jane": true, "marie": true, "louise": true, "pierre": true, "claude": true, "luc": true,
	"paul": true, "michel": true, "josé": true, "jose": true, "luis": true, "carlos": true, "antonio": true,
	"manuel": true, "pablo": true, "maría": true, "maria": true, "carmen": true, "isabel": true, "elena": true,
	"kay": true, "sue": true, "ellen": true, "grace": true, "rose": true, "lynn": true, "lynne": true, "françois": true,
	"baptiste": true, "christophe": true, "philippe": true, "eugenia": true, "fernanda": true, "teresa": true,
	"ángel": true, "angel": true, "david": false, "alice": true, "laure": true, "hélène": true, "sophie": true,
	"mae": true, "may": true, "belle": true, "ray": true, "bob": true, "joe": true, "lee": false}

// eastAsianSurnames are the commonest family names of Japan, China, Korea and Vietnam:
// written in Latin letters, a name with one of them may be in either order ("Sato Hiroshi"
// or "Hiroshi Sato"), so it is never cut in half.
var eastAsianSurnames = map[string]bool{
	"sato": true, "satō": true, "suzuki": true, "takahashi": true, "tanaka": true, "watanabe": true, "ito": true,
	"itō": true, "yamamoto": true, "nakamura": true, "kobayashi": true, "kato": true, "katō": true, "yoshida": true,
	"yamada": true, "sasaki": true, "yamaguchi": true, "matsumoto": true, "inoue": true, "kimura": true,
	"hayashi": true, "shimizu": true, "yamazaki": true, "mori": true, "abe": true, "ikeda": true, "hashimoto": true,
	"ishikawa": true, "ogawa": true, "okada": true, "goto": true, "hasegawa": true, "murakami": true, "kondo": true,
	"saito": true, "fujita": true, "endo": true, "aoki": true, "nishimura": true, "fukuda": true, "ota": true,
	"wang": true, "zhang": true, "liu": true, "chen": true, "yang": true, "huang": true, "zhao": true, "zhou": true,
	"xu": true, "sun": true, "ma": true, "zhu": true, "hu": true, "guo": true, "he": true, "lin": true, "luo": true,
	"gao": true, "zheng": true, "liang": true, "xie": true, "song": true, "tang": true, "deng": true, "feng": true,
	"kim": true, "park": true, "choi": true, "jung": true, "kang": true, "cho": true, "yoon": true, "jang": true,
	"lim": true, "han": true, "shin": true, "seo": true, "kwon": true, "hwang": true, "ahn": true, "oh": true,
	"nguyen": true, "tran": true, "pham": true, "hoang": true, "huynh": true, "phan": true, "vu": true, "dang": true,
	"bui": true, "do": true, "ngo": true, "duong": true, "ly": true,
}

// postNominal reports whether s, after a name's comma, is letters after a name ("DPT",
// "FSA", "LCSW"), not a given name: each word in capitals, two to eight of them.
func postNominal(s string) bool {
	ws := strings.Fields(s)
	for _, w := range ws {
		w = strings.Trim(w, ".,")
		caps := 0
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				caps++
			case r == '.' || r == '-' || r == '/' || r == '&':
			default:
				return false
			}
		}
		if caps < 2 || caps > 8 {
			return false
		}
	}
	return len(ws) > 0
}

// ParseName reads a name as the owner wrote it. Nothing is guessed and nothing is taken from
// an address; capitals are normalised only where the owner typed the name in capitals.
func ParseName(s string) Name {
	s = dropAsides(s)
	s = strings.Join(strings.Fields(strings.Trim(strings.TrimSpace(s), `"'“”`)), " ")
	if s == "" {
		return Name{}
	}
	if isAllCaps(s) {
		s = titleCase(s)
	}
	var n Name
	swapped := false
	// "Doe, Jane" (and "Doe, Jane, PhD"), but "Jane Doe, PhD" is in order.
	if last, first, ok := strings.Cut(s, ","); ok {
		first = strings.TrimSpace(first)
		if f, _, ok := strings.Cut(first, ","); ok {
			first = strings.TrimSpace(f)
		}
		switch {
		case first == "" || suffixes[strings.ToLower(first)] || postNominal(first):
			s = strings.TrimSpace(last)
		default:
			s, swapped = first+" , "+strings.TrimSpace(last), true
		}
	}
	words := strings.Fields(s)
	for len(words) > 0 && titles[strings.ToLower(words[0])] != "" {
		// "Frau Dr. Schmidt" is Dr. Schmidt: an academic title outranks a courtesy one.
		if t := titles[strings.ToLower(words[0])]; n.Title == "" || t == "Dr." || t == "Prof." || t == "Professor" {
			n.Title = t
		}
		words = words[1:]
		// The field of a German doctorate ("Dr. med.", "Dr. rer. nat.") goes with the title.
		for len(words) > 1 && strings.HasSuffix(words[0], ".") && words[0] == strings.ToLower(words[0]) {
			words = words[1:]
		}
	}
	for len(words) > 0 && suffixes[strings.ToLower(strings.Trim(words[len(words)-1], ","))] {
		words = words[:len(words)-1]
	}
	for len(words) > 0 && words[len(words)-1] == "," {
		words = words[:len(words)-1]
	}
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if teamWords[lw] || strings.ContainsAny(w, "@/<>0123456789&") {
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
	n.Person = true
	if i := indexOf(words, ","); swapped && i >= 0 {
		// "Last, First" says which is the family name: never unordered.
		given, family := words[:i], words[i+1:]
		n.First, n.Last = firstOf(given), strings.Join(family, " ")
		n.Full = strings.TrimSpace(strings.Join(given, " ") + " " + n.Last)
		return n
	}
	words = slices.DeleteFunc(words, func(w string) bool { return w == "," }) // "PhD, Jane": the suffix went first
	if len(words) == 0 {
		return Name{}
	}
	n.Full = strings.Join(words, " ")
	if cjk(n.Full) {
		// 田中 美咲: the family name usually first, but not always; one word or two.
		n.Unordered = true
		n.First = n.Full
		return n
	}
	if len(words) == 1 {
		if n.Title != "" {
			n.Last = words[0] // "Ms. Watanabe"
		} else {
			n.First = words[0]
		}
		return n
	}
	// A name that may begin with its family name ("Sato Hiroshi", "Wang Wei") is never cut: which
	// half is the given name cannot be told. One whose only East Asian surname comes last
	// ("Sarah Kim", "Hiroshi Sato") is in the given-first order, and cut as any other.
	if eastAsianSurnames[strings.ToLower(words[0])] {
		n.Unordered = true
		n.First = n.Full
		if n.Title != "" && !eastAsianSurnames[strings.ToLower(words[len(words)-1])] {
			// With a title, the surname is the first word when the last is none ("Mr. Wang Wei").
			n.Last = words[0]
		}
		return n
	}
	// The surname starts at its first particle ("Ludwig van Beethoven"), else it is the last word.
	lastAt := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if particles[strings.ToLower(words[i])] {
			lastAt = i
			break
		}
	}
	n.Last = strings.Join(words[lastAt:], " ")
	n.First = firstOf(words[:lastAt])
	return n
}

// firstOf is the given name among the given names and middle names: the first, or the first
// two when they make one ("Mary Ann").
func firstOf(given []string) string {
	if len(given) >= 2 && compoundFirst[strings.ToLower(given[0])] && compoundSecond[strings.ToLower(given[1])] {
		return given[0] + " " + given[1]
	}
	if len(given) == 0 {
		return ""
	}
	return given[0]
}

func indexOf(ws []string, s string) int {
	for i, w := range ws {
		if w == s {
			return i
		}
	}
	return -1
}

// cjk reports whether s is written in Chinese, Japanese or Korean script.
func cjk(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}

// isAllCaps reports whether the name was typed in capitals: more than one letter, none in lower case.
func isAllCaps(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper > 3
}

// titleCase writes each word of a name typed in capitals as names are written: "O'BRIEN"
// as O'Brien, "GARCÍA-LÓPEZ" as García-López, particles in lower case, suffixes as they are.
func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		low := strings.ToLower(w)
		switch {
		case i > 0 && particles[low]:
			ws[i] = low
		case suffixes[strings.Trim(low, ",")] && i > 0:
			switch strings.Trim(low, ",") {
			case "phd", "ph.d.", "ph.d":
				ws[i] = strings.Replace(low, strings.Trim(low, ","), "PhD", 1)
			}
		default:
			ws[i] = capitalWords(low)
		}
	}
	return strings.Join(ws, " ")
}

// capitalWords writes the first letter of each part of a word (after "-", "'" and "’") in
// upper case.
func capitalWords(w string) string {
	var b strings.Builder
	up := true
	for _, r := range w {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		up = r == '-' || r == '\'' || r == '’'
	}
	return b.String()
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
// (or by full name, or title and surname, as s says), or the neutral "Hello," when the name
// names no person. custom, when the owner gave one for the contact, is used as given.
// named says whether a name was used.
func Greeting(name, custom string, s Salutation) (greeting string, named bool) {
	if custom = HeaderSafe(strings.TrimSpace(custom)); custom != "" {
		return custom, true
	}
	n := ParseName(name)
	if !n.Person {
		return "Hello,", false
	}
	return "Dear " + n.Address(s) + ",", true
}

// Address is how the person is named after "Dear": the title and surname where the owner
// gave a title (by first_name and title_last_name), the given name by first_name, the whole
// name otherwise and whenever cutting it could take the wrong half.
func (n Name) Address(s Salutation) string {
	titled := ""
	switch {
	case givenNameTitles[n.Title] && n.First != "" && !n.Unordered:
		titled = n.Title + " " + n.First
	case n.Title != "" && n.Last != "":
		titled = n.Title + " " + n.Last
	}
	switch s {
	case FullName:
		if n.First == "" && titled != "" {
			return titled // "Ms. Watanabe": the surname alone needs its title
		}
		return n.Full
	case TitleLastName:
		if titled != "" {
			return titled
		}
		return n.Full
	}
	switch {
	case titled != "":
		return titled
	case n.Unordered || n.First == "":
		return n.Full
	}
	return n.First
}
