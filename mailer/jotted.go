package mailer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Notes are jotted, not written: "RN 5 yrs, 1 yr ICU", "team offsite", "mgmt style + 1:1s".
// A person writing the letter from them writes the words out ("five years as an RN"), puts
// the article a topic needs ("the team offsite") and turns a job into the role it is ("the
// ICU nursing role"). These rules do that much, and no more: a note they cannot make into a
// phrase is left out (ReadNotes), never placed as it was jotted.

// shorthandWords are the abbreviations notes are jotted in, and the words a letter uses.
var shorthandWords = map[string]string{
	"mgmt": "management", "mgr": "manager", "mgrs": "managers", "exp": "experience", "dept": "department",
	"hrs": "hours", "mos": "months", "wks": "weeks", "ppl": "people", "govt": "government", "thru": "through",
	"approx": "about", "yr": "year", "pt": "patient", "pts": "patients", "mtg": "meeting", "convo": "conversation",
	"mktg": "marketing", "dev": "development", "k8s": "Kubernetes", "prod": "production", "infra": "infrastructure",
	"biz": "business", "info": "information", "subs": "subscribers", "cust": "customer",
	"custs": "customers", "svc": "service", "acct": "account", "avg": "average", "abt": "about", "b/c": "because",
	"w/o": "without", "1:1": "one-on-one", "1:1s": "one-on-ones", "1-on-1": "one-on-one", "1-on-1s": "one-on-ones",
	"yoy": "year over year", "nxt": "next", "mngr": "manager", "eng": "engineering", "ops": "operations",
	"reqs": "requirements", "req": "requirement", "org": "organization", "orgs": "organizations",
	"acq": "acquisition", "prev": "previous", "v": "very", "mgmt's": "management's", "recs": "recommendations",
	"subbed": "worked as a substitute teacher", "const": "construction", "svcs": "services", "accts": "accounts",
	"epi": "epidemiology", "fed": "federal", "int'l": "international", "wknd": "weekend", "wknds": "weekends",
	"supers": "superintendents", "apps": "applications", "incl": "including", "w/in": "within", "maint": "maintenance", "conf": "conference", "assoc": "association", "reno": "renovation", "bldg": "building", "jr": "junior", "asst": "assistant", "j-school": "journalism school", "chem": "chemistry", "bio": "biology",
	"qtr": "quarter", "qtrs": "quarters", "cert": "certificate", "certs": "certificates", "wpm": "words per minute",
	"b/w": "between",
}

// tokenRe finds a jotted word: letters and digits, with "/", ":" or "-" inside.
var tokenRe = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9/:\-]*[A-Za-z0-9]|[A-Za-z0-9]`)

// expand writes one jotted word out ("mgmt", "1:1s", "nurse-to-pt"), or leaves it.
func expand(tok string) string {
	// Capitals are a name, not the shorthand: "ENG", and "PT", which to a physical
	// therapist is one ("1:1 w/ a PT"), not a patient.
	if w, ok := shorthandWords[strings.ToLower(tok)]; ok && tok != "OPS" && tok != "ENG" && tok != "ORG" && tok != "PT" && tok != "PTS" && tok != "PTs" {
		return w
	}
	if strings.Contains(tok, "-") {
		parts := strings.Split(tok, "-")
		for i, p := range parts {
			if w, ok := shorthandWords[strings.ToLower(p)]; ok && !strings.ContainsAny(w, " -") {
				parts[i] = w
			}
		}
		return strings.Join(parts, "-")
	}
	return tok
}

// numberWords are the numbers a letter spells out (one to nine), and the ordinals.
var numberWords = map[string]string{"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
	"7": "seven", "8": "eight", "9": "nine", "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
	"5th": "fifth", "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth"}

var (
	// yearsRe is "5 yrs", "1 yr": jotted years.
	yearsRe = regexp.MustCompile(`\b(\d+)\s*(yrs?|yr\.)(\b|$)`)
	// thousandsRe is "2k", "10K": jotted thousands.
	thousandsRe = regexp.MustCompile(`\b(\d{1,3})[kK]\b`)
	// fromToRe is "2,000->10,000" or "3 → 8": a change from one number to another.
	fromToRe = regexp.MustCompile(`([\d,.%$]+)\s*(?:->|→|=>)\s*([\d,.%$]+)`)
	// smallNumberRe is a number from one to nine, or an ordinal, standing alone.
	smallNumberRe = regexp.MustCompile(`(^|[\s(])([1-9]|[1-9](?:st|nd|rd|th))(\s|[);]|,\s|$)`)
	// envRe is "env law": env written out only where it cannot mean a computing environment.
	envRe = regexp.MustCompile(`(?i)\benv\.? (law|science|policy|studies|engineering|health|justice)\b`)
	// slashRe is "budgeting/resource allocation": two things jotted with a slash.
	slashRe = regexp.MustCompile(`\b([A-Za-z][a-z]{2,})/([A-Za-z][a-z]{2,})\b`)
	// asideRe is a jotted aside in brackets, all in lower case ("(best in industry)",
	// "(capstone, co-op)"): a letter leaves it out; "(WCAG 2.2)" is kept.
	asideRe = regexp.MustCompile(`\s*\(([a-z][a-z ,'\-]*)\)`)
	// myJobRe is "at current job", "from prev role": the owner's own job, with "my".
	myJobRe = regexp.MustCompile(`(?i)\b(at|in|from|on)\s+(current|previous|last|former|old|present)\s+(job|role|company|employer|position|workplace|team)\b`)
	// byPercentRe is "cut churn 18%": a change by a share, with its "by".
	byPercentRe = regexp.MustCompile(`(?i)\b(cut|reduced|raised|grew|increased|boosted|lowered|improved|decreased|lifted|dropped|doubled|tripled)\s+((?:[\w'-]+\s+){1,4}?)(\d+(?:\.\d+)?\s?%)`)
	// movedByRe is ", signups up 25%": what a result moved, jotted after a comma as a
	// headline figure.
	movedByRe = regexp.MustCompile(`(?i), ((?:[\w'-]+\s+){1,3}?)(up|down)\s+(\d+(?:\.\d+)?\s?%)`)
	// officeAdminRe is "office admin": the work, not the person.
	officeAdminRe = regexp.MustCompile(`(?i)\boffice admin\b`)
	// lotsOfRe is "lots of pediatric nursing exp": "a lot of", as a letter says it.
	lotsOfRe = regexp.MustCompile(`(?i)(^|[\s(])lots of\b`)
	// todoRe marks a note the owner wrote to themselves.
	todoRe = regexp.MustCompile(`(?i)\?\?|\b(idk|sth|smth|tbd|lol|ugh|hmm+|dunno|ask (?:him|her|them))\b|^\s*(?:sources?|answer|my answer|notes?|todo|to do|refs?|reminder|follow[- ]?up)\s*:`)
)

var (
	monthShort    = `(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?`
	monthAfterRe  = regexp.MustCompile(`(?i)\b((?:in|by|since|until|till|from|to|through|early|late|mid|of|before|after)\s+)` + monthShort + `\b`)
	monthBeforeRe = regexp.MustCompile(`(?i)\b` + monthShort + `(\s+\d{1,4})([^\d%]|$)`) // a day or a year, not "dec 18%"
	monthNames    = map[string]string{"jan": "January", "feb": "February", "mar": "March", "apr": "April", "jun": "June",
		"jul": "July", "aug": "August", "sep": "September", "sept": "September", "oct": "October", "nov": "November", "dec": "December"}
)

var (
	aboutRe    = regexp.MustCompile(`~\s*(\d)`)
	timesPerRe = regexp.MustCompile(`(?i)\b(\d+)x\s*/\s*(day|wk|week|mo|month|yr|year|hr|hour)\b`)
	perRe      = regexp.MustCompile(`(?i)(\d)\s*/\s*(day|wk|week|mo|month|yr|year|hr|hour)\b`)
	countPerRe = regexp.MustCompile(`(?i)\b(\d+)\s*(hrs|hours|days|shifts|calls|tickets|patients|visits|cases)\s*/\s*(day|wk|week|mo|month|yr|year)\b`)
	clockRe    = regexp.MustCompile(`(?i)\b(\d{1,2}(?::\d{2})?)\s*(am|pm)\b`)
	minutesRe  = regexp.MustCompile(`\b(\d+)\s*min\.?\s+(\p{Ll})`)
	unitAdjRe  = regexp.MustCompile(`\b(\d+)[ -](month|week|day|year|hour)\s+(residency|program|programme|contract|rotation|course|fellowship|internship|shift|cycle|training|project|plan|trial|orientation|placement)\b`)
	perUnits   = map[string]string{"day": "day", "wk": "week", "week": "week", "mo": "month", "month": "month", "yr": "year", "year": "year", "hr": "hour", "hour": "hour"}
)

var (
	// labelNumberRe is "grade 3", "phase 2", "IBEW local 134": a number that names a thing
	// keeps its digits ("grade three" is no one's way of writing it).
	labelNumberRe = regexp.MustCompile(`(?i)\b(grade|level|tier|phase|step|stage|version|room|floor|unit|ward|building|chapter|section|part|season|round|station|district|zone|local|class|year|day|week|cohort|pod|wing|gate|bay|route|lab|module|book)\s+([1-9])\b`)
	// basedRe is "play based curriculum": a compound adjective, hyphenated before its noun
	// ("play-based"); "team based in Austin" is a verb and stays.
	basedRe = regexp.MustCompile(`(?i)\b([a-z]+) (based|winning|driven|focused|oriented|facing)\s+([a-z]+)\b`)
	// trailingFigureRe is a figure jotted after its noun ("ticket volume about 50 a day",
	// "ratios 1:10", "caseload 40 families"): said of the topic, "of" it or before it.
	trailingFigureRe = regexp.MustCompile(`^(.*?[a-z])\s+((?:about|around|roughly|nearly|approximately|over|under|up to|more than|fewer than|less than)\s+\d.*|\d+:\d+.*|\d[\d,.]*\s+[a-z]+s\b.*|\d[\d,.]*\s+a\s+(?:day|week|month|year|shift)\b.*)$`)
	// withoutRe is "w/o": "without".
	withoutRe = regexp.MustCompile(`(?i)(^|[\s(])w/o\b`)
	// wordPerRe is "words/day": a count of things a day, not "words and day".
	wordPerRe = regexp.MustCompile(`(?i)\b([a-z]+s)\s*/\s*(day|wk|week|mo|month|yr|year|hr|hour)\b`)
	// dayPairRe is "fri/sat", "sat-sun": two days, by their names.
	dayPairRe = regexp.MustCompile(`(?i)\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[/-](mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b`)
	// namedNumberRe is a number after a name ("Unreal 5", "Revit 2"), which keeps its digit.
	namedNumberRe = regexp.MustCompile(`(\S\s+)([A-Z][a-z][a-zA-Z]*) ([1-9])\b`)
	// minutesEndRe is "8 min" not before a word: "8 minutes".
	minutesEndRe = regexp.MustCompile(`\b(\d+)\s*min\.?([\s,;)]|$)`)
	// timesXRe is "x2" after what was won: "twice".
	timesXRe = regexp.MustCompile(`\bx([2-5])\b`)
	// sizeAdjRe is "600 person conference", "90 day turnover": a size before its noun,
	// hyphenated.
	sizeAdjRe = regexp.MustCompile(`\b(\d[\d,]*)[ ](minute|hour|day|week|month|year|person|page|mile|acre|bed|seat|room|unit|point|step|story|storey|floor)\s+([a-z]+)\b`)
	// rangeRe is "from 14 to 9", "20 to 8": a range of numbers.
	rangeRe = regexp.MustCompile(`\b(\d+)(%?)(\s*(?:to|-)\s*)(\d+)\b`)
	// wordArrowRe is "airflow -> dagster": a move from one thing to another.
	wordArrowRe = regexp.MustCompile(`([A-Za-z])\s*(?:->|→|=>)\s*([A-Za-z])`)
	// fullMonthRe is a month after a word that dates it ("in march"), with its capital.
	fullMonthRe = regexp.MustCompile(`(?i)\b((?:in|by|since|until|till|from|through|early|late|mid|before|after)\s+)(january|february|march|april|june|july|august|september|october|november|december)\b`)
	// exSpaceRe is "ex college soccer player": "ex-", a former post.
	exSpaceRe = regexp.MustCompile(`(^|[\s,(])ex ([a-z])`)
	// langPairRe is a translator's pair, "ES>EN".
	langPairRe = regexp.MustCompile(`\b([A-Z]{2})\s*>\s*([A-Z]{2})\b`)
	// properWordRe is a word in lower case that may be a name written in capitals.
	properWordRe = regexp.MustCompile(`\b[a-z][a-z+#]*\b`)
	// apCourseRe is "AP chem": an Advanced Placement course by its name.
	apCourseRe = regexp.MustCompile(`\b(AP|IB) (chem|bio|lit|calc|stats|gov|psych|lang|physics|euro|apush|econ|bc calc|ab calc)\b`)
	// partOfRe is "two of four CPA sections": "two of the four".
	partOfRe       = regexp.MustCompile(`(?i)\b(one|two|three|four|five|six|seven|eight|nine|\d+) of (two|three|four|five|six|seven|eight|nine|\d+) ([a-z])`)
	countPlusRe    = regexp.MustCompile(`\b(\d[\d,.]*)\+(\s|$)`)
	wordPlusWordRe = regexp.MustCompile(`([\p{L}\d])\+([\p{L}\d])`)
)

// splitItems splits a jotted list at its commas and semicolons outside brackets, but not at
// the comma of a number ("2,000"): "dental cleanings, lots of exotics (rabbits, birds)" is
// two parts.
func splitItems(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case (r == ',' || r == ';') && depth == 0 && !(i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1])):
			if p := s[start:i]; strings.TrimSpace(p) != "" {
				out = append(out, p)
			}
			start = i + 1
		}
	}
	if p := s[start:]; strings.TrimSpace(p) != "" {
		out = append(out, p)
	}
	return out
}

// ratioRe is a ratio alone: "1:10".
var ratioRe = regexp.MustCompile(`^\d+:\d+$`)

// labelWord reports whether w names a thing by a number after it ("grade 3", "phase 2").
func labelWord(w string) bool {
	return labelNumberRe.MatchString(w + " 1")
}

// lastWord is s's last word, as typed.
func lastWord(s string) string {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// unabbreviate writes a note's shorthand out: "+" and "&" as "and", "w/" as "with", "5 yrs"
// as "five years", "2k->10k" as "from 2,000 to 10,000", "mgmt" as "management", the numbers
// one to nine as words.
func unabbreviate(s string) string {
	s = strings.ReplaceAll(s, "C++", "C\x00\x00")
	s = withoutRe.ReplaceAllString(s, "${1}without") // before "w/" is "with"
	s = wordPerRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := wordPerRe.FindStringSubmatch(m)
		return sub[1] + " a " + perUnits[strings.ToLower(sub[2])]
	})
	s = dayPairRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := dayPairRe.FindStringSubmatch(m)
		return dayNames[strings.ToLower(sub[1])] + " and " + dayNames[strings.ToLower(sub[2])]
	})
	// "+" between words is "and" ("SQL+Tableau", "Java + Python"); after a count it is "more
	// than" ("20+ yrs", "300+ covers"); at a word's end it is the word's ("CompTIA A+"), as
	// "&" inside one is ("FP&A", "R&D").
	s = countPlusRe.ReplaceAllString(s, "more than $1$2")
	// A month jotted short is written out where it is a date: "in Feb", "by Jan 15", "Oct
	// 2026"; "churn dec 18%" is a decrease and stays.
	s = monthAfterRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := monthAfterRe.FindStringSubmatch(m)
		return sub[1] + monthNames[strings.ToLower(sub[2])]
	})
	s = monthBeforeRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := monthBeforeRe.FindStringSubmatch(m)
		return monthNames[strings.ToLower(sub[1])] + sub[2] + sub[3]
	})
	// Rates: "~50/day" is "about 50 a day", "2x/yr" "twice a year", "3x/wk" "3 times a week".
	s = aboutRe.ReplaceAllString(s, "about $1")
	s = timesPerRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := timesPerRe.FindStringSubmatch(m)
		times := sub[1] + " times"
		if sub[1] == "2" {
			times = "twice"
		} else if sub[1] == "1" {
			times = "once"
		}
		return times + " a " + perUnits[strings.ToLower(sub[2])]
	})
	s = countPerRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := countPerRe.FindStringSubmatch(m)
		what := sub[2]
		if w, ok := shorthandWords[strings.ToLower(what)]; ok {
			what = w
		}
		return sub[1] + " " + what + " a " + perUnits[strings.ToLower(sub[3])]
	})
	// "45 min visits" "45-minute visits"; "12 month residency" "12-month
	// residency".
	s = minutesRe.ReplaceAllString(s, "$1-minute $2")
	s = minutesEndRe.ReplaceAllString(s, "$1 minutes$2")
	s = timesXRe.ReplaceAllStringFunc(s, func(m string) string {
		return map[string]string{"2": "twice", "3": "three times", "4": "four times", "5": "five times"}[timesXRe.FindStringSubmatch(m)[1]]
	})
	s = sizeAdjRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := sizeAdjRe.FindStringSubmatch(m)
		if prepositions[sub[3]] || notAfterSize[sub[3]] {
			return m
		}
		return sub[1] + "-" + sub[2] + " " + sub[3]
	})
	s = unitAdjRe.ReplaceAllString(s, "$1-$2 $3")
	s = perRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := perRe.FindStringSubmatch(m)
		return sub[1] + " a " + perUnits[strings.ToLower(sub[2])]
	})
	s = wordPlusWordRe.ReplaceAllString(s, "$1 and $2")
	s = strings.NewReplacer(" + ", " and ", " & ", " and ", "w/ ", "with ", " w/", " with").Replace(s)
	s = strings.ReplaceAll(s, "C\x00\x00", "C++")
	s = yearsRe.ReplaceAllStringFunc(s, func(m string) string {
		if n := yearsRe.FindStringSubmatch(m)[1]; n != "1" {
			return n + " years"
		}
		return "1 year"
	})
	s = thousandsRe.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[:len(m)-1])
		return commaThousands(n * 1000)
	})
	s = fromToRe.ReplaceAllString(s, "from $1 to $2")
	s = envRe.ReplaceAllString(s, "environmental $1")
	s = officeAdminRe.ReplaceAllString(s, "office administration")
	s = lotsOfRe.ReplaceAllString(s, "${1}a lot of")
	s = byPercentRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := byPercentRe.FindStringSubmatch(m)
		for _, w := range strings.Fields(sub[2]) {
			if w == "by" || w == "to" || w == "from" {
				return m
			}
		}
		for _, a := range []string{"about ", "around ", "nearly ", "almost ", "over ", "roughly "} {
			if what, ok := strings.CutSuffix(sub[2], a); ok {
				return sub[1] + " " + what + "by " + a + sub[3] // "cut waste by about 10%"
			}
		}
		return sub[1] + " " + sub[2] + "by " + sub[3]
	})
	s = movedByRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := movedByRe.FindStringSubmatch(m)
		return ", and " + sub[1] + map[string]string{"up": "rose", "down": "fell"}[strings.ToLower(sub[2])] + " by " + sub[3]
	})
	s = asideRe.ReplaceAllStringFunc(s, func(m string) string {
		if w := words(m); len(w) > 0 && (jobNouns[w[len(w)-1]] || personTitles[w[len(w)-1]]) {
			return m // "Lynn (attorney)": who someone is, which says the note is a person
		}
		return ""
	})
	s = slashRe.ReplaceAllStringFunc(s, func(m string) string {
		if a, b, _ := strings.Cut(m, "/"); !strings.EqualFold(a, "and") && !strings.EqualFold(b, "or") {
			return a + " and " + b
		}
		return m
	})
	for _, p := range jottedPhrases {
		s = p.re.ReplaceAllString(s, p.to)
	}
	s = wordArrowRe.ReplaceAllString(s, "$1 to $2")
	s = fullMonthRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := fullMonthRe.FindStringSubmatch(m)
		return sub[1] + upperFirst(strings.ToLower(sub[2]))
	})
	s = exSpaceRe.ReplaceAllString(s, "${1}ex-$2")
	s = langPairRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := langPairRe.FindStringSubmatch(m)
		a, b := langCodes[sub[1]], langCodes[sub[2]]
		if a == "" || b == "" {
			return m
		}
		return a + " into " + b
	})
	s = properCase(s)
	s = apCourseRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := apCourseRe.FindStringSubmatch(m)
		return sub[1] + " " + apCourses[strings.ToLower(sub[2])]
	})
	s = basedRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := basedRe.FindStringSubmatch(m)
		if prepositions[strings.ToLower(sub[3])] || prepositions[strings.ToLower(sub[1])] || sub[3] == "out" ||
			verbStarts[strings.ToLower(sub[1])] || determiners[strings.ToLower(sub[1])] || sub[3] == "and" || sub[3] == "or" {
			return m
		}
		return sub[1] + "-" + sub[2] + " " + sub[3]
	})
	s = labelNumberRe.ReplaceAllString(s, "$1 \x01$2")
	// "from 14 to 9": a range keeps one style, digits, when either end needs them.
	s = rangeRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := rangeRe.FindStringSubmatch(m)
		if len(sub[1]) < 2 && len(sub[4]) < 2 {
			return m
		}
		return "\x01" + sub[1] + sub[2] + sub[3] + "\x01" + sub[4]
	})
	s = namedNumberRe.ReplaceAllString(s, "$1$2 \x01$3")
	// Twice: a match takes the space after it, which the next one may begin with.
	for i := 0; i < 2; i++ {
		if i == 0 {
			s = tokenRe.ReplaceAllStringFunc(s, expand)
			s = myJobRe.ReplaceAllString(s, "$1 my $2 $3")
		}
		s = smallNumberRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := smallNumberRe.FindStringSubmatch(m)
			return sub[1] + numberWords[sub[2]] + sub[3]
		})
	}
	s = strings.ReplaceAll(s, "\x01", "")
	s = partOfRe.ReplaceAllString(s, "$1 of the $2 $3")
	// After the small numbers are written out: a time of day keeps its digits ("5 AM").
	s = clockRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := clockRe.FindStringSubmatch(m)
		return sub[1] + " " + strings.ToUpper(sub[2])
	})
	return spacesRe.ReplaceAllString(s, " ")
}

func commaThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// countHeads are the nouns a jotted topic ends in that need an article when they stand
// alone: "team offsite" is "the team offsite", but "remote work" needs none.
// phraseEnds are participles that end a noun phrase: "the FAA audit coming up in March".
var phraseEnds = map[string]bool{"coming": true, "going": true, "starting": true, "happening": true, "planned": true,
	"scheduled": true, "due": true, "expected": true, "launching": true}

// moveRe is a move from one thing to another named by its kind: "Airflow to Dagster
// migration".
var moveRe = regexp.MustCompile(`^(\S+(?: \S+)?) to (\S+(?: \S+){0,2}) (\w+)$`)

// relativeWords end a noun phrase: "a usability study that cut checkout drop-off".
var relativeWords = map[string]bool{"that": true, "which": true, "who": true, "whose": true}

var countHeads = map[string]bool{
	"count": true, "certificate": true, "license": true, "permit": true, "volume": true,
	// The fifth letter hunt's topics (2026-12-07).
	"board": true, "reopening": true, "beat": true, "gala": true, "split": true, "scanner": true, "inventory": true,
	"loan": true, "policy": true, "brief": true, "call": true, "week": true, "rush": true,
	"protocol": true, "transfer": true, "port": true, "collection": true, "competition": true, "entry": true,
	"drive": true, "appeal": true, "event": true, "festival": true, "series": true, "season": true, "menu": true,
	"kitchen": true, "portal": true, "hearing": true, "docket": true, "remodel": true, "bid": true,
	"committee": true, "sprint": true, "calendar": true,
	"offsite": true, "flow": true, "funnel": true, "checkout": true, "project": true, "migration": true, "rewrite": true, "redesign": true, "rollout": true,
	"launch": true, "role": true, "position": true, "job": true, "process": true, "pipeline": true, "platform": true,
	"system": true, "roadmap": true, "rotation": true, "team": true, "program": true, "programme": true, "plan": true,
	"budget": true, "clinic": true, "unit": true, "ward": true, "curriculum": true, "campaign": true, "audit": true,
	"merger": true, "reorg": true, "expansion": true, "app": true, "website": true, "newsletter": true, "tour": true,
	"presentation": true, "demo": true, "exercise": true, "assignment": true, "workshop": true, "conference": true,
	"initiative": true, "department": true, "office": true, "store": true, "branch": true, "schedule": true,
	"model": true, "framework": true, "strategy": true, "vision": true, "mission": true, "product": true,
	"feature": true, "tool": true, "dashboard": true, "report": true, "database": true, "stack": true, "scope": true,
	"structure": true, "organization": true, "class": true, "classroom": true, "course": true, "module": true,
	"backlog": true, "release": true, "deadline": true, "contract": true, "account": true, "proposal": true,
	"grant": true, "study": true, "trial": true, "survey": true, "panel": true, "opening": true, "vacancy": true,
	"style": true, "approach": true, "partnership": true, "acquisition": true, "restructuring": true,
	"transition": true, "renovation": true, "upgrade": true, "integration": true, "overhaul": true, "move": true,
	"library": true, "lab": true, "studio": true, "shop": true, "warehouse": true, "hospital": true, "school": true,
	"district": true, "firm": true, "practice": true, "agency": true, "portfolio": true, "pilot": true,
	"api": true, "service": true, "queue": true, "onboarding": false, "handbook": true, "playbook": true,
	"timeline": true, "interview": true, "environment": true, "commitment": true, "culture": true, "community": true,
	"cycle": true, "fleet": true, "path": true, "ratio": true, "requirement": true, "apprenticeship": true,
	"residency": true, "internship": true, "fellowship": true, "practicum": true,
	"atmosphere": true, "philosophy": true, "emphasis": true, "shift": true, "pivot": true, "push": true, "switch": true, "change": true, "mix": true, "territory": true, "region": true, "caseload": true, "floor": true, "site": true, "center": true, "centre": true,
}

// jobWords end a topic that is the job itself: "ICU nurse job" is "the ICU nursing role".
var jobWords = map[string]bool{"job": true, "position": true, "opening": true, "gig": true, "vacancy": true, "post": true, "role": true}

// fieldOf names a field by the people who work in it, as a role is named: "nursing role".
var fieldOf = map[string]string{"nurse": "nursing", "teacher": "teaching", "accountant": "accounting",
	"paralegal": "paralegal", "designer": "design", "marketer": "marketing", "recruiter": "recruiting"}

// modifierStop are words that cannot stand before the head of a bare noun phrase: a phrase
// holding one is not a topic an article can be put before.
func modifierStop(w string) bool {
	return determiners[w] || verbStarts[w] || whWords[w] || prepositions[w] || readerWords[w] != "" || w == "your" ||
		w == "and" || w == "or" || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "'s") || numberish(w)
}

var prepositions = map[string]bool{"of": true, "in": true, "on": true, "at": true, "for": true, "with": true,
	"from": true, "to": true, "through": true, "during": true, "across": true, "into": true, "about": true,
	"by": true, "as": true, "over": true, "under": true, "after": true, "before": true, "around": true, "via": true}

func numberish(w string) bool {
	if w == "" {
		return true
	}
	if _, ok := numberWords[w]; ok {
		return true
	}
	for k, n := range numberWords {
		if n == w && len(k) == 1 {
			return true // a count, not an ordinal ("third grade")
		}
	}
	return strings.ContainsAny(w[:1], "0123456789$")
}

// bareHead reports whether the words from ws[i] up to the next preposition or the end are a
// noun phrase without a determiner whose head (its last word) needs an article; n is how
// many words it has.
func bareHead(ws []string, i int) (n int, ok bool) {
	j := i
	for j < len(ws) && !prepositions[ws[j]] && ws[j] != "and" && ws[j] != "or" && !relativeWords[ws[j]] && !timeAfter(ws, j) && !(j > i && phraseEnds[ws[j]]) {
		j++
	}
	if j == i || j-i > 4 {
		return 0, false
	}
	head := ws[j-1]
	for k, w := range ws[i : j-1] {
		// A number inside a name or a ratio before a thing named once is a modifier ("the
		// 5:1 ratio", "the IBEW local 134 apprenticeship"), not a count ("two new clinics").
		modifier := strings.ContainsAny(w, "0123456789") && !strings.HasSuffix(head, "s") && (k > 0 || strings.Trim(w, "0123456789") != "")
		if modifierStop(w) && !modifier {
			return 0, false
		}
	}
	// A head that is also a verb ("plan") is the thing at the end of a noun phrase.
	return j - i, countHeads[head] && !determiners[head]
}

// timeAfter reports whether ws[j] begins a time said after a noun phrase: "the product
// launch next quarter", "the reorg this year".
func timeAfter(ws []string, j int) bool {
	return j > 0 && j+1 < len(ws) && (ws[j] == "next" || ws[j] == "last" || ws[j] == "this") && timeNouns[ws[j+1]]
}

var timeNouns = map[string]bool{"week": true, "month": true, "quarter": true, "year": true, "spring": true,
	"summer": true, "fall": true, "autumn": true, "winter": true, "semester": true, "term": true, "season": true}

// ownerNouns are common nouns whose possessive begins a topic that needs "the": "the team's
// innovative approaches", but "Kaiser's outreach" (a name) and "her team's" need none.
var ownerNouns = map[string]bool{"team": true, "company": true, "staff": true, "hospital": true, "unit": true,
	"department": true, "school": true, "clinic": true, "firm": true, "group": true, "organization": true,
	"board": true, "manager": true, "director": true, "founder": true, "ceo": true, "university": true,
	"practice": true, "agency": true, "lab": true, "office": true, "program": true, "panel": true, "district": true}

// withArticle puts "the" before the bare noun phrase at word i of s ("team offsite", "scope
// of role"), and before the one after each "of" in it.
func withArticle(s string, i int) string {
	fields := strings.Fields(s)
	low := make([]string, len(fields))
	for k, f := range fields {
		low[k] = strings.ToLower(strings.Trim(f, ",.;:()"))
	}
	var out []string
	for k, f := range fields {
		if k == i && f == low[k] && ownerNouns[strings.TrimSuffix(low[k], "'s")] && strings.HasSuffix(low[k], "'s") {
			out = append(out, "the")
		} else if k == i || k > 0 && low[k-1] == "of" && k > i {
			if _, ok := bareHead(low, k); ok {
				out = append(out, "the")
			}
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// jobTopic turns a topic that is a job ("ICU nurse job", "charge nurse position") into the
// role as a letter names it: "the ICU nursing role".
func jobTopic(s string) (string, bool) {
	fields := strings.Fields(s)
	if len(fields) < 2 || len(fields) > 5 || !jobWords[strings.ToLower(fields[len(fields)-1])] {
		return s, false
	}
	for _, w := range words(strings.Join(fields[:len(fields)-1], " ")) {
		if modifierStop(w) {
			return s, false
		}
	}
	fields[len(fields)-1] = "role"
	if f, ok := fieldOf[strings.ToLower(fields[len(fields)-2])]; ok {
		fields[len(fields)-2] = f
	}
	return "the " + strings.Join(fields, " "), true
}

// topicPhrase makes a jotted topic one a person writes: the job as the role, a bare topic
// with its article, each part of "X and Y" on its own.
func topicPhrase(s string) string {
	if t, ok := jobTopic(s); ok {
		return t
	}
	// What is in brackets is said of the topic, not part of it: "the pro bono requirement
	// (50 hours a year)".
	aside := ""
	if m := trailingFigureRe.FindStringSubmatch(s); m != nil && !strings.Contains(s, "(") {
		if hw := words(m[1]); len(hw) > 0 && !prepositions[hw[len(hw)-1]] && !labelWord(hw[len(hw)-1]) && !numberish(hw[len(hw)-1]) {
			// What a figure is said of is a thing known to both: "the ticket volume".
			head := withArticle(m[1], 0)
			if head == m[1] && !determiners[hw[0]] && len(hw) <= 3 && m[1] == strings.ToLower(m[1]) {
				head = "the " + head
			}
			if ratioRe.MatchString(m[2]) {
				// "ratios 1:10": "the 1:10 ratios".
				h, rest, _ := strings.Cut(head, " ")
				if h == "the" {
					return "the " + m[2] + " " + rest
				}
			}
			return head + " of " + m[2]
		}
	}
	if i := strings.Index(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s, aside = s[:i], s[i:]
	}
	if ws := words(s); len(ws) > 1 && len(ws) <= 6 && !strings.Contains(s, " and ") && !strings.HasSuffix(ws[len(ws)-1], "ing") &&
		(numberish(ws[0]) || strings.HasPrefix(s, "$") || len(ws) == 3 && ws[1] == "of" && numberish(ws[2])) {
		// "280 employees", "$1.2M quota", "crew of three": a count or a sum said of something
		// both know, "the 280 employees".
		return "the " + s + aside
	}
	if m := moveRe.FindStringSubmatch(s); m != nil && countHeads[strings.ToLower(m[3])] && !determiners[strings.ToLower(firstWord(s))] && !possessives[strings.ToLower(firstWord(s))] {
		return "the " + s + aside // "the Airflow to Dagster migration", "the Unity to Unreal 5 port"
	}
	parts := strings.Split(s, " and ")
	for i, p := range parts {
		parts[i] = withArticle(p, 0)
	}
	return strings.Join(parts, " and ") + aside
}

// roleAcronyms are posts jotted as letters ("RN 5 yrs"), with the article each takes.
var roleAcronyms = map[string]bool{"rn": true, "lpn": true, "rdh": true, "gm": true, "cna": true, "cpa": true, "emt": true, "np": true,
	"pa": true, "pm": true, "sre": true, "swe": true, "ta": true, "ra": true, "dba": true, "cfo": true, "cto": true,
	"ceo": true, "vp": true, "hr": false, "qa": false, "bdr": true, "sdr": true, "csm": true, "ae": true,
	// Students say what they are the same way ("CS junior", "new grad").
	"junior": true, "senior": true, "sophomore": true, "freshman": true, "student": true, "grad": true, "graduate": true,
	"major": true}

var (
	// roleYearsRe is "RN five years", "cashier three years": a post and how long.
	roleYearsRe = regexp.MustCompile(`(?i)^(.+?)\s+(one|two|three|four|five|six|seven|eight|nine|\d+)\s+years?(\s+.*)?$`)
	// yearsAsRe is "five years as cashier at Target".
	yearsAsRe = regexp.MustCompile(`(?i)^((?:more than |over )?(?:one|two|three|four|five|six|seven|eight|nine|\d+))\s+(years?|months?)\s+as\s+(.+)$`)
	// yearsOfRe is "three years Python", "one year ICU": years of something, jotted.
	yearsOfRe = regexp.MustCompile(`(?i)^((?:more than |over )?(?:one|two|three|four|five|six|seven|eight|nine|\d+))\s+(years?|months?)\s+(.+)$`)
)

// isPost reports whether s names a post: a role noun at its end ("cashier", "charge
// nurse") or a post's letters ("RN").
func isPost(s string) bool {
	ws := words(s)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	for _, w := range ws[:len(ws)-1] {
		if modifierStop(w) {
			return false
		}
	}
	last := ws[len(ws)-1]
	return roleNouns[last] || roleAcronyms[last]
}

// withIndefinite puts "a" or "an" before a post ("an RN", "a cashier at Target") unless it
// has a determiner.
func withIndefinite(s string) string {
	if determiners[firstWord(s)] {
		return s
	}
	s = lowerFirst(s)
	return articleFor(s) + " " + s
}

// articleFor is "a" or "an" for the phrase s, letters of an acronym said as letters ("an
// RN", "an SRE", "a CPA").
func articleFor(s string) string {
	f, _, _ := strings.Cut(s, " ")
	if len(f) >= 2 && len(f) <= 5 && f == strings.ToUpper(f) && f != strings.ToLower(f) {
		if strings.ContainsRune("AEFHILMNORSX", rune(f[0])) {
			return "an"
		}
		return "a"
	}
	return article(s)
}

// credentials are what a person holds ("my degree", "my BSME"), read after "bring my".
var credentials = map[string]bool{"degree": true, "diploma": true, "license": true, "licence": true,
	"certification": true, "certificate": true, "bsme": true, "bsee": true, "bsn": true, "bs": true, "ba": true,
	"bsc": true, "msc": true, "ms": true, "ma": true, "mba": true, "phd": true, "jd": true, "cpa": false, "pmp": true}

// degrees and certifications are credentials jotted as letters ("OTD, OTR/L", "CCRN"): a
// degree is "my MBA", a licence or certification "my CCRN certification", several "my OTD
// and OTR/L credentials"; never "experience with" them.
var degrees = map[string]bool{"bs": true, "ba": true, "bsc": true, "bsn": true, "bsme": true, "bsee": true, "msc": true,
	"ms": true, "mba": true, "phd": true, "jd": true, "md": true, "otd": true, "dpt": true, "pharmd": true, "dnp": true, "od": true,
	"msn": true, "adn": true, "edd": true, "mph": true, "msw": true, "llb": true, "llm": true, "meng": true, "beng": true,
	"mfa": true, "bfa": true, "mat": true, "med": false, "ma": true, "mpp": true, "mpa": true,
	// The fifth letter hunt's fields (2026-12-07): libraries, architecture, dentistry,
	// veterinary medicine, psychology, business, social work.
	"mlis": true, "mls": true, "bla": true, "m.arch": true, "b.arch": true, "dds": true, "dmd": true, "dvm": true,
	"psyd": true, "mha": true, "bba": true, "bsw": true, "mdiv": true, "msba": true, "macc": true, "bsba": true}
var certifications = map[string]bool{"pmp": true, "otr/l": true, "cota": true, "ccrn": true, "cen": true, "acls": true,
	"bls": true, "pals": true, "cissp": true, "ccna": true, "ccnp": true, "cfa": true, "lcsw": true, "lmft": true,
	"shrm-cp": true, "shrm-scp": true, "phr": true, "sphr": true, "cma": true, "cpc": true, "cphq": true, "csm": false,
	"itil": true, "comptia": true, "six sigma": true, "rhit": true, "rhia": true, "ckad": true, "cka": true, "osha": true,
	"servsafe": true, "cdl": true, "nclex": false,
	// The fifth letter hunt's (2026-12-07): social work, veterinary, fundraising, supply
	// chain, security, engineering, events, actuarial, insurance, aviation, pharmacy,
	// dental, behaviour analysis, building.
	"lgsw": true, "licsw": true, "lmsw": true, "lsw": true, "lpc": true, "lpcc": true, "cvt": true, "lvt": true,
	"rvt": true, "cfre": true, "cscp": true, "cpim": true, "cltd": true, "security+": true, "cysa+": true,
	"network+": true, "ceh": true, "oscp": true, "cism": true, "cisa": true, "gsec": true, "eit": true, "cmp": true,
	"csep": true, "fsa": true, "acas": true, "fcas": true, "cpcu": true, "aic": true, "a&p": true, "cfi": true,
	"cfii": true, "rph": true, "cpht": true, "rdh": false, "ccma": true, "leed": true, "ncarb": true, "capm": true,
	"cfp": true, "cams": true, "bcba": true, "rbt": true, "ibclc": true, "cbap": true, "cwi": true, "nabcep": true}

// credentialWord reports whether it is a degree or certification written as letters
// ("OTR/L", "MBA"), as the owner jots them: capitals, not the word "ma" or "bs" in a phrase.
func credentialWord(it string) bool {
	w := strings.ToLower(strings.TrimSpace(it))
	return (degrees[w] || certifications[w]) && it != w
}

// heldItem reads a part of a jotted fit that says what the owner holds or is: a licence
// ("licensed journeyman", "licensed in NY and NJ"), a certification ("board certified in
// orthopedics", "ServSafe certified"), languages ("bilingual english/spanish"), a degree with
// its field, school or date ("BS stats", "PhD Yale 2023", "BSN May 2026", "MPP from Ohio
// State"), a credential or certificate ("CDA credential", "OSHA 10"), an internship or a
// capstone, a count of things made ("4 papers on reef fish").
func heldItem(it string) (fitItem, bool) {
	ws := strings.Fields(it)
	if len(ws) == 0 {
		return fitItem{}, false
	}
	low := strings.ToLower(ws[0])
	rest := strings.Join(ws[1:], " ")
	next := ""
	if len(ws) > 1 {
		next = strings.ToLower(ws[1])
	}
	linking := next == "in" || next == "to" || next == "as" || next == "for" || next == "by"
	if next == "and" || next == "or" {
		return fitItem{}, false // "BSME and hands-on design experience": each side on its own
	}
	switch {
	case low == "licensed" && len(ws) > 1 && linking:
		return fitItem{"held", "am " + it}, true
	case low == "licensed" && len(ws) > 1:
		return fitItem{"held", "am " + withIndefinite(it)}, true
	case low == "board" && next == "certified", low == "certified" && len(ws) > 1:
		pre, after, _ := strings.Cut(it, "certified")
		after = strings.TrimSpace(after)
		if f := strings.ToLower(firstWord(after)); f != "in" && f != "to" && f != "as" && f != "for" && f != "by" {
			after = "in " + after
		}
		return fitItem{"held", "am " + pre + "certified " + after}, true
	case len(ws) == 2 && (next == "certified" || next == "licensed") && !verbStarts[low] && !determiners[low] && low != "not" && low != "getting":
		return fitItem{"held", "am " + it}, true
	case len(ws) > 2 && len(ws) <= 5 && strings.ToLower(ws[len(ws)-1]) == "certified" && !verbStarts[low] && !determiners[low]:
		// "AP Chemistry and biology certified": "am certified in AP Chemistry and biology".
		return fitItem{"held", "am certified in " + strings.Join(ws[:len(ws)-1], " ")}, true
	case credentialWord(ws[0]) && strings.EqualFold(rest, "in progress"):
		// "CFRE in progress": "am working toward my CFRE".
		return fitItem{"held", "am working toward my " + ws[0]}, true
	case len(ws) == 2 && certifications[low] && !degrees[low] && credentialWord(ws[0]) && next == ws[1] && !prepositions[next] && !numberish(next) && !credentialHeads[next]:
		// "ServSafe manager": "my ServSafe manager certification".
		return fitItem{"bring", "my " + it + " certification"}, true
	case low == "bilingual" || low == "trilingual" || low == "fluent":
		langs := strings.Fields(strings.TrimPrefix(rest, "in "))
		for i, l := range langs {
			if languageNames[strings.ToLower(l)] {
				langs[i] = upperFirst(strings.ToLower(l))
			}
		}
		return fitItem{"held", "am " + low + " in " + strings.Join(langs, " ")}, true
	case credentialWord(ws[0]) && len(ws) > 1 && certifications[low] && strings.ContainsAny(rest, "+0123456789") && !yearRe.MatchString(ws[len(ws)-1]):
		// "CompTIA A+ and Net+", "OSHA 10": the certifications by their levels.
		if strings.Contains(rest, " and ") {
			return fitItem{"bring", "my " + it + " certifications"}, true
		}
		return fitItem{"bring", "my " + it + " certification"}, true
	case credentialWord(ws[0]) && len(ws) > 1 && credentialHeads[strings.ToLower(ws[len(ws)-1])]:
		return fitItem{"bring", "my " + it}, true // "my A&P certificate"
	case credentialWord(ws[0]) && len(ws) > 1 && certifications[low] && !degrees[low] && !yearRe.MatchString(ws[len(ws)-1]):
		// "NABCEP PV associate": the certification and its level.
		tail := strings.Fields(rest)
		for i, w := range tail {
			if w == strings.ToLower(w) && !prepositions[w] {
				tail[i] = upperFirst(w)
			}
		}
		return fitItem{"bring", "my " + ws[0] + " " + strings.Join(tail, " ") + " certification"}, true
	case credentialWord(ws[0]) && len(ws) > 1:
		return fitItem{"bring", "my " + ws[0] + degreeTail(ws[1:])}, true
	case len(ws) == 2 && acronymRe.MatchString(ws[0]) && credentialWord(ws[1]) && certifications[strings.ToLower(ws[1])]:
		return fitItem{"bring", "my " + it + " certification"}, true // "APICS CSCP"
	case len(ws) == 3 && acronymRe.MatchString(ws[0]) && strings.EqualFold(rest, "in progress"):
		return fitItem{"held", "am working toward my " + ws[0]}, true // "OCS in progress"
	case len(ws) > 2 && acronymRe.MatchString(ws[0]) && next == "certified":
		return fitItem{"held", "am " + ws[0] + " certified for " + strings.Join(ws[2:], " ")}, true // "ATA certified for Spanish into English"
	case len(ws) > 1 && credentialHeads[strings.ToLower(ws[len(ws)-1])] && !determiners[low]:
		return fitItem{"bring", "my " + it}, true
	case experiencePlaces[low] && len(ws) > 1:
		return fitItem{"bring", "my " + it}, true
	case len(ws) > 2 && numberish(low) && !strings.HasPrefix(strings.ToLower(ws[1]), "year") && !strings.HasPrefix(strings.ToLower(ws[1]), "month") &&
		strings.HasSuffix(strings.ToLower(ws[1]), "s"):
		return fitItem{"bring", it}, true
	}
	return fitItem{}, false
}

// degreeTail is what follows a degree or certification jotted as letters, as a letter says
// it: a field ("stats": " in stats"), a school (" from Yale", with its year: " from Yale
// (2023)", "Georgetown '24": " from Georgetown (2024)"), a date (" (May 2026)"), a level or
// number ("OSHA 10": " 10 certification", "CFA level II" as written).
func degreeTail(ws []string) string {
	first := ws[0]
	lowFirst := strings.ToLower(first)
	year := ""
	if last := ws[len(ws)-1]; len(ws) > 1 && yearRe.MatchString(last) {
		year = strings.TrimPrefix(last, "'")
		if len(year) == 2 {
			year = "20" + year
		}
		ws = ws[:len(ws)-1]
	}
	rest := strings.Join(ws, " ")
	withYear := func(s string) string {
		if year != "" {
			return s + " (" + year + ")"
		}
		return s
	}
	switch {
	case lowFirst == "in" || lowFirst == "from" || lowFirst == "at":
		return withYear(" " + rest)
	case months[lowFirst]:
		return " (" + strings.TrimSpace(rest+" "+year) + ")"
	case yearRe.MatchString(first) && len(ws) == 1:
		// "PharmD 2022": the year of the degree.
		return " (" + strings.TrimPrefix(first, "'") + ")"
	case numberish(lowFirst) && len(ws) == 1:
		return " " + first + " certification"
	case lowFirst == "level" || numberish(lowFirst):
		return withYear(" " + rest)
	case first != lowFirst:
		return withYear(" from " + rest)
	}
	return withYear(" in " + rest)
}

var yearRe = regexp.MustCompile(`^('\d{2}|(19|20)\d{2})$`)

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true}

// credentialHeads end what the owner holds: "CDA credential", "paralegal certificate".
var credentialHeads = map[string]bool{"credential": true, "certificate": true, "certification": true, "license": true, "licence": true, "permit": true,
	"degree": true, "minor": true, "diploma": true}

// shortNameRe is an exam's or a credential's letters, one letter or more ("P", "FM").
var shortNameRe = regexp.MustCompile(`^[A-Z][A-Z0-9&+/.-]{0,7}$`)

// acronymRe is a word in capitals: a body's or a credential's letters ("APICS", "OCS").
var acronymRe = regexp.MustCompile(`^[A-Z][A-Z0-9&+/.-]{1,7}$`)

// experiencePlaces begin what the owner did as a student or trainee: "internship at State
// Farm", "capstone in the ICU".
var experiencePlaces = map[string]bool{"internship": true, "externship": true, "capstone": true, "practicum": true,
	"clerkship": true, "fellowship": true, "apprenticeship": true, "co-op": true}

var languageNames = map[string]bool{"english": true, "spanish": true, "french": true, "german": true, "mandarin": true,
	"cantonese": true, "portuguese": true, "italian": true, "japanese": true, "korean": true, "arabic": true, "hindi": true,
	"russian": true, "vietnamese": true, "tagalog": true, "polish": true, "dutch": true, "turkish": true, "urdu": true,
	"bengali": true, "punjabi": true, "farsi": true, "hebrew": true, "greek": true, "ukrainian": true, "asl": true}

// roleWords are posts jotted as letters, written out where a letter names the post with
// what it did ("my experience as a project manager on …").
// studentHeads end what a student or a new graduate is ("journalism school graduate").
var studentHeads = map[string]bool{"graduate": true, "grad": true, "student": true, "major": true, "junior": true,
	"senior": true, "sophomore": true, "freshman": true}

var roleWords = map[string]string{"pm": "project manager", "swe": "software engineer", "em": "engineering manager", "gm": "general manager"}

// fitItem is one part of a jotted fit, read: what kind it is and its words.
type fitItem struct {
	// "bring" (a jotted phrase after bring: years, a credential), "phrase" (a plain noun
	// phrase after bring), "post" (what the owner is), "clause" (after I), "years" (bare
	// years), "credential" (a degree or certification as letters), "held" (a clause saying
	// one is held: "am PMP certified"), "noun" (none of these).
	kind string
	text string
}

var bareYearsRe = regexp.MustCompile(`(?i)^((?:more than |over )?(?:one|two|three|four|five|six|seven|eight|nine|\d+))\s+(years?|months?)$`)

// readFitItem reads one part of a fit jotted as a list, or says it is none of the kinds a
// list is made of.
func readFitItem(it string) (fitItem, bool) {
	it = strings.TrimPrefix(strings.TrimSpace(it), "and ")
	if ws := words(it); len(ws) > 2 && (ws[0] == "just" || ws[0] == "recently" || ws[0] == "newly") && (pastVerbs[ws[1]] || ws[1] == "got" || ws[1] == "passed" || ws[1] == "finished") {
		return fitItem{"clause", lowerFirst(it)}, true // "just got my license"
	}
	if f, ok := formerPost(it); ok {
		return fitItem{"bring", f}, true // "ex-college soccer player", before it reads as a post
	}
	if c, ok := heldItem(it); ok {
		return c, true
	}
	if ws := strings.Fields(it); len(ws) > 1 && doneWords[strings.ToLower(ws[len(ws)-1])] {
		// "two of the six AREs passed": "passed two of the six AREs".
		return fitItem{"clause", strings.ToLower(ws[len(ws)-1]) + " " + strings.Join(ws[:len(ws)-1], " ")}, true
	}
	if percentLeadRe.MatchString(it) {
		return fitItem{"clause", "achieved " + it}, true // "98% GRR", "118% of quota last year"
	}
	if ownables(it) {
		// "education and hands-on experience": the owner's own, "my education and …".
		return fitItem{"bring", "my " + lowerFirst(it)}, true
	}
	num := func(n string) string { return strings.ToLower(n) }
	switch w := firstWord(it); {
	case bareYearsRe.MatchString(it):
		return fitItem{"years", strings.ToLower(it)}, true
	case yearsAsRe.MatchString(it):
		m := yearsAsRe.FindStringSubmatch(it)
		return fitItem{"bring", num(m[1]) + " " + m[2] + " as " + withIndefinite(m[3])}, true
	case yearsOfRe.MatchString(it) && strings.Contains(it, " and ") && yearsOfRe.MatchString(strings.SplitN(it, " and ", 2)[1]):
		// "two years SDR and two years AE": each on its own.
		return fitItem{"noun", it}, false
	case yearsOfRe.MatchString(it):
		m := yearsOfRe.FindStringSubmatch(it)
		what := m[3]
		switch fw := firstWord(what); {
		case fw == "at" && !strings.Contains(what, " and "):
			return fitItem{"bring", num(m[1]) + " " + m[2] + " at " + withArticle(strings.TrimSpace(what[2:]), 0)}, true
		case prepositions[fw] || gerund(fw) || strings.HasSuffix(fw, "ing") && presentVerbs[strings.TrimSuffix(fw, "ing")]:
			return fitItem{"bring", num(m[1]) + " " + m[2] + " " + what}, true
		case isPost(what):
			return fitItem{"bring", num(m[1]) + " " + m[2] + " as " + withIndefinite(what)}, true
		}
		if b, a, ok := strings.Cut(what, " at "); ok && isPost(b) {
			// "3 yrs PM at a marketplace startup": "three years as a PM at a marketplace startup".
			return fitItem{"bring", num(m[1]) + " " + m[2] + " as " + withIndefinite(b) + " at " + atPlace(a)}, true
		}
		if b, a, ok := strings.Cut(what, " at "); ok && len(words(b)) <= 3 && !strings.HasSuffix(b, " experience") {
			// "2 yrs front desk at a Hampton Inn": "two years of front desk experience at a
			// Hampton Inn", the place after the experience.
			return fitItem{"bring", num(m[1]) + " " + m[2] + " of " + b + " experience at " + atPlace(a)}, true
		}
		if strings.HasSuffix(what, " experience") {
			// "7 yrs admin experience": the experience is said once.
			return fitItem{"bring", num(m[1]) + " " + m[2] + " of " + what}, true
		}
		return fitItem{"bring", num(m[1]) + " " + m[2] + " of " + what + " experience"}, true
	case roleYearsRe.MatchString(it) && strings.Contains(roleYearsRe.FindStringSubmatch(it)[1], " at ") &&
		isPost(strings.SplitN(roleYearsRe.FindStringSubmatch(it)[1], " at ", 2)[0]):
		// "cashier at walmart 3 yrs": "three years as a cashier at walmart".
		m := roleYearsRe.FindStringSubmatch(it)
		n, unit := strings.ToLower(m[2]), "years"
		if n == "one" || n == "1" {
			unit = "year"
		}
		return fitItem{"bring", n + " " + unit + " as " + withIndefinite(m[1]) + strings.TrimRight(m[3], " ")}, true
	case roleYearsRe.MatchString(it) && isPost(roleYearsRe.FindStringSubmatch(it)[1]):
		m := roleYearsRe.FindStringSubmatch(it)
		n, unit := strings.ToLower(m[2]), "years"
		if n == "one" || n == "1" {
			unit = "year"
		}
		return fitItem{"bring", n + " " + unit + " as " + withIndefinite(m[1]) + strings.TrimRight(m[3], " ")}, true
	case isPost(it):
		return fitItem{"post", it}, true
	case credentialWord(it):
		return fitItem{"credential", strings.TrimSpace(it)}, true
	case len(words(it)) == 1 && credentials[w]:
		return fitItem{"bring", "my " + it}, true
	case len(words(it)) > 2 && credentialWord(strings.Fields(it)[0]) && words(it)[1] == "in":
		// "PhD in chemistry".
		return fitItem{"bring", "my " + it}, true
	case len(words(it)) == 2 && credentialWord(strings.Fields(it)[0]) && (words(it)[1] == "certified" || words(it)[1] == "licensed"):
		// "PMP certified".
		return fitItem{"held", "am " + it}, true
	case w == "like" || w == "love" || w == "enjoy":
		return fitItem{"clause", lowerWord(it)}, true
	}
	if ws := words(it); len(ws) > 1 && ownWorks[ws[0]] {
		// "book under contract with UNC Press": the owner's own work, not experience with it.
		if heldStateRe.MatchString(it) {
			return fitItem{"held", "have " + withIndefinite(it)}, true
		}
		return fitItem{"bring", "my " + it}, true
	}
	if before, after, ok := strings.Cut(it, " of "); ok && isPost(before) {
		// "GM of a 200-room Marriott", "CFO of a $600M system".
		post := before
		if full, ok := roleWords[strings.ToLower(before)]; ok {
			post = full
		}
		return fitItem{"bring", "my experience as " + withIndefinite(post) + " of " + after}, true
	}
	if f, ok := formerPost(it); ok {
		// "ex-consultant".
		return fitItem{"bring", f}, true
	}
	if before, after, ok := strings.Cut(it, " at "); ok && isPost(before) {
		// "award-winning PM at current employer": the post, and where.
		post := before
		if ws := strings.Fields(post); len(ws) > 0 {
			if full, ok := roleWords[strings.ToLower(ws[len(ws)-1])]; ok {
				ws[len(ws)-1] = full
				post = strings.Join(ws, " ")
			}
		}
		if ws := words(post); studentHeads[ws[len(ws)-1]] {
			// "sophomore marketing major at UMich": what the owner is now.
			return fitItem{"held", "am " + withIndefinite(post) + " at " + after}, true
		}
		return fitItem{"bring", "my experience as " + withIndefinite(post) + " at " + atPlace(after)}, true
	}
	if before, after, ok := strings.Cut(it, " with "); ok && isPost(before) {
		// "PM with renewable energy projects": the post, and what it was on.
		post := before
		if full, ok := roleWords[strings.ToLower(post)]; ok {
			post = full
		}
		if ws := words(post); studentHeads[ws[len(ws)-1]] {
			// "j-school grad with honors": what the owner is, "a journalism school graduate".
			if ws[len(ws)-1] == "grad" {
				post = strings.TrimSuffix(post, "grad") + "graduate"
			}
			return fitItem{"held", "am " + withIndefinite(post) + " with " + after}, true
		}
		prep := " with "
		if strings.HasSuffix(after, "projects") || strings.HasSuffix(after, "project") {
			prep = " on "
		}
		return fitItem{"bring", "my experience as " + withIndefinite(post) + prep + after}, true
	}
	if c, ok := clauseFromI(it, true); ok {
		return fitItem{"clause", c}, true
	}
	if experienceHeads[headOf(it)] {
		return fitItem{"phrase", nounPhrase(it)}, true
	}
	return fitItem{"noun", it}, false
}

// jottedFit reads a fit jotted as a list of posts, years, credentials and what the owner
// likes ("RN five years, one year ICU", "new grad RN, cardiac clinical rotation", "CS
// junior, know Java and Python", "SQL and Tableau, three years") as a clause after "I":
// "bring five years as an RN and one year of ICU experience", "am a new grad RN and bring
// experience from the cardiac clinical rotation". It reads only lists that have such a
// part; a plain noun phrase or a list of skills is read elsewhere.
func jottedFit(s string) (string, bool) {
	parts := joinAcronyms(joinStates(splitItems(s)))
	var items []fitItem
	jotted := false
	for _, p := range parts {
		it, ok := readFitItem(p)
		if (!ok || it.kind == "phrase") && strings.Contains(p, " and ") {
			// "degree and two years office administration": each side on its own, if both read.
			var sub []fitItem
			all, signal := true, false
			for _, q := range strings.Split(p, " and ") {
				si, ok := readFitItem(q)
				all = all && ok
				signal = signal || si.kind != "phrase"
				sub = append(sub, si)
			}
			if all && signal {
				items = append(items, sub...)
				jotted = true
				continue
			}
		}
		if ok && it.kind != "clause" && it.kind != "phrase" || ok && len(parts) > 1 {
			jotted = true
		}
		items = append(items, it)
	}
	if !jotted {
		return "", false
	}
	hasYears := false
	for _, it := range items {
		hasYears = hasYears || it.kind == "years" || strings.Contains(it.text, " years") || strings.Contains(it.text, " year ")
	}
	var bring, clauses []string
	post := ""
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch it.kind {
		case "credential":
			// Credentials side by side are said together: "my OTD and OTR/L credentials".
			run := []string{it.text}
			for i+1 < len(items) && items[i+1].kind == "credential" {
				i++
				run = append(run, items[i].text)
			}
			switch {
			case len(run) > 1:
				bring = append(bring, "my "+joinList(run)+" credentials")
			case degrees[strings.ToLower(run[0])] || credentialHeads[strings.ToLower(lastWord(run[0]))]:
				bring = append(bring, "my "+run[0]) // "my A&P certificate", not "… certificate certification"
			default:
				bring = append(bring, "my "+run[0]+" certification")
			}
		case "years":
			if len(bring) == 0 && i > 0 && items[i-1].kind == "held" && len(clauses) > 0 {
				// "licensed journeyman, 7 yrs": "am a licensed journeyman with seven years of
				// experience".
				clauses[len(clauses)-1] += " with " + it.text + " of experience"
				continue
			}
			if len(bring) == 0 {
				return "", false
			}
			prev := bring[len(bring)-1]
			if post, ok := strings.CutPrefix(prev, "my experience as "); ok {
				bring[len(bring)-1] = it.text + " as " + post // "five years as an RDH"
				continue
			}
			if what, ok := strings.CutPrefix(prev, "experience "); ok {
				bring[len(bring)-1] = it.text + " of experience " + what
			} else {
				bring[len(bring)-1] = it.text + " of " + prev
			}
		case "post":
			if post == "" && i == 0 && !hasYears {
				post = "am " + withIndefinite(it.text)
			} else {
				bring = append(bring, "my experience as "+withIndefinite(it.text))
			}
		case "clause", "held":
			clauses = append(clauses, it.text)
		case "noun":
			bring = append(bring, fitNounPhrase(lowerFirst(it.text)))
		case "phrase":
			bring = append(bring, it.text)
		default:
			bring = append(bring, it.text)
		}
	}
	for i := 1; i < len(bring); i++ {
		if rest, ok := strings.CutPrefix(bring[i], "my experience as "); ok && strings.Contains(strings.Join(bring[:i], " "), "experience") {
			bring[i] = "my time as " + rest // not "… experience and my experience as …"
		}
	}
	var out []string
	if len(items) > 0 && items[0].kind == "clause" {
		// "passed two of the four CPA sections, QuickBooks": the owner's order, the clause first.
		out = append(out, clauses...)
		clauses = nil
	}
	if post != "" {
		out = append(out, post)
	}
	if len(bring) > 0 {
		out = append(out, "bring "+joinList(bring))
	}
	out = append(out, clauses...)
	// "am a CS junior, and I know Java": each part its own clause, as a person writes it;
	// three or more as a list, not a chain of "and"s.
	if len(out) > 2 {
		return strings.Join(out[:len(out)-1], ", I ") + ", and I " + out[len(out)-1], true
	}
	return strings.Join(out, ", and I "), len(out) > 0
}

var dayNames = map[string]string{"mon": "Monday", "tue": "Tuesday", "tues": "Tuesday", "wed": "Wednesday",
	"thu": "Thursday", "thur": "Thursday", "thurs": "Thursday", "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}

// notAfterSize are words after "3 day" that make it no size before a noun: "3 day ago".
var notAfterSize = map[string]bool{"ago": true, "later": true, "early": true, "late": true, "old": true, "left": true,
	"away": true, "and": true, "or": true, "notice": false, "straight": true, "running": true, "total": true}

// possessives begin a phrase that needs no article: "your plans to grow the team".
var possessives = map[string]bool{"your": true, "their": true, "his": true, "her": true, "its": true, "our": true, "my": true}

// jottedPhrases are shorthand of more than one word, or inside one, as a letter writes it.
var jottedPhrases = []struct {
	re *regexp.Regexp
	to string
}{
	{regexp.MustCompile(`\bSec\+`), "Security+"},                     // CompTIA's "Sec+"
	{regexp.MustCompile(`\bPI lit\b`), "personal injury litigation"}, // a paralegal's
	{regexp.MustCompile(`(?i)\b(lead g)en\b`), "${1}eneration"},      // "lead gen"
	{regexp.MustCompile(`\bMS (counselor|teacher|math|science|english|history|principal|band|art|librarian|nurse|coach|social)\b`), "middle school $1"},
	{regexp.MustCompile(`\bHS (counselor|teacher|math|science|english|history|principal|band|art|librarian|nurse|coach|social)\b`), "high school $1"},
	{regexp.MustCompile(`\b([2-7])x(8|10|12) shifts\b`), "$1 $2-hour shifts"}, // "4x10 shifts": four 10-hour shifts
	{regexp.MustCompile(`(?i)\b(desk|field|staff|claims|independent|public) adj\b\.?`), "$1 adjuster"},
	{regexp.MustCompile(`(^|[\s(])0 `), "${1}zero "}, // "0 drawer shortages"
	{regexp.MustCompile(`(?i)\b(first|second|senior|co|last) author\b`), "${1}-author"},
	{regexp.MustCompile(`(?i)\b(\d+(?:st|nd|rd|th)) st\b\.?`), "\x01$1 Street"}, // "5th Street" keeps its digits
	{regexp.MustCompile(`(?i)\b(first|1st)[ -]gen\b`), "first-generation"},
	{regexp.MustCompile(`\b([cC])ase load\b`), "${1}aseload"},
	{regexp.MustCompile(`(?i)\b(sports|family|internal|emergency) med\b\.?`), "$1 medicine"},
	{regexp.MustCompile(`(?i)\b(?:over )?(?:the )?next couple(?: of)? (yrs|years|months|mos|weeks|wks)\b`), "over the next couple of $1"},
	{regexp.MustCompile(`(?i)\b(couple of|few|several|next) yrs\b`), "$1 years"},
	{regexp.MustCompile(`(?i)\b(a|the|great|good|small|big|this|that|whole|new|old|fun) co(\s|$|[,.;)])`), "$1 company$2"},
}

// langCodes are the language codes translators jot their pairs in.
var langCodes = map[string]string{"EN": "English", "ES": "Spanish", "FR": "French", "DE": "German", "PT": "Portuguese",
	"IT": "Italian", "ZH": "Chinese", "JA": "Japanese", "JP": "Japanese", "KO": "Korean", "RU": "Russian", "AR": "Arabic",
	"NL": "Dutch", "PL": "Polish", "UK": "Ukrainian", "VI": "Vietnamese", "HI": "Hindi", "TR": "Turkish"}

// properWords are tools and languages owners jot in lower case, as their makers write them.
// Only names that are not also common words in notes ("spark", "rhino" are, in a fit, the
// tools; "target" and "steam" are left).
var properWords = map[string]string{"python": "Python", "javascript": "JavaScript", "typescript": "TypeScript",
	"java": "Java", "golang": "Go", "kotlin": "Kotlin", "swift": "Swift", "ruby": "Ruby", "rust": "Rust", "sql": "SQL",
	"postgres": "Postgres", "postgresql": "PostgreSQL", "mysql": "MySQL", "excel": "Excel", "tableau": "Tableau",
	"salesforce": "Salesforce", "hubspot": "HubSpot", "quickbooks": "QuickBooks", "revit": "Revit", "rhino": "Rhino",
	"autocad": "AutoCAD", "sketchup": "SketchUp", "solidworks": "SolidWorks", "stata": "Stata", "spss": "SPSS",
	"matlab": "MATLAB", "figma": "Figma", "jira": "Jira", "splunk": "Splunk", "aws": "AWS", "azure": "Azure",
	"docker": "Docker", "kubernetes": "Kubernetes", "terraform": "Terraform", "react": "React", "spark": "Spark",
	"kafka": "Kafka", "airflow": "Airflow", "snowflake": "Snowflake", "photoshop": "Photoshop", "illustrator": "Illustrator",
	"indesign": "InDesign", "wordpress": "WordPress", "epic": "Epic", "cerner": "Cerner", "xactimate": "Xactimate",
	"trados": "Trados", "pastperfect": "PastPerfect", "unity": "Unity", "unreal": "Unreal", "blender": "Blender",
	"zendesk": "Zendesk", "workday": "Workday", "sap": "SAP", "netsuite": "NetSuite", "linux": "Linux", "c#": "C#",
	"dagster": "Dagster", "dbt": "dbt", "looker": "Looker", "procore": "Procore", "gainsight": "Gainsight"}

// toolWords are the names in properWords that are also words ("how they react", "I excel
// at", "team unity"): written as the tool only beside another tool or before what a tool
// makes ("spark pipelines", "revit + rhino", "epic charting").
var toolWords = map[string]bool{"java": true, "swift": true, "ruby": true, "rust": true, "excel": true, "rhino": true,
	"azure": true, "react": true, "spark": true, "airflow": true, "snowflake": true, "epic": true, "unity": true,
	"unreal": true, "blender": true, "workday": true, "sap": true}

// toolNouns follow a tool's name: "spark pipelines", "react components".
var toolNouns = map[string]bool{"pipeline": true, "pipelines": true, "jobs": true, "app": true, "apps": true,
	"native": true, "components": true, "code": true, "developer": true, "models": true, "standards": true,
	"charting": true, "cluster": true, "clusters": true, "dashboards": true, "scripts": true, "costs": true,
	"bill": true, "warehouse": true, "dags": true, "port": true, "engine": true, "migration": true, "macros": true,
	"spreadsheets": true, "certification": true, "developers": true}

// properCase writes a tool or a language jotted in lower case as its makers write it
// ("python" Python, "spanish" Spanish), a name that is also a word only where it is one.
func properCase(s string) string {
	locs := properWordRe.FindAllStringIndex(s, -1)
	tool := func(k int) bool { // the word at locs[k] names a tool either way
		if k < 0 || k >= len(locs) {
			return false
		}
		w := s[locs[k][0]:locs[k][1]]
		_, ok := properWords[w]
		return ok || acronymRe.MatchString(w)
	}
	var b strings.Builder
	last := 0
	for k, l := range locs {
		w := s[l[0]:l[1]]
		out := w
		if p, ok := properWords[w]; ok {
			out = p
			if toolWords[w] {
				next := ""
				if k+1 < len(locs) {
					next = s[locs[k+1][0]:locs[k+1][1]]
				}
				between := func(i, j int) string { return strings.TrimSpace(s[i:j]) }
				prev := ""
				if k > 0 {
					prev = s[locs[k-1][0]:locs[k-1][1]]
				}
				besideTool := k > 0 && tool(k-1) && listSep(between(locs[k-1][1], l[0])) ||
					k > 1 && (prev == "and" || prev == "to") && listSep(between(locs[k-1][1], l[0])) && tool(k-2) ||
					k+1 < len(locs) && tool(k+1) && listSep(between(l[1], locs[k+1][0])) ||
					k+2 < len(locs) && listSep(between(l[1], locs[k+1][0])) && (next == "and" || next == "to") && tool(k+2)
				if !besideTool && !toolNouns[next] {
					out = w
				}
			}
		} else if languageNames[w] && w != "asl" {
			out = upperFirst(w)
		}
		b.WriteString(s[last:l[0]])
		b.WriteString(out)
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// listSep reports whether what stands between two words makes them items of one list: a
// comma, a slash, "+", or nothing but a space.
func listSep(between string) bool {
	return between == "" || between == "," || between == "/" || between == "+" || between == "&"
}

// apCourses are the courses "AP chem" names.
var apCourses = map[string]string{"chem": "Chemistry", "bio": "Biology", "lit": "Literature", "calc": "Calculus",
	"stats": "Statistics", "gov": "Government", "psych": "Psychology", "lang": "Language", "physics": "Physics",
	"euro": "European History", "apush": "US History", "econ": "Economics", "bc calc": "Calculus BC", "ab calc": "Calculus AB"}

// doneWords end a jotted thing done: "2 of 6 AREs passed".
var doneWords = map[string]bool{"passed": true, "completed": true, "done": true, "finished": true}

// percentLeadRe is a result jotted as its figure: "98% GRR".
var percentLeadRe = regexp.MustCompile(`^\d[\d.]*%\s+\S`)

// atPlace is a place jotted after "at" with the article it needs: "a fintech", "an HR tech
// startup" (one of its kind), "the county historical society" (the one there is); a name
// ("Target", "the Met") or a place with its article as it is.
func atPlace(p string) string {
	ws := words(p)
	fs := strings.Fields(p)
	if len(ws) == 0 || determiners[ws[0]] || ws[0] == "my" || strings.ToLower(fs[len(fs)-1]) != fs[len(fs)-1] ||
		upperFirst(ws[0]) == fs[0] && !acronymRe.MatchString(fs[0]) {
		return p // "XYZ Bank", "Target": a name
	}
	head := ws[len(ws)-1]
	switch {
	case oneOfKind[head]:
		return withIndefinite(p)
	case theOneThere[head] || countHeads[head]:
		return "the " + p
	}
	return p
}

// oneOfKind are places one works at as one of many: "at a startup", "at an agency".
var oneOfKind = map[string]bool{"startup": true, "firm": true, "agency": true, "company": true, "nonprofit": true,
	"practice": true, "clinic": true, "hospital": true, "bank": true, "restaurant": true, "hotel": true, "plant": true,
	"fintech": true, "consultancy": true, "brewery": true, "bakery": true, "shop": true, "studio": true, "lab": true,
	"oem": true, "manufacturer": true, "distributor": true, "retailer": true, "nursery": true, "paper": true}

// theOneThere are places named by what they are, the one there is: "the county historical
// society", "the legislative budget office".
var theOneThere = map[string]bool{"society": true, "office": true, "department": true, "museum": true, "library": true,
	"council": true, "court": true, "commission": true, "authority": true, "district": true, "center": true, "centre": true}

// ownableHeads are what every owner has of their own, said with "my": "my education".
var ownableHeads = map[string]bool{"education": true, "experience": true, "background": true, "training": true,
	"skills": true, "coursework": true, "schooling": true, "studies": true}

// ownables reports whether it is only such things, joined by "and", each at most three
// words: "education and hands-on experience", "education and work experience".
func ownables(it string) bool {
	parts := strings.Split(strings.TrimSpace(it), " and ")
	if len(parts) < 2 && !ownableHeads[strings.ToLower(strings.TrimSpace(it))] {
		return false
	}
	for _, p := range parts {
		ws := words(p)
		if len(ws) == 0 || len(ws) > 3 || !ownableHeads[ws[len(ws)-1]] || determiners[ws[0]] || numberish(ws[0]) {
			return false
		}
	}
	return firstWord(it) != "my"
}

// ownWorks are what an owner made and names bare in a fit: "book under contract", "paper
// in review".
var ownWorks = map[string]bool{"book": true, "novel": true, "monograph": true, "paper": true, "article": true,
	"patent": true, "thesis": true, "dissertation": true, "app": true, "memoir": true, "manuscript": true,
	"projects": true, "work": true, "research": true}

// heldStateRe is where an owner's work stands: "under contract", "in press", "accepted".
var heldStateRe = regexp.MustCompile(`(?i)\b(under contract|in press|in review|under review|forthcoming|accepted|pending)\b`)

// joinStates joins the states a jotted licence lists ("licensed adjuster in NE, KS, IA")
// back to the item they belong to: "licensed adjuster in NE, KS and IA".
func joinStates(parts []string) []string {
	var out []string
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		if !stateEndRe.MatchString(strings.TrimSpace(p)) {
			out = append(out, p)
			continue
		}
		var run []string
		for i+1 < len(parts) && stateRe.MatchString(strings.TrimSpace(parts[i+1])) {
			i++
			run = append(run, strings.TrimSpace(parts[i]))
		}
		if len(run) > 0 {
			p = strings.TrimRight(p, " ")
			if len(run) > 1 {
				p += ", " + strings.Join(run[:len(run)-1], ", ")
			}
			p += " and " + run[len(run)-1]
		}
		out = append(out, p)
	}
	return out
}

// joinAcronyms joins the short names jotted after a thing done back to it ("passed P, FM,
// SRM": "passed P, FM and SRM").
func joinAcronyms(parts []string) []string {
	if len(parts) < 2 || !shortNameRe.MatchString(lastWord(parts[0])) {
		return parts
	}
	if _, ok := clauseFromI(strings.TrimSpace(parts[0]), true); !ok {
		return parts
	}
	i := 1
	for i < len(parts) && shortNameRe.MatchString(strings.TrimSpace(parts[i])) {
		i++
	}
	if i == 1 {
		return parts
	}
	run := []string{strings.TrimSpace(parts[0])}
	for _, p := range parts[1:i] {
		run = append(run, strings.TrimSpace(p))
	}
	return append([]string{strings.Join(run[:len(run)-1], ", ") + " and " + run[len(run)-1]}, parts[i:]...)
}

var (
	stateRe    = regexp.MustCompile(`^[A-Z]{2}$`)
	stateEndRe = regexp.MustCompile(`\b(in|across) [A-Z]{2}$`)
)

// experienceHeads are the nouns of a fit that reads after "bring": "five years of Go", "a
// background in fintech", "experience with Epic".
var experienceHeads = map[string]bool{"experience": true, "years": true, "year": true, "months": true,
	"background": true, "skills": true, "skill": true, "knowledge": true, "expertise": true, "understanding": true,
	"record": true, "history": true, "grasp": true, "foundation": true, "mix": true, "combination": true, "eye": true,
	"knack": true, "passion": true, "familiarity": true, "fluency": true, "degree": true, "certification": true,
	"training": true, "portfolio": true, "mindset": true, "perspective": true, "ability": true, "abilities": true,
	"strengths": true, "sense": true, "network": true, "exposure": true, "insight": true, "energy": true,
	"approach": true, "focus": true, "commitment": true, "talent": true, "talents": true, "instincts": true}

// quantities head a phrase only by counting what follows "of": "a lot of experience".
var quantities = map[string]bool{"lot": true, "lots": true, "plenty": true, "deal": true, "bit": true, "wealth": true}

// headOf is the head of a noun phrase: the word before its first preposition, or its last.
func headOf(s string) string {
	ws := words(s)
	for i, w := range ws {
		if prepositions[w] && i > 0 {
			if w == "of" && quantities[ws[i-1]] {
				return headOf(strings.Join(ws[i+1:], " ")) // "a lot of nursing experience"
			}
			return ws[i-1]
		}
	}
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

// fitNounPhrase makes a noun phrase the owner brings: as it is when its head says so ("five
// years of Go"), else as experience from the places it names ("experience from the
// environmental law clinic and coursework"), in the fields it names ("experience in
// customer service"), or with the tools it names ("experience with Go and Kafka").
func fitNounPhrase(s string) string {
	if experienceHeads[headOf(s)] || determiners[firstWord(s)] {
		return s
	}
	parts := strings.Split(s, " and ")
	proper, places := true, false
	for i, p := range parts {
		if lowerFirst(p) != p || strings.ToLower(p) == p {
			proper = false
		}
		if _, ok := bareHead(words(p), 0); ok {
			places = true
		}
		parts[i] = withArticle(p, 0)
	}
	switch {
	case proper:
		return "experience with " + s
	case places:
		return "experience from " + strings.Join(parts, " and ")
	}
	return "experience in " + s
}

// formerPost reads "former 3rd grade teacher", "ex-barista" as the owner's experience in the
// post: "my experience as a third grade teacher".
func formerPost(s string) (string, bool) {
	low := strings.ToLower(s)
	for _, p := range []string{"former ", "ex-", "ex ", "previously ", "prev "} {
		if rest, ok := strings.CutPrefix(low, p); ok && isPost(strings.TrimSpace(parenRe.ReplaceAllString(rest, ""))) {
			return "my experience as " + withIndefinite(s[len(p):]), true
		}
	}
	return "", false
}

// commaVerbRe is ", cut churn": a second thing done, jotted after a comma.
var commaVerbRe = regexp.MustCompile(`, ([a-z]+)\b`)

// joinVerbs joins a second thing done to the first with "and": "built the program, cut
// churn by 18%" is "built the program and cut churn by 18%".
func joinVerbs(s string) string {
	return commaVerbRe.ReplaceAllStringFunc(s, func(m string) string {
		w := m[2:]
		if pastVerbs[w] || strings.HasSuffix(w, "ed") && len(w) > 4 && !edAdjectives[w] {
			return " and " + w
		}
		return m
	})
}

// clauseArticles puts "the" before a bare noun phrase right after the clause's verb
// ("automated release process" → "automated the release process") and "a" before "team of"
// ("led a team of six"), and "the" after a preposition that takes one ("through EHR rollout").
func clauseArticles(s string) string {
	fields := strings.Fields(s)
	if len(fields) < 2 {
		return s
	}
	low := make([]string, len(fields))
	for k, f := range fields {
		low[k] = strings.ToLower(strings.Trim(f, ",.;:()"))
	}
	var out []string
	for k, f := range fields {
		after := k == 1 || k > 1 && (low[k-1] == "through" || low[k-1] == "during" || low[k-1] == "for" || low[k-1] == "of" || low[k-1] == "on" || low[k-1] == "at")
		if after && low[k] == "team" && k+1 < len(low) && low[k+1] == "of" {
			out = append(out, "a")
		} else if after {
			if n, ok := bareHead(low, k); ok && !(k > 1 && low[k-1] == "for") {
				if k == 1 && credentialHeads[low[k+n-1]] {
					out = append(out, "my") // "renewed my immunization certificate"
				} else {
					out = append(out, "the")
				}
			}
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// youWords turn the owner's "she", "his" about the one person a letter goes to towards
// them: notes given for that person are about them.
var youWords = map[string]string{"he": "you", "she": "you", "him": "you", "his": "your", "hers": "yours",
	"himself": "yourself", "herself": "yourself", "he's": "you're", "she's": "you're"}

// toYou turns the third person of a note about the reader into the second: "her team's
// on-call" → "your team's on-call", "what she said about hiring" → "what you said about
// hiring". "her" is "your" before a noun, "you" otherwise ("asked her about").
func toYou(s string) string {
	fields := strings.Fields(s)
	for i, f := range fields {
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		low := strings.ReplaceAll(strings.ToLower(core), "’", "'")
		to, ok := youWords[low]
		if low == "her" {
			to, ok = "you", true
			if i+1 < len(fields) && !prepositions[strings.ToLower(fields[i+1])] && !strings.ContainsAny(f, ",.;:") {
				to = "your"
			}
		}
		if !ok || core == "" {
			continue
		}
		if core != strings.ToLower(core) {
			to = upperFirst(to)
		}
		fields[i] = strings.Replace(f, core, to, 1)
		if (low == "she" || low == "he") && i+1 < len(fields) {
			// "how she structures" is "how you structure".
			fields[i+1] = secondPerson(fields[i+1])
		}
	}
	return strings.Join(fields, " ")
}

// secondPerson is the verb a third-person subject took, for "you": "structures" is
// "structure", "has" is "have", "is" is "are"; a word that is no such verb stays.
func secondPerson(v string) string {
	switch strings.ToLower(v) {
	case "is":
		return "are"
	case "was":
		return "were"
	case "has":
		return "have"
	case "does":
		return "do"
	case "goes":
		return "go"
	}
	low := strings.ToLower(v)
	if len(low) < 4 || !strings.HasSuffix(low, "s") || strings.HasSuffix(low, "ss") || strings.HasSuffix(low, "us") || strings.HasSuffix(low, "is") {
		return v
	}
	switch {
	case strings.HasSuffix(low, "ies"):
		return v[:len(v)-3] + "y"
	case strings.HasSuffix(low, "ches"), strings.HasSuffix(low, "shes"), strings.HasSuffix(low, "xes"), strings.HasSuffix(low, "sses"):
		return v[:len(v)-2]
	}
	return v[:len(v)-1]
}
