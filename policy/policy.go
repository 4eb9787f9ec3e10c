// Package policy decides which follow-up emails are due, to whom and when, and why.
//
// It is pure: no I/O, no clock. Callers pass an application's facts, what has
// already happened, and the rules; Plan returns every action still to come, each
// with the rule that produced it. The advice it encodes is in policy/POLICY.md, beside this file.
package policy

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Kind is what an action is.
type Kind string

const (
	ThankYou         Kind = "thank_you"         // to each interviewer, after the interview
	ThankCoordinator Kind = "thank_coordinator" // to whoever arranged the interview
	CheckIn          Kind = "check_in"          // to the first interviewer, when nothing was heard
	MoveOn           Kind = "move_on"           // a notice to the owner: stop waiting for this one
	RejectionReply   Kind = "rejection_reply"   // to whoever wrote a rejection: thanks, and a request for feedback
)

// IsEmail reports whether the action is an email to a contact (not a notice to the owner).
func (k Kind) IsEmail() bool {
	return k == ThankYou || k == ThankCoordinator || k == CheckIn || k == RejectionReply
}

// Role is a contact's part in the interview.
type Role string

const (
	Interviewer Role = "interviewer"
	Coordinator Role = "coordinator"
)

// Status is where an application stands.
type Status string

const (
	Active  Status = "active"
	Replied Status = "replied" // a human at the company answered: no more follow-ups
	Stopped Status = "stopped" // the owner said stop
	MovedOn Status = "moved_on"
	// Offer and Rejected are where a reply read as an offer or a rejection leaves an
	// application: nothing automatic follows, but a reply to a rejection the owner approved.
	Offer    Status = "offer"
	Rejected Status = "rejected"
)

// Rules are the owner's settings for the policy.
type Rules struct {
	ThankYouDelay          time.Duration // after the interview ends
	ThankCoordinator       bool
	CheckInAfterDecision   Span // after the decision date, when one was given
	CheckInWithoutDecision Span // after the interview, when none was given
	CheckInInterval        Span
	MaxCheckIns            int
	Window                 Window        // in the owner's time zone
	MinGap                 time.Duration // between two emails to the same person
	// ThankYouExpiry is how long after the interview ended a thank-you approved late may
	// still go; past it, it is dropped.
	ThankYouExpiry time.Duration
	// HoldCap bounds how long an out-of-office reply holds check-ins back.
	HoldCap time.Duration
	// GapAcrossApplications keeps MinGap per person across applications for check-ins (a
	// thank-you always goes: the other application's check-in waits for it); off, per
	// application only.
	GapAcrossApplications bool
	// OwnerClock applies the send window on the owner's clock; off (the default), on each
	// recipient's: the window's hours are the owner's setting, in the recipient's zone.
	OwnerClock bool
	// ZoneHolidays, when set, gives a recipient in a known zone the public holidays of that
	// zone's country: nothing lands on the recipient's holiday, whatever the owner's
	// country. A recipient in a zone it does not know keeps the window's (the owner's).
	ZoneHolidays ZoneCalendars
}

// ZoneCalendars gives the public holidays of a time zone's country (holidays.ByZone).
type ZoneCalendars interface {
	// ForZone returns nil when it knows no calendar for loc.
	ForZone(loc *time.Location) Holidays
	String() string
}

// WindowFor is the send window for a recipient in loc (nil: the owner's zone): the owner's
// days and hours on the recipient's clock, unless the rules keep the owner's clock, and the
// recipient's public holidays, whoever's clock.
func (r Rules) WindowFor(loc *time.Location) Window {
	w := r.Window
	if r.ZoneHolidays != nil && loc != nil {
		if h := r.ZoneHolidays.ForZone(loc); h != nil {
			w.Holidays = h
		}
	}
	if !r.OwnerClock && loc != nil {
		w.Loc = loc
	}
	return w
}

// ThankYouDeadline is the latest a thank-you may go out after the interview ends.
const ThankYouDeadline = 24 * time.Hour

// DefaultRules are the defaults of POLICY.md.
func DefaultRules(loc *time.Location) Rules {
	return Rules{
		ThankYouDelay:          2 * time.Hour,
		ThankCoordinator:       true,
		CheckInAfterDecision:   BusinessDays(3),
		CheckInWithoutDecision: Days(7),
		CheckInInterval:        Days(7),
		MaxCheckIns:            3,
		Window:                 Weekdays9to5(loc),
		MinGap:                 48 * time.Hour,
		ThankYouExpiry:         72 * time.Hour,
		HoldCap:                30 * 24 * time.Hour,
		GapAcrossApplications:  true,
	}
}

// Contact is someone at the company.
type Contact struct {
	ID            int64
	Name          string
	Email         string
	Role          Role
	Undeliverable bool
	// Loc is the contact's time zone; nil for the interview's.
	Loc *time.Location
	// Holidays are the contact's public holidays; nil for the owner's.
	Holidays Holidays
}

// Application holds the facts of one application the policy needs.
type Application struct {
	ID              int64
	Status          Status
	InterviewStart  time.Time
	InterviewLength time.Duration
	// DecisionBy is the date the employer said they would decide by; zero when none
	// was given. Only its calendar date (in the owner's time zone) counts.
	DecisionBy time.Time
	Contacts   []Contact // in the order the owner gave them
	// Loc is the interview's (the company's) time zone; nil for the owner's.
	Loc *time.Location
	// RecordedAt is when the owner recorded the interview; zero when unknown. An interview
	// recorded more than a day after it ended gets no thank-you, and its check-ins are
	// counted from when it was recorded.
	RecordedAt time.Time
	// Invited is when the company invited the owner to another round that is not recorded
	// yet (zero when none): no check-in asks about a decision the company has made.
	Invited time.Time
}

// recordedLate reports whether the interview was recorded after its thank-you's deadline.
func (a Application) recordedLate() bool {
	return a.RecordedAt.After(a.InterviewEnd().Add(ThankYouDeadline))
}

// InterviewEnd is when the interview finished.
func (a Application) InterviewEnd() time.Time { return a.InterviewStart.Add(a.InterviewLength) }

// State is how far a recorded follow-up got.
type State int

const (
	Pending State = iota // drafted, waiting for approval, approved or being sent: it will go at At
	Sent                 // it went out at At
	Dropped              // skipped, cancelled or failed: it never went out; At is when it would have
)

// Record is a follow-up that already exists (in the store), whatever its state.
type Record struct {
	Kind      Kind
	ContactID int64
	Seq       int // 1, 2, 3 for check-ins; 0 otherwise
	State     State
	At        time.Time
}

// Touch is an email to a person that the daemon did not write: the owner's own mail, seen in
// the Sent folder or the thread.
type Touch struct {
	ContactID int64
	At        time.Time
}

// Hold keeps check-ins to a contact back until a time: an out-of-office reply's return date.
type Hold struct {
	ContactID int64
	Until     time.Time
	Reason    string
}

// History is what has happened on an application so far.
type History struct {
	Records   []Record
	OwnerMail []Touch
	Holds     []Hold
	// Elsewhere are the emails to the same people for other applications (sent or to be
	// sent): the 48-hour gap holds per person, across applications.
	Elsewhere []AddressTouch
}

// AddressTouch is an email to an address, for another application.
type AddressTouch struct {
	Email string
	At    time.Time
}

// ReadyToMoveOn reports whether the owner may be told to move on: MaxCheckIns check-ins
// actually went out (skipped, cancelled or never-approved ones do not count) and none was
// answered (an answer ends the application before this is asked).
func ReadyToMoveOn(rules Rules, h History) bool {
	sent := 0
	for _, r := range h.Records {
		if r.Kind == CheckIn && r.State == Sent {
			sent++
		}
	}
	return rules.MaxCheckIns > 0 && sent >= rules.MaxCheckIns
}

// Action is a follow-up the policy schedules.
type Action struct {
	Kind      Kind
	ContactID int64 // zero for MoveOn
	Seq       int
	Due       time.Time
	Rule      string // why: the rule and the numbers behind Due
}

// Key identifies an action across plans: the store keeps one message per key, so the same
// follow-up is never drafted twice.
func (a Action) Key() string { return fmt.Sprintf("%s/%d/%d", a.Kind, a.ContactID, a.Seq) }

// Plan is the outcome of the policy for one application.
type Plan struct {
	Actions []Action // sorted by Due
	// Halted says why nothing more will be sent, when that is so.
	Halted string
	// Notes are decisions that removed an action (e.g. a contact is undeliverable).
	Notes []string
}

// Due returns the actions due at or before now.
func (p Plan) Due(now time.Time) []Action {
	var out []Action
	for _, a := range p.Actions {
		if !a.Due.After(now) {
			out = append(out, a)
		}
	}
	return out
}

// Policy is the rules made ready to plan many applications: the texts that explain its
// decisions, the same for every application, are built once instead of once per action.
type Policy struct {
	rules Rules
	text  texts
}

// texts are the parts of the rule texts that depend only on the rules.
type texts struct {
	window           string   // moved into the send window
	gap              string   // kept MinGap after the previous email to (an address follows)
	thankYou         string   // the thank-you's rule
	thankCoordinator string   // the coordinator's
	checkIn          []string // check-in n (index n) after the previous one
	afterDecision    string   // the first check-in after the decision date (a date follows)
	noDecision       string   // the first check-in when no decision date was given
	afterOwnMail     string   // rescheduled after the owner's own mail (a date follows)
	moveOn           string
}

// New prepares rules for planning.
func New(rules Rules) *Policy {
	delay := formatDuration(rules.ThankYouDelay) + " after the interview ended"
	t := texts{
		window:           "moved into the send window (" + rules.Window.String() + ")",
		gap:              "kept " + formatDuration(rules.MinGap) + " after the previous email to ",
		thankYou:         "a thank-you to each interviewer, " + delay,
		thankCoordinator: "thanks to whoever arranged the interview, " + delay,
		afterDecision:    "first check-in: " + rules.CheckInAfterDecision.String() + " after the decision date ",
		noDecision:       "first check-in: " + rules.CheckInWithoutDecision.String() + " after the interview, as no decision date was given",
		afterOwnMail:     "rescheduled " + rules.CheckInInterval.String() + " after the owner's own mail of ",
		moveOn: countCheckIns(rules.MaxCheckIns) + " unanswered " + rules.CheckInInterval.String() +
			" after the last: tell the owner to move on",
	}
	t.checkIn = make([]string, max(rules.MaxCheckIns+1, 0))
	for seq := 2; seq <= rules.MaxCheckIns; seq++ {
		t.checkIn[seq] = "check-in " + strconv.Itoa(seq) + " of " + strconv.Itoa(rules.MaxCheckIns) + ": " +
			rules.CheckInInterval.String() + " after the previous one"
	}
	return &Policy{rules: rules, text: t}
}

// Rules returns the rules the policy was made from.
func (pol *Policy) Rules() Rules { return pol.rules }

type planner struct {
	rules   Rules
	text    *texts
	app     Application
	hist    History
	touches map[string][]time.Time // by lower-cased address: every email since the interview began
	// others are the emails to the same addresses for other applications: check-ins keep
	// MinGap from them; a thank-you does not (it is due within a day, and always goes).
	others map[string][]time.Time
	plan   Plan
}

// Compute returns every follow-up still to come for app, given what has happened. To plan
// many applications with the same rules, New(rules).Compute is cheaper.
func Compute(rules Rules, app Application, hist History) Plan {
	return New(rules).Compute(app, hist)
}

// Compute returns every follow-up still to come for app, given what has happened.
func (pol *Policy) Compute(app Application, hist History) Plan {
	p := &planner{rules: pol.rules, text: &pol.text, app: app, hist: hist, touches: map[string][]time.Time{}, others: map[string][]time.Time{}}
	switch app.Status {
	case Replied:
		p.plan.Halted = "the company replied: a human answer stops every follow-up"
		return p.plan
	case Stopped:
		p.plan.Halted = "stopped by the owner"
		return p.plan
	case MovedOn:
		p.plan.Halted = "moved on: the last check-in went unanswered"
		return p.plan
	case Offer:
		p.plan.Halted = "an offer: everything automatic has stopped"
		return p.plan
	case Rejected:
		p.plan.Halted = "a rejection: nothing more is planned"
		return p.plan
	}
	p.collectTouches()
	p.thankYous()
	if app.Invited.IsZero() {
		p.checkIns()
	} else {
		p.note("no check-ins: invited to another round on %s; it starts over when that round is recorded", app.Invited.Format("2006-01-02"))
	}
	sort.SliceStable(p.plan.Actions, func(i, j int) bool { return p.plan.Actions[i].Due.Before(p.plan.Actions[j].Due) })
	return p.plan
}

func (p *planner) contact(id int64) (Contact, bool) {
	for _, c := range p.app.Contacts {
		if c.ID == id {
			return c, true
		}
	}
	return Contact{}, false
}

func addrKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// collectTouches records every email to each person since the interview began: the
// daemon's own (sent or pending) and the owner's. Mail before the interview (logistics)
// is not a follow-up and does not count against the gap.
func (p *planner) collectTouches() {
	add := func(id int64, at time.Time) {
		c, ok := p.contact(id)
		if !ok || at.Before(p.app.InterviewStart) {
			return
		}
		k := addrKey(c.Email)
		p.touches[k] = append(p.touches[k], at)
	}
	for _, r := range p.hist.Records {
		if r.Kind.IsEmail() && r.State != Dropped {
			add(r.ContactID, r.At)
		}
	}
	for _, t := range p.hist.OwnerMail {
		add(t.ContactID, t.At)
	}
	if !p.rules.GapAcrossApplications {
		return
	}
	for _, t := range p.hist.Elsewhere {
		k := addrKey(t.Email)
		p.others[k] = append(p.others[k], t.At)
	}
}

func (p *planner) has(kind Kind, contactID int64, seq int) bool {
	for _, r := range p.hist.Records {
		if r.Kind == kind && r.ContactID == contactID && r.Seq == seq {
			return true
		}
	}
	return false
}

// place moves base into the send window and at least MinGap away from every other email to
// the same person (for other applications too, unless it places a thank-you), and records
// the result as a touch.
func (p *planner) place(base time.Time, c Contact, thankYou bool) (time.Time, []string) {
	var why []string
	t := base
	k := addrKey(c.Email)
	for i := 0; i < 64; i++ {
		moved := false
		if w := p.window(c).Next(t); !w.Equal(t) {
			t = w
			moved = true
			why = appendOnce(why, p.text.window)
		}
		near := p.touches[k]
		if !thankYou {
			near = append(near[:len(near):len(near)], p.others[k]...)
		}
		for _, other := range near {
			if d := t.Sub(other); d > -p.rules.MinGap && d < p.rules.MinGap {
				t = other.Add(p.rules.MinGap)
				moved = true
				why = appendOnce(why, p.text.gap+c.Email)
			}
		}
		if !moved {
			break
		}
	}
	p.touches[k] = append(p.touches[k], t)
	return t, why
}

// window is the send window on c's clock and calendar: c's zone, else the interview's; c's
// holidays, else the owner's.
func (p *planner) window(c Contact) Window {
	loc := c.Loc
	if loc == nil {
		loc = p.app.Loc
	}
	w := p.rules.WindowFor(loc)
	if c.Holidays != nil {
		w.Holidays = c.Holidays
	}
	return w
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (p *planner) add(a Action) { p.plan.Actions = append(p.plan.Actions, a) }

func (p *planner) note(format string, args ...any) {
	p.plan.Notes = append(p.plan.Notes, fmt.Sprintf(format, args...))
}

func (p *planner) ownerWroteAfter(contactID int64, t time.Time) (time.Time, bool) {
	var last time.Time
	for _, m := range p.hist.OwnerMail {
		if m.ContactID == contactID && !m.At.Before(t) && m.At.After(last) {
			last = m.At
		}
	}
	return last, !last.IsZero()
}

// thankYous schedules a thank-you to each interviewer and one to the coordinator.
func (p *planner) thankYous() {
	end := p.app.InterviewEnd()
	if p.app.recordedLate() && (p.rules.ThankYouExpiry <= ThankYouDeadline || p.app.RecordedAt.After(end.Add(p.rules.ThankYouExpiry))) {
		p.note("no thank-yous: the interview was recorded %s after it ended, and a thank-you that late reads as an afterthought",
			Ago(p.app.RecordedAt.Sub(end)))
		return
	}
	interviewers := map[string]bool{}
	for _, c := range p.app.Contacts {
		if c.Role == Interviewer {
			interviewers[addrKey(c.Email)] = true
		}
	}
	for _, c := range p.app.Contacts {
		kind := ThankYou
		if c.Role == Coordinator {
			kind = ThankCoordinator
			if !p.rules.ThankCoordinator {
				continue
			}
			if interviewers[addrKey(c.Email)] {
				p.note("no separate thanks to coordinator %s: they interviewed too and get a thank-you", c.Email)
				continue
			}
		}
		if p.has(kind, c.ID, 0) {
			continue
		}
		if c.Undeliverable {
			p.note("no %s to %s: the address is undeliverable", kindWords(kind), c.Email)
			continue
		}
		if at, ok := p.ownerWroteAfter(c.ID, end); ok {
			p.note("no %s to %s: the owner wrote to them by hand on %s", kindWords(kind), c.Email, at.Format(time.RFC3339))
			continue
		}
		// A thank-you always goes: an email for another application does not drop it; that
		// application's check-ins keep their 48 hours from it instead.
		var due time.Time
		var rule string
		if p.app.recordedLate() {
			var ok bool
			if due, rule, ok = p.lateThankYouTime(end, c); !ok {
				p.note("no %s to %s: %s", kindWords(kind), c.Email, rule)
				continue
			}
		} else {
			due, rule = p.thankYouTime(end, c)
		}
		p.add(Action{Kind: kind, ContactID: c.ID, Due: due, Rule: rule})
	}
}

func kindWords(k Kind) string {
	switch k {
	case ThankYou:
		return "thank-you"
	case ThankCoordinator:
		return "thanks to the coordinator"
	case CheckIn:
		return "check-in"
	case MoveOn:
		return "move-on notice"
	}
	return string(k)
}

// thankYouTime: ThankYouDelay after the interview ended, inside the send window, never later
// than 24 hours after it. When the window would push it past 24 hours it goes earlier, at the
// last moment of the window before the delay ends (the same afternoon); when the window has
// no time between the interview's end and then, the 24-hour limit wins over the window.
func (p *planner) thankYouTime(end time.Time, c Contact) (time.Time, string) {
	base := end.Add(p.rules.ThankYouDelay)
	deadline := end.Add(ThankYouDeadline)
	prefix := p.text.thankYou
	if c.Role == Coordinator {
		prefix = p.text.thankCoordinator
	}
	due, why := p.place(base, c, true)
	w := p.window(c)
	if w.Contains(end) && !sameDay(due, end, w.loc()) {
		// The interview ended inside the window: the thank-you goes the same afternoon,
		// before the window closes, rather than the next morning.
		if prev, ok := w.Prev(base); ok && !prev.Before(end) && sameDay(prev, end, w.loc()) {
			p.untouch(c, due)
			k := addrKey(c.Email)
			p.touches[k] = append(p.touches[k], prev)
			return prev, prefix + "; the same afternoon, before the send window closes"
		}
	}
	if !due.After(deadline) {
		if !sameDay(due, end, w.loc()) {
			// show says why there is no thank-you the same afternoon.
			why = append(why, "not the same day: the interview ended outside the send window")
		}
		return due, strings.Join(append([]string{prefix}, why...), "; ")
	}
	p.untouch(c, due)
	k := addrKey(c.Email)
	if w, ok := p.window(c).Prev(base); ok && !w.Before(end) {
		p.touches[k] = append(p.touches[k], w)
		return w, prefix + "; sent earlier, at the end of the send window, to stay within 24h of the interview"
	}
	if w.Holidays != nil && w.Holidays.IsHoliday(base.In(w.loc())) {
		// The 24 hours end on the recipient's public holiday: nothing lands on it. The
		// thank-you goes at the first moment of the window after, a little late; when that
		// is past thank_you_expiry (holidays and a weekend), on the first day that is no
		// holiday there, at the hour the window opens.
		expiry := end.Add(p.rules.ThankYouExpiry)
		at := due
		if at.After(expiry) {
			at = base.In(w.loc())
			for i := 0; i < 7 && w.Holidays.IsHoliday(at); i++ {
				y, m, d := at.Date()
				at = time.Date(y, m, d+1, 0, 0, 0, 0, w.loc()).Add(w.Start)
			}
		}
		if !at.After(expiry) && !w.Holidays.IsHoliday(at.In(w.loc())) {
			p.touches[k] = append(p.touches[k], at)
			return at, prefix + "; the send window has no time within 24h of the interview (a public holiday there, " +
				w.Holidays.String() + "), and nothing is sent on it: the first moment after it"
		}
	}
	p.touches[k] = append(p.touches[k], base)
	return base, prefix + "; the send window has no time within 24h of the interview, and the 24h limit comes first"
}

// lateThankYouTime is when the thank-yous of an interview recorded after their 24 hours
// go: at the first moment of the send window after it was recorded (the letter says it is
// late), as long as that is within ThankYouExpiry of the interview; ok is false when it is
// not, and rule then says why.
func (p *planner) lateThankYouTime(end time.Time, c Contact) (due time.Time, rule string, ok bool) {
	expiry := end.Add(p.rules.ThankYouExpiry)
	due, why := p.place(p.app.RecordedAt, c, true)
	if due.After(expiry) {
		p.untouch(c, due)
		return time.Time{}, "the interview was recorded " + Ago(p.app.RecordedAt.Sub(end)) + " after it ended, and the send window has no time before policy.thank_you_expiry (" +
			formatDuration(p.rules.ThankYouExpiry) + " after it)", false
	}
	return due, strings.Join(append([]string{"a late thank-you: the interview was recorded " + Ago(p.app.RecordedAt.Sub(end)) +
		" after it ended; it goes as soon as the send window allows, worded as late, within policy.thank_you_expiry"}, why...), "; "), true
}

// sameDay reports whether a and b fall on the same date in loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	y1, m1, d1 := a.In(loc).Date()
	y2, m2, d2 := b.In(loc).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

func (p *planner) untouch(c Contact, at time.Time) {
	k := addrKey(c.Email)
	l := p.touches[k]
	for i := range l {
		if l[i].Equal(at) {
			p.touches[k] = append(l[:i:i], l[i+1:]...)
			return
		}
	}
}

// countCheckIns writes "1 check-in", "3 check-ins".
func countCheckIns(n int) string {
	if n == 1 {
		return "1 check-in"
	}
	return strconv.Itoa(n) + " check-ins"
}

// Ago says how long d is the way a person would: "30 hours", "13 days".
func Ago(d time.Duration) string {
	if h := int(d.Hours()); h < 48 {
		if h == 1 {
			return "1 hour"
		}
		return strconv.Itoa(h) + " hours"
	}
	return strconv.Itoa(int(d.Hours()/24)) + " days"
}

// maxSkippedCheckIns bounds how many check-ins that never went out are replaced by another:
// an owner who skips every one is not asked for ever.
const maxSkippedCheckIns = 3

// checkIns schedules the check-ins to the first interviewer, and the move-on notice after
// the last one.
func (p *planner) checkIns() {
	var target Contact
	found := false
	for _, c := range p.app.Contacts {
		if c.Role == Interviewer {
			target, found = c, true
			break
		}
	}
	if !found {
		p.note("no check-ins: no interviewer was recorded")
		return
	}
	if target.Undeliverable {
		p.note("no check-ins: %s is undeliverable", target.Email)
		return
	}
	// Check-ins that never went out (skipped, cancelled, failed) do not count towards
	// MaxCheckIns: the next one takes the next number.
	var done []Record
	counted := 0
	for _, r := range p.hist.Records {
		if r.Kind == CheckIn && r.ContactID == target.ID {
			done = append(done, r)
			if r.State != Dropped {
				counted++
			}
		}
	}
	sort.Slice(done, func(i, j int) bool { return done[i].Seq < done[j].Seq })

	var prev time.Time
	var base time.Time
	var rule string
	if n := len(done); n > 0 {
		prev = done[n-1].At // the next one follows the last, whether or not it went out
	}
	seq := len(done)
	for ; counted < p.rules.MaxCheckIns && seq < p.rules.MaxCheckIns+maxSkippedCheckIns; counted++ {
		seq++
		switch {
		case !prev.IsZero():
			base = p.rules.CheckInInterval.After(prev)
			rule = p.text.checkIn[min(counted+1, len(p.text.checkIn)-1)]
			if counted == 0 || rule == "" {
				rule = "check-in " + strconv.Itoa(counted+1) + " of " + strconv.Itoa(p.rules.MaxCheckIns) + ": " +
					p.rules.CheckInInterval.String() + " after the previous one, which did not go out"
			}
		case !p.app.DecisionBy.IsZero():
			// A calendar date in the company's zone (the interview's): its business days
			// are counted there, and the check-in starts at the window's hour on that day.
			y, m, d := p.app.DecisionBy.Date()
			loc := p.app.DecisionBy.Location()
			day := time.Date(y, m, d, 0, 0, 0, 0, loc)
			base = p.rules.CheckInAfterDecision.AfterSkipping(day, p.window(target).Holidays)
			if p.rules.CheckInAfterDecision.BusinessDays > 0 {
				base = time.Date(base.Year(), base.Month(), base.Day(), 0, 0, 0, 0, loc).Add(p.rules.Window.Start)
			}
			rule = p.text.afterDecision + day.Format("2006-01-02")
		default:
			base = p.rules.CheckInWithoutDecision.After(p.app.InterviewEnd())
			rule = p.text.noDecision
		}
		if p.app.recordedLate() && base.Before(p.app.RecordedAt) {
			// Recorded late: the check-in that is already overdue goes the next business
			// day after recording, not in the past.
			base = AddWorkdays(p.app.RecordedAt, 1, p.window(target).Holidays)
			rule += "; the interview was recorded late: counted from then"
		}
		var why []string
		for _, h := range p.hist.Holds {
			if h.ContactID == target.ID && base.Before(h.Until) {
				base = h.Until
				why = appendOnce(why, "held back until "+h.Until.Format("2006-01-02 15:04")+" ("+h.Reason+")")
			}
		}
		if at, ok := p.ownerWroteAfter(target.ID, p.app.InterviewStart); ok {
			if later := p.rules.CheckInInterval.After(at); base.Before(later) {
				base = later
				why = appendOnce(why, p.text.afterOwnMail+at.Format("2006-01-02"))
			}
		}
		due, placed := p.place(base, target, false)
		why = append(why, placed...)
		p.add(Action{Kind: CheckIn, ContactID: target.ID, Seq: seq, Due: due, Rule: strings.Join(append([]string{rule}, why...), "; ")})
		prev = due
	}
	// The move-on notice is planned after the last check-in; it is acted on only when every
	// check-in actually went out (ReadyToMoveOn).
	if p.rules.MaxCheckIns > 0 && !prev.IsZero() && !p.has(MoveOn, 0, 0) {
		p.add(Action{
			Kind: MoveOn,
			Due:  p.rules.CheckInInterval.After(prev),
			Rule: p.text.moveOn,
		})
	}
}
