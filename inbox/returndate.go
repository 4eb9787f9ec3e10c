package inbox

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	months = map[string]time.Month{
		"jan": 1, "january": 1, "januar": 1, "janvier": 1, "feb": 2, "february": 2, "februar": 2, "février": 2, "fevrier": 2,
		"mar": 3, "march": 3, "märz": 3, "maerz": 3, "mars": 3, "apr": 4, "april": 4, "avril": 4, "may": 5, "mai": 5,
		"jun": 6, "june": 6, "juni": 6, "juin": 6, "jul": 7, "july": 7, "juli": 7, "juillet": 7, "aug": 8, "august": 8, "août": 8, "aout": 8,
		"sep": 9, "sept": 9, "september": 9, "septembre": 9, "oct": 10, "october": 10, "oktober": 10, "octobre": 10,
		"nov": 11, "november": 11, "novembre": 11, "dec": 12, "december": 12, "dezember": 12, "décembre": 12, "decembre": 12,
		// Spanish, Italian, Dutch, Portuguese, Polish (genitive, as dates write it).
		"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9,
		"setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5,
		"giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12, "januari": 1, "februari": 2, "maart": 3,
		"mei": 5, "augustus": 8, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6,
		"julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12, "stycznia": 1, "lutego": 2, "marca": 3,
		"kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7, "sierpnia": 8, "września": 9, "października": 10,
		"listopada": 11, "grudnia": 12,
	}
	// A phrase that announces a return date, then the date within a few words.
	returnCue = regexp.MustCompile(`(?i)(back|return|returning|returns|zurück|zurueck|retour|until|till|bis( zum| einschließlich)?|through|thru|` +
		`jusqu'au|away until|out of (the )?office until|absent until|on leave until|available again|wieder( da| erreichbar| im büro)?|` +
		`de retour|hasta el|hasta|regreso|volveré|de vuelta|fino al|rientro|tot en met|terug|do dnia|wracam|powrót|até)(\s|$|[.,:])`)
	// A stretch of absence ("July 10-31", "10-31 July", "30.07-17.08.2018", "du 1er au 15 août",
	// "vom 1. bis 15. August", "del 1 al 15 de agosto", "from 10 to 31 July"): its end is the
	// date read.
	rangeDots   = regexp.MustCompile(`\b\d{1,2}\.\d{1,2}\.?(?:\d{2,4})?\s*[-–—]\s*(\d{1,2}\.\d{1,2}\.?(?:(?:20)?\d\d)?)`)
	rangeMonth1 = regexp.MustCompile(`(?i)\b(\p{L}+)\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*[-–—]\s*(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(20\d\d))?`)
	rangeDay1   = regexp.MustCompile(`(?i)\b\d{1,2}(?:st|nd|rd|th|\.|er)?\s*[-–—]\s*(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(\p{L}+)\.?(?:,?\s+(?:de\s+)?(20\d\d))?`)
	rangeWords  = regexp.MustCompile(`(?i)\b(from|du|vom|von|del|dal|van|od|w dniach|between|entre)\s+[^.!?\n]{1,30}?\s(to|au|bis|bis zum|al|tot|do|and|et|y)\s`)
	// Two ISO dates a few words apart ("2026-07-27 til 2026-08-14", "od 2026-07-27 od
	// 2026-08-14", "2026-07-27부터 2026-08-14까지"), in any language: the second ends it.
	rangeISO  = regexp.MustCompile(`\b20\d\d-\d{1,2}-\d{1,2}[^\n.!?\d]{1,25}?(20\d\d-\d{1,2}-\d{1,2})\b`)
	isoDate   = regexp.MustCompile(`\b(20\d\d)-(\d{1,2})-(\d{1,2})\b`)
	dotDate   = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(?:(20\d\d|\d\d)\b)?`)
	slashDate = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})(?:/(20\d\d|\d\d))?\b`)
	dayMonth  = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|\.|er|º)?\s+(?:of\s+|de\s+)?(\p{L}+)\.?(?:,?\s+(?:de\s+)?(20\d\d))?\b`)
	monthDay  = regexp.MustCompile(`(?i)\b(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(20\d\d))?`)
)

// ReturnDate finds the date an out-of-office reply says its writer is back, or the zero
// time. Dates without a year are taken as the next such date after the message was sent.
// A date like 12/04 is read by the sender's convention when it is known (monthFirst: the
// US writes month first), else as the nearer of its two readings that is still to come.
//
// sent is the message's own Date, never the wall clock: an old message's "back on 3 May" is
// that year's. With no Date (sent zero), only a date that writes its year is read.
func ReturnDate(text string, sent time.Time, monthFirst *bool) time.Time {
	if len(text) > 8<<10 {
		text = text[:8<<10]
	}
	if t := rangeEnd(text, sent, monthFirst); !t.IsZero() {
		return t
	}
	for _, loc := range returnCue.FindAllStringIndex(text, 20) {
		window := text[loc[1]:min(len(text), loc[1]+60)]
		if t, ok := parseDateIn(window, sent, monthFirst); ok {
			return t
		}
	}
	return time.Time{}
}

// rangeEnd reads the end of the first stretch of absence the text names.
func rangeEnd(text string, sent time.Time, monthFirst *bool) time.Time {
	type found struct {
		pos int
		t   time.Time
	}
	var best *found
	keep := func(pos int, t time.Time, ok bool) {
		if ok && (best == nil || pos < best.pos) {
			best = &found{pos, t}
		}
	}
	if mm := rangeDots.FindStringSubmatchIndex(text); mm != nil {
		t, ok := parseDateIn(text[mm[2]:mm[3]], sent, monthFirst)
		keep(mm[0], t, ok)
	}
	if mm := rangeMonth1.FindStringSubmatchIndex(text); mm != nil {
		if mon, ok := months[strings.ToLower(text[mm[2]:mm[3]])]; ok {
			d, _ := strconv.Atoi(text[mm[4]:mm[5]])
			t, ok := dateOf(year(text, mm[6], mm[7]), int(mon), d, sent)
			keep(mm[0], t, ok)
		}
	}
	if mm := rangeDay1.FindStringSubmatchIndex(text); mm != nil {
		if mon, ok := months[strings.ToLower(text[mm[4]:mm[5]])]; ok {
			d, _ := strconv.Atoi(text[mm[2]:mm[3]])
			t, ok := dateOf(year(text, mm[6], mm[7]), int(mon), d, sent)
			keep(mm[0], t, ok)
		}
	}
	if mm := rangeISO.FindStringSubmatchIndex(text); mm != nil {
		t, ok := parseDateIn(text[mm[2]:mm[3]], sent, monthFirst)
		keep(mm[0], t, ok)
	}
	if loc := rangeWords.FindStringIndex(text); loc != nil {
		t, ok := parseDateIn(text[loc[1]:min(len(text), loc[1]+40)], sent, monthFirst)
		keep(loc[0], t, ok)
	}
	if best == nil {
		return time.Time{}
	}
	return best.t
}

// dateOf is a date read in a message sent at sent: in the window parseDateIn accepts.
func dateOf(y, m, d int, sent time.Time) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := resolveYear(y, time.Month(m), d, sent)
	if t.IsZero() || !sent.IsZero() && (t.Before(sent.AddDate(0, 0, -1)) || t.After(sent.AddDate(1, 0, 0))) {
		return time.Time{}, false
	}
	return t, true
}

func parseDateIn(s string, sent time.Time, monthFirst *bool) (time.Time, bool) {
	type cand struct {
		pos int
		t   time.Time
	}
	var best *cand
	try := func(pos int, y, m, d int) {
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return
		}
		t, ok := dateOf(y, m, d, sent)
		if !ok {
			return
		}
		if best == nil || pos < best.pos {
			best = &cand{pos, t}
		}
	}
	if mm := isoDate.FindStringSubmatchIndex(s); mm != nil {
		y, _ := strconv.Atoi(s[mm[2]:mm[3]])
		m, _ := strconv.Atoi(s[mm[4]:mm[5]])
		d, _ := strconv.Atoi(s[mm[6]:mm[7]])
		try(mm[0], y, m, d)
	}
	if mm := dotDate.FindStringSubmatchIndex(s); mm != nil {
		d, _ := strconv.Atoi(s[mm[2]:mm[3]])
		m, _ := strconv.Atoi(s[mm[4]:mm[5]])
		try(mm[0], year(s, mm[6], mm[7]), m, d)
	}
	if mm := slashDate.FindStringSubmatchIndex(s); mm != nil {
		a, _ := strconv.Atoi(s[mm[2]:mm[3]])
		b, _ := strconv.Atoi(s[mm[4]:mm[5]])
		y := year(s, mm[6], mm[7])
		if a > 12 {
			try(mm[0], y, b, a) // day first, unambiguous
		} else if b > 12 {
			try(mm[0], y, a, b) // month first, unambiguous
		} else if monthFirst != nil && *monthFirst {
			try(mm[0], y, a, b) // the sender writes month first (the US)
		} else if monthFirst != nil {
			try(mm[0], y, b, a) // the sender writes day first (most of the world)
		} else {
			// Unknown: the nearer reading that is still to come ("until 12/04" on 23
			// November is 4 December, not 12 April).
			dm, md := resolveYear(y, time.Month(b), a, sent), resolveYear(y, time.Month(a), b, sent)
			if !md.IsZero() && (dm.IsZero() || md.Before(dm)) {
				try(mm[0], y, a, b)
			} else {
				try(mm[0], y, b, a)
			}
		}
	}
	if mm := dayMonth.FindStringSubmatchIndex(s); mm != nil {
		if mon, ok := months[strings.ToLower(s[mm[4]:mm[5]])]; ok {
			d, _ := strconv.Atoi(s[mm[2]:mm[3]])
			try(mm[0], year(s, mm[6], mm[7]), int(mon), d)
		}
	}
	for _, mm := range monthDay.FindAllStringSubmatchIndex(s, 4) {
		if mon, ok := months[strings.ToLower(s[mm[2]:mm[3]])]; ok {
			d, _ := strconv.Atoi(s[mm[4]:mm[5]])
			try(mm[0], year(s, mm[6], mm[7]), int(mon), d)
			break
		}
	}
	if best == nil {
		return time.Time{}, false
	}
	return best.t, true
}

func year(s string, a, b int) int {
	if a < 0 {
		return 0
	}
	y, _ := strconv.Atoi(s[a:b])
	if y > 0 && y < 100 {
		y += 2000
	}
	return y
}

func resolveYear(y int, m time.Month, d int, sent time.Time) time.Time {
	if sent.IsZero() && y == 0 {
		return time.Time{} // no year written and none known: not read
	}
	loc := sent.Location()
	if y != 0 {
		t := time.Date(y, m, d, 0, 0, 0, 0, loc)
		if t.Day() != d {
			return time.Time{}
		}
		return t
	}
	t := time.Date(sent.Year(), m, d, 0, 0, 0, 0, loc)
	if t.Day() != d {
		return time.Time{}
	}
	if t.Before(sent.AddDate(0, 0, -1)) {
		t = t.AddDate(1, 0, 0)
	}
	return t
}

// MonthFirst says whether the writer of m writes dates month first, as in the US: from
// Content-Language (en-US, or any other language), else from an English text written in a
// US zone (UTC-4 to UTC-10; Spanish and Portuguese writers there write day first), or any
// text written east of UTC-2 (day first); nil when nothing tells.
func MonthFirst(m *Message, text string) *bool {
	yes, no := true, false
	if lang := strings.ToLower(strings.TrimSpace(m.Header.Get("Content-Language"))); lang != "" {
		if strings.HasPrefix(lang, "en-us") {
			return &yes
		}
		return &no
	}
	if t, err := m.Header.Date(); err == nil && !t.IsZero() {
		_, off := t.Zone()
		if off <= -4*3600 && off >= -10*3600 && englishOOO.MatchString(text) {
			return &yes
		}
		if off >= -2*3600 {
			return &no
		}
	}
	return nil
}

// englishOOO are the words of an English out-of-office reply.
var englishOOO = regexp.MustCompile(`(?i)\b(out of (the )?office|i am (away|out)|i'm (away|out)|until|returning|back on|limited access)\b`)
