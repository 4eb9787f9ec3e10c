// Package invite reads calendar invitations (iCalendar, RFC 5545, sent as iTIP, RFC 5546)
// for what followup needs to follow up on an interview: when it is, in which zone, who
// interviews, who arranged it, and for which company and role (best guesses the owner can
// correct). It is pure: no network, no clock, and bounded, as invitations come from strangers.
// The parsing is github.com/arran4/golang-ical's (tagged releases; it unfolds lines and keeps
// every parameter); times and zones are read here, because an invitation's TZID may be a
// Windows zone name (Outlook) and a floating time must never take the machine's zone.
package invite

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// Bounds on what of a stranger's invitation is kept (those on what is read are in lines.go).
const (
	maxAttendees = 30
	maxText      = 2000 // of a summary or description kept
)

// Person is a name and an address.
type Person struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// String is the person as a mail client writes them, in UTF-8: `Jane Doe <jane@acme.test>`,
// the name quoted when it holds a comma or another special ("Müller, Hans" <…>). net/mail's
// ParseAddress reads it back.
func (p Person) String() string {
	if p.Name == "" {
		return p.Email
	}
	if strings.ContainsAny(p.Name, `()<>[]:;@\,."`) {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(p.Name) + `" <` + p.Email + ">"
	}
	return p.Name + " <" + p.Email + ">"
}

// Invitation is one event of a calendar invitation.
type Invitation struct {
	Method      string    `json:"method"` // REQUEST, CANCEL (PUBLISH when sent as a file)
	UID         string    `json:"uid"`
	Sequence    int       `json:"sequence"`
	Summary     string    `json:"summary"`
	Description string    `json:"description,omitempty"`
	Location    string    `json:"location,omitempty"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	// Zone is the IANA name of the zone the start was written in ("" when it was UTC, or a
	// zone only its offsets describe).
	Zone      string   `json:"zone"`
	Organizer Person   `json:"organizer"`
	Attendees []Person `json:"attendees"`
}

// ErrNoEvent is Parse's error (errors.Is) for a calendar without a usable event.
var ErrNoEvent = errors.New("no event with a start in the calendar")

// Parse reads the first event of an iCalendar object. A calendar over a bound or malformed
// is refused with a *CalendarError saying which line (errors.Is ErrBound or ErrMalformed).
func Parse(data []byte) (*Invitation, error) {
	lines, err := readCalendar(data)
	if err != nil {
		return nil, err
	}
	// Properties between components are kept, as Exchange and some exports write them.
	cal, err := ics.ParseCalendarWithOptions(bytes.NewReader(lines.text), ics.WithUnknownPropertyHandler(ics.AcceptUnknownPropertyHandler))
	if err != nil {
		// readCalendar refuses what golang-ical would (FuzzParse): not expected.
		return nil, fmt.Errorf("calendar: %w", err)
	}
	inv := &Invitation{Method: "PUBLISH"}
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			inv.Method = strings.ToUpper(strings.TrimSpace(p.Value))
		}
	}
	zones := map[string]*ics.VTimezone{}
	for _, c := range cal.Components {
		if tz, ok := c.(*ics.VTimezone); ok {
			if id := tz.GetProperty(ics.ComponentPropertyTzid); id != nil {
				zones[id.Value] = tz
			}
		}
	}
	events := cal.Events()
	if len(events) == 0 {
		return nil, &CalendarError{Msg: "no VEVENT", Err: ErrNoEvent}
	}
	ev, where := events[0], firstEvent(lines.top)
	inv.UID = clip(ev.Id(), 255)
	if p := ev.GetProperty(ics.ComponentPropertySequence); p != nil {
		inv.Sequence, _ = strconv.Atoi(strings.TrimSpace(p.Value))
	}
	text := func(prop ics.ComponentProperty) string {
		if p := ev.GetProperty(prop); p != nil {
			return clip(ics.FromText(p.Value), maxText)
		}
		return ""
	}
	inv.Summary, inv.Description, inv.Location = oneLine(text(ics.ComponentPropertySummary)), text(ics.ComponentPropertyDescription), oneLine(text(ics.ComponentPropertyLocation))
	start := ev.GetProperty(ics.ComponentPropertyDtStart)
	if start == nil {
		return nil, &CalendarError{Line: where.line, Msg: "the VEVENT has no DTSTART", Err: ErrNoEvent}
	}
	var loc *time.Location
	if inv.Start, loc, inv.Zone, err = readTime(start, zones); err != nil {
		return nil, malformed(where.lineOf("DTSTART"), "DTSTART %s is no date or date-time", quoteText(start.Value))
	}
	if end := ev.GetProperty(ics.ComponentPropertyDtEnd); end != nil {
		if inv.End, _, _, err = readTime(end, zones); err != nil {
			return nil, malformed(where.lineOf("DTEND"), "DTEND %s is no date or date-time", quoteText(end.Value))
		}
	} else if d := ev.GetProperty(ics.ComponentPropertyDuration); d != nil {
		if dur, err := parseDuration(d.Value); err == nil {
			inv.End = inv.Start.Add(dur)
		}
	}
	if !inv.End.After(inv.Start) || inv.End.Sub(inv.Start) > 24*time.Hour {
		inv.End = inv.Start.Add(time.Hour) // none, or nonsense: an hour
	}
	inv.Start, inv.End = inv.Start.In(loc), inv.End.In(loc)
	if p := ev.GetProperty(ics.ComponentPropertyOrganizer); p != nil {
		inv.Organizer = person(&p.BaseProperty)
	}
	seen := map[string]bool{}
	for _, a := range ev.Attendees() {
		p := person(&a.BaseProperty)
		if p.Email == "" || seen[p.Email] || len(inv.Attendees) >= maxAttendees {
			continue
		}
		seen[p.Email] = true
		inv.Attendees = append(inv.Attendees, p)
	}
	return inv, nil
}

// person reads an ORGANIZER or ATTENDEE: its CN and its mailto: address.
func person(p *ics.BaseProperty) Person {
	addr := strings.TrimSpace(p.Value)
	if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") {
		addr = addr[7:]
	}
	var out Person
	if a, err := mail.ParseAddress(addr); err == nil && len(a.Address) <= 254 {
		out.Email = strings.ToLower(a.Address)
	}
	if cn := p.ICalParameters["CN"]; len(cn) > 0 {
		name := oneLine(strings.Trim(cn[0], `"`))
		if !strings.EqualFold(name, out.Email) {
			out.Name = clip(name, 100)
		}
	}
	return out
}

// readTime reads a DATE-TIME property: UTC ("…Z"), in the zone its TZID names (IANA, a
// Windows name, or a VTIMEZONE of the calendar that names or describes one), or floating (in
// no zone: taken as UTC, and said so by an empty zone name).
func readTime(p *ics.IANAProperty, zones map[string]*ics.VTimezone) (time.Time, *time.Location, string, error) {
	v := strings.TrimSpace(p.Value)
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		return t, time.UTC, "", err
	}
	loc, name := time.UTC, ""
	if tzid := p.ICalParameters["TZID"]; len(tzid) > 0 {
		id := strings.Trim(tzid[0], `"`)
		loc, name = zone(id, zones)
		if loc == nil {
			// A zone only its VTIMEZONE describes: the offset in force at that wall time.
			wall, err := time.Parse("20060102T150405", v)
			if err != nil {
				wall, err = time.Parse("20060102", v)
			}
			if err != nil {
				return time.Time{}, nil, "", err
			}
			loc = time.FixedZone(id, observedOffset(zones[id], wall))
		}
	}
	if len(v) == 8 { // a date: an all-day event is no interview time, but keep it
		t, err := time.ParseInLocation("20060102", v, loc)
		return t, loc, name, err
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	return t, loc, name, err
}

// zone resolves a TZID: an IANA name; a Windows name (Outlook, Exchange); the X-LIC-LOCATION
// or TZID of the calendar's VTIMEZONE. It is nil when only the calendar's VTIMEZONE describes
// the zone (Exchange's "Customized Time Zone"), UTC when nothing does.
func zone(tzid string, zones map[string]*ics.VTimezone) (*time.Location, string) {
	candidates := []string{tzid, strings.TrimPrefix(tzid, "/")}
	if iana, ok := windowsZones[tzid]; ok {
		candidates = append(candidates, iana)
	}
	vt := zones[tzid]
	if vt != nil {
		if p := vt.GetProperty(ics.ComponentProperty("X-LIC-LOCATION")); p != nil {
			candidates = append(candidates, strings.TrimSpace(p.Value))
		}
	}
	for _, c := range candidates {
		if c == "" || c == "Local" || strings.ContainsAny(c, " \\") || strings.Contains(c, "..") {
			continue
		}
		if loc, err := time.LoadLocation(c); err == nil {
			return loc, c
		}
	}
	if vt != nil {
		return nil, ""
	}
	return time.UTC, ""
}

// observedOffset is the UTC offset a VTIMEZONE gives at a wall-clock time: that of the
// observance (STANDARD or DAYLIGHT) whose latest onset came last before it. Onsets are
// its DTSTART, or each year's date by a yearly RRULE (BYMONTH, BYDAY such as -1SU or 2SU),
// which is what calendars write; a zone it cannot read is UTC.
func observedOffset(vt *ics.VTimezone, wall time.Time) int {
	best, bestOff := time.Time{}, 0
	for _, sub := range vt.Components {
		var cb *ics.ComponentBase
		switch x := sub.(type) {
		case *ics.Standard:
			cb = &x.ComponentBase
		case *ics.Daylight:
			cb = &x.ComponentBase
		default:
			continue
		}
		to, start, rule := cb.GetProperty(ics.ComponentProperty("TZOFFSETTO")), cb.GetProperty(ics.ComponentPropertyDtStart), cb.GetProperty(ics.ComponentProperty("RRULE"))
		if to == nil || start == nil {
			continue
		}
		off, err := parseOffset(to.Value)
		if err != nil {
			continue
		}
		first, err := time.Parse("20060102T150405", strings.TrimSpace(start.Value))
		if err != nil {
			continue
		}
		onsets := []time.Time{first}
		if rule != nil {
			onsets = nil
			for _, year := range []int{wall.Year() - 1, wall.Year()} {
				if t, ok := yearlyOnset(rule.Value, year, first); ok && !t.Before(first) {
					onsets = append(onsets, t)
				}
			}
		}
		for _, t := range onsets {
			if !t.After(wall) && t.After(best) {
				best, bestOff = t, off
			}
		}
	}
	return bestOff
}

// yearlyOnset is the date in year of a yearly rule "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", at
// the time of day of first.
func yearlyOnset(rule string, year int, first time.Time) (time.Time, bool) {
	parts := map[string]string{}
	for _, kv := range strings.Split(strings.ToUpper(rule), ";") {
		k, v, _ := strings.Cut(kv, "=")
		parts[k] = v
	}
	month, err := strconv.Atoi(parts["BYMONTH"])
	if parts["FREQ"] != "YEARLY" || err != nil || month < 1 || month > 12 {
		return time.Time{}, false
	}
	day := parts["BYDAY"]
	if len(day) < 3 {
		return time.Time{}, false
	}
	weekday, ok := map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
		"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}[day[len(day)-2:]]
	n, err := strconv.Atoi(day[:len(day)-2])
	if !ok || err != nil || n == 0 || n < -5 || n > 5 {
		return time.Time{}, false
	}
	h, m, sec := first.Clock()
	if n > 0 {
		t := time.Date(year, time.Month(month), 1, h, m, sec, 0, time.UTC)
		t = t.AddDate(0, 0, (int(weekday)-int(t.Weekday())+7)%7+7*(n-1))
		return t, t.Month() == time.Month(month)
	}
	t := time.Date(year, time.Month(month)+1, 0, h, m, sec, 0, time.UTC) // the month's last day
	t = t.AddDate(0, 0, -((int(t.Weekday())-int(weekday)+7)%7)+7*(n+1))
	return t, t.Month() == time.Month(month)
}

// windowsZones maps the Windows zone names Outlook and Exchange write into TZID to IANA names
// (CLDR's windowsZones.xml, the territory "001" entries of the zones people interview in).
var windowsZones = map[string]string{
	"Dateline Standard Time": "Etc/GMT+12", "Hawaiian Standard Time": "Pacific/Honolulu", "Alaskan Standard Time": "America/Anchorage",
	"Pacific Standard Time": "America/Los_Angeles", "US Mountain Standard Time": "America/Phoenix", "Mountain Standard Time": "America/Denver",
	"Central Standard Time": "America/Chicago", "Central America Standard Time": "America/Guatemala", "Eastern Standard Time": "America/New_York",
	"Canada Central Standard Time": "America/Regina", "Mexico Standard Time": "America/Mexico_City", "Central Standard Time (Mexico)": "America/Mexico_City",
	"Atlantic Standard Time": "America/Halifax", "Newfoundland Standard Time": "America/St_Johns", "E. South America Standard Time": "America/Sao_Paulo",
	"Argentina Standard Time": "America/Buenos_Aires", "SA Pacific Standard Time": "America/Bogota", "Pacific SA Standard Time": "America/Santiago",
	"UTC": "Etc/UTC", "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
	"W. Europe Standard Time": "Europe/Berlin", "Central Europe Standard Time": "Europe/Budapest", "Romance Standard Time": "Europe/Paris",
	"Central European Standard Time": "Europe/Warsaw", "W. Central Africa Standard Time": "Africa/Lagos", "GTB Standard Time": "Europe/Bucharest",
	"E. Europe Standard Time": "Europe/Chisinau", "FLE Standard Time": "Europe/Kiev", "Israel Standard Time": "Asia/Jerusalem",
	"South Africa Standard Time": "Africa/Johannesburg", "Egypt Standard Time": "Africa/Cairo", "Turkey Standard Time": "Europe/Istanbul",
	"Russian Standard Time": "Europe/Moscow", "Arabian Standard Time": "Asia/Dubai", "Arab Standard Time": "Asia/Riyadh",
	"Pakistan Standard Time": "Asia/Karachi", "India Standard Time": "Asia/Calcutta", "Nepal Standard Time": "Asia/Katmandu",
	"Bangladesh Standard Time": "Asia/Dhaka", "SE Asia Standard Time": "Asia/Bangkok", "China Standard Time": "Asia/Shanghai",
	"Singapore Standard Time": "Asia/Singapore", "Taipei Standard Time": "Asia/Taipei", "Tokyo Standard Time": "Asia/Tokyo",
	"Korea Standard Time": "Asia/Seoul", "AUS Central Standard Time": "Australia/Darwin", "Cen. Australia Standard Time": "Australia/Adelaide",
	"E. Australia Standard Time": "Australia/Brisbane", "AUS Eastern Standard Time": "Australia/Sydney", "W. Australia Standard Time": "Australia/Perth",
	"New Zealand Standard Time": "Pacific/Auckland",
}

// parseOffset reads a UTC offset: "+0100", "-0530", "+010000".
func parseOffset(s string) (int, error) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("offset %q", s)
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[3:5])
	if err1 != nil || err2 != nil || h > 14 || m > 59 {
		return 0, fmt.Errorf("offset %q", s)
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return off, nil
}

var durationRe = regexp.MustCompile(`^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)

// parseDuration reads an RFC 5545 duration ("PT45M", "PT1H30M").
func parseDuration(s string) (time.Duration, error) {
	m := durationRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("duration %q", s)
	}
	var d time.Duration
	for i, unit := range []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second} {
		if m[i+1] != "" {
			n, err := strconv.Atoi(m[i+1])
			if err != nil || n > 10000 {
				return 0, fmt.Errorf("duration %q", s)
			}
			d += time.Duration(n) * unit
		}
	}
	return d, nil
}

// oneLine makes a text one line of printable characters.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// quoteText shows a stranger's value in an error: short, and quoted as Go writes it, so
// that no control or escape sequence reaches a terminal.
func quoteText(s string) string {
	if len(s) > 40 {
		return strconv.QuoteToASCII(clip(s, 40)) + "…"
	}
	return strconv.QuoteToASCII(s)
}

// firstEvent is the first VEVENT below VCALENDAR, as golang-ical's Events() finds it.
func firstEvent(top []*component) *component {
	for _, c := range top {
		if c.name == "VEVENT" {
			return c
		}
	}
	return &component{}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// sortedDomains returns the domains of people, most frequent first.
func sortedDomains(people []Person) []string {
	count := map[string]int{}
	for _, p := range people {
		if _, d, ok := strings.Cut(p.Email, "@"); ok {
			count[d]++
		}
	}
	out := make([]string, 0, len(count))
	for d := range count {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}
