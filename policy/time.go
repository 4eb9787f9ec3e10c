package policy

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Span is a length of time as people state it for follow-ups: either a plain
// duration ("36h", "7d") or a count of business days ("3 business days"),
// which skips Saturdays and Sundays and keeps the time of day.
type Span struct {
	Duration     time.Duration
	BusinessDays int
}

// Days returns a Span of n calendar days.
func Days(n int) Span { return Span{Duration: time.Duration(n) * 24 * time.Hour} }

// BusinessDays returns a Span of n business days.
func BusinessDays(n int) Span { return Span{BusinessDays: n} }

// After returns t moved forward by the span, in t's location.
func (s Span) After(t time.Time) time.Time { return s.AfterSkipping(t, nil) }

// AfterSkipping is After, with the days h names not counted as business days.
func (s Span) AfterSkipping(t time.Time, h Holidays) time.Time {
	if s.BusinessDays > 0 {
		return AddWorkdays(t, s.BusinessDays, h)
	}
	if s.Duration%(24*time.Hour) == 0 {
		// Whole days are calendar days: 7d after 09:00 is 09:00, across a DST change too.
		return t.AddDate(0, 0, int(s.Duration/(24*time.Hour)))
	}
	return t.Add(s.Duration)
}

// IsZero reports whether the span is empty.
func (s Span) IsZero() bool { return s.Duration == 0 && s.BusinessDays == 0 }

func (s Span) String() string {
	switch {
	case s.BusinessDays == 1:
		return "1 business day"
	case s.BusinessDays > 1:
		return fmt.Sprintf("%d business days", s.BusinessDays)
	case s.Duration > 0 && s.Duration%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", s.Duration/(24*time.Hour))
	default:
		return formatDuration(s.Duration)
	}
}

func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// ErrSpan is wrapped by every error ParseSpan returns.
var ErrSpan = errors.New("not a duration")

// ParseSpan reads "90m", "36h", "7d", "2w", "1d12h" or "3 business days".
func ParseSpan(text string) (Span, error) {
	s := strings.TrimSpace(strings.ToLower(text))
	if s == "" {
		return Span{}, fmt.Errorf("%w: empty (examples: 36h, 7d, 3 business days)", ErrSpan)
	}
	if f := strings.Fields(s); len(f) == 3 && f[1] == "business" && (f[2] == "days" || f[2] == "day") ||
		len(f) == 2 && (f[1] == "bd" || f[1] == "businessdays") {
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 0 || n > 3650 {
			return Span{}, fmt.Errorf("%w: %q: the count of business days must be a whole number from 0 to 3650", ErrSpan, text)
		}
		return Span{BusinessDays: n}, nil
	}
	d, err := ParseDuration(s)
	if err != nil {
		return Span{}, err
	}
	return Span{Duration: d}, nil
}

// ParseDuration is time.ParseDuration with days ("d") and weeks ("w"), and no negative values.
func ParseDuration(text string) (time.Duration, error) {
	s := strings.ReplaceAll(strings.TrimSpace(strings.ToLower(text)), " ", "")
	if s == "" {
		return 0, fmt.Errorf("%w: empty (examples: 2h, 36h, 7d)", ErrSpan)
	}
	var total time.Duration
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		j := i
		for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
			j++
		}
		if i == 0 || j == i {
			return 0, fmt.Errorf("%w: %q (examples: 90m, 36h, 7d, 2w, 3 business days)", ErrSpan, text)
		}
		num, unit := rest[:i], rest[i:j]
		rest = rest[j:]
		var mult time.Duration
		switch unit {
		case "w":
			mult = 7 * 24 * time.Hour
		case "d":
			mult = 24 * time.Hour
		default:
			d, err := time.ParseDuration(num + unit)
			if err != nil {
				return 0, fmt.Errorf("%w: %q: unknown unit %q (use s, m, h, d or w)", ErrSpan, text, unit)
			}
			total += d
			continue
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || f > 3650 {
			return 0, fmt.Errorf("%w: %q", ErrSpan, text)
		}
		total += time.Duration(f * float64(mult))
	}
	return total, nil
}

// AddBusinessDays moves t forward by n weekdays (Monday to Friday), keeping the time of day.
// A start on a weekend counts from the next Monday's eve: Saturday + 1 business day is Monday.
func AddBusinessDays(t time.Time, n int) time.Time { return AddWorkdays(t, n, nil) }

// Holidays says which days are public holidays, by the date in t's own zone
// (holidays.Calendar is the real one). Its String names it.
type Holidays interface {
	IsHoliday(t time.Time) bool
	String() string
}

// AddWorkdays is AddBusinessDays, with the days h names (when not nil) not counted either.
func AddWorkdays(t time.Time, n int, h Holidays) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday && (h == nil || !h.IsHoliday(t)) {
			n--
		}
	}
	return t
}

// Window is the polite sending window: the days of the week and the hours of the day
// (in the owner's time zone) inside which follow-ups go out.
type Window struct {
	Days  [7]bool       // indexed by time.Weekday
	Start time.Duration // since midnight
	End   time.Duration // since midnight, exclusive; after Start
	Loc   *time.Location
	// Holidays, when set, are closed days: nothing is sent on them.
	Holidays Holidays
}

// open reports whether the window opens on day at all: one of its days, not a holiday.
func (w Window) open(day time.Time) bool {
	return w.Days[day.Weekday()] && (w.Holidays == nil || !w.Holidays.IsHoliday(day))
}

// Weekdays9to5 is the default window: Monday to Friday, 09:00 to 17:00.
func Weekdays9to5(loc *time.Location) Window {
	w := Window{Start: 9 * time.Hour, End: 17 * time.Hour, Loc: loc}
	for d := time.Monday; d <= time.Friday; d++ {
		w.Days[d] = true
	}
	return w
}

func (w Window) loc() *time.Location {
	if w.Loc == nil {
		return time.UTC
	}
	return w.Loc
}

func (w Window) empty() bool {
	if w.End <= w.Start {
		return true
	}
	for _, d := range w.Days {
		if d {
			return false
		}
	}
	return true
}

func (w Window) bounds(day time.Time) (start, end time.Time) {
	y, m, d := day.Date()
	at := func(off time.Duration) time.Time {
		h, mi := int(off/time.Hour), int(off%time.Hour/time.Minute)
		return time.Date(y, m, d, h, mi, 0, 0, w.loc())
	}
	return at(w.Start), at(w.End)
}

// Contains reports whether t falls inside the window.
func (w Window) Contains(t time.Time) bool {
	if w.empty() {
		return true
	}
	t = t.In(w.loc())
	if !w.open(t) {
		return false
	}
	s, e := w.bounds(t)
	return !t.Before(s) && t.Before(e)
}

// Next returns the earliest instant at or after t inside the window.
// An empty window (no days, or no hours) puts no limit and returns t.
func (w Window) Next(t time.Time) time.Time {
	if w.empty() {
		return t
	}
	t = t.In(w.loc())
	day := t
	for i := 0; i < 32; i++ { // a week, and the holidays of the longest break
		if w.open(day) {
			s, e := w.bounds(day)
			if t.Before(s) {
				return s
			}
			if t.Before(e) {
				return t
			}
		}
		y, m, d := day.Date()
		day = time.Date(y, m, d+1, 0, 0, 0, 0, w.loc())
		if day.After(t) {
			t = day
		}
	}
	return t
}

// Prev returns the latest instant at or before t inside the window (to the minute), and
// false when the window has none in the 32 days before t.
func (w Window) Prev(t time.Time) (time.Time, bool) {
	if w.empty() {
		return t, true
	}
	t = t.In(w.loc())
	day := t
	for i := 0; i < 32; i++ {
		if w.open(day) {
			s, e := w.bounds(day)
			if !t.Before(e) {
				return e.Add(-time.Minute), true
			}
			if !t.Before(s) {
				return t, true
			}
		}
		y, m, d := day.Date()
		day = time.Date(y, m, d-1, 23, 59, 0, 0, w.loc())
	}
	return time.Time{}, false
}

// String renders the window as "mon-fri 09:00-17:00".
func (w Window) String() string {
	if w.empty() {
		return "any time"
	}
	names := []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	var days []string
	for _, d := range []time.Weekday{1, 2, 3, 4, 5, 6, 0} {
		if w.Days[d] {
			days = append(days, names[d])
		}
	}
	hm := func(d time.Duration) string { return fmt.Sprintf("%02d:%02d", d/time.Hour, d%time.Hour/time.Minute) }
	out := strings.Join(days, ",") + " " + hm(w.Start) + "-" + hm(w.End)
	if w.Holidays != nil {
		out += ", not on holidays (" + w.Holidays.String() + ")"
	}
	return out
}

// Spread moves t, a send time inside w, by a few minutes and seconds chosen from key (the
// same key, the same time): mail a person writes by hand does not leave on the minute, nor
// six letters of one panel at the same second. The result stays inside w, not before
// notBefore and not after notAfter (zero: no bound); when no shift fits, t is kept.
func Spread(w Window, t time.Time, key string, notBefore, notAfter time.Time) time.Time {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	// 3 to 41 minutes and some seconds: enough to look unplanned, too little to matter.
	off := time.Duration(3+h%39)*time.Minute + time.Duration(h/39%60)*time.Second
	ok := func(c time.Time) bool {
		return w.Contains(c) && !c.Before(notBefore) && (notAfter.IsZero() || !c.After(notAfter))
	}
	for _, c := range []time.Time{t.Add(off), t.Add(-off), t.Add(off / 4), t.Add(-off / 4)} {
		if ok(c) {
			return c
		}
	}
	return t
}
