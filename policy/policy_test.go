package policy

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

var berlin = mustLoc("Europe/Berlin")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at parses "2026-11-17 10:00" in Berlin. 2026-11-17 is a Tuesday, 2026-11-20 a Friday.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, berlin)
	if err != nil {
		panic(err)
	}
	return t
}

func day(s string) time.Time { return at(s + " 00:00") }

const (
	jane = 1 // first interviewer
	raj  = 2 // second interviewer
	sam  = 3 // coordinator
)

func sampleApp(start string) Application {
	return Application{
		ID: 1, Status: Active,
		InterviewStart: at(start), InterviewLength: time.Hour,
		Contacts: []Contact{
			{ID: jane, Name: "Jane Doe", Email: "jane@acme.test", Role: Interviewer},
			{ID: raj, Name: "Raj Patel", Email: "raj@acme.test", Role: Interviewer},
			{ID: sam, Name: "Sam Lee", Email: "hr@acme.test", Role: Coordinator},
		},
	}
}

type want struct {
	kind    Kind
	contact int64
	seq     int
	due     string
	rule    string // a fragment of Action.Rule
}

func TestCompute_Rules(t *testing.T) {
	rules := DefaultRules(berlin)
	tests := []struct {
		name   string // the rule the case checks
		rules  func(*Rules)
		app    func(*Application)
		hist   History
		want   []want
		halted string
		note   string
	}{
		{
			name: "a thank-you to each interviewer, thank_you_delay after the interview ends; thanks to the coordinator",
			want: []want{
				{ThankYou, jane, 0, "2026-11-17 13:00", "each interviewer, 2h after"},
				{ThankYou, raj, 0, "2026-11-17 13:00", "each interviewer"},
				{ThankCoordinator, sam, 0, "2026-11-17 13:00", "whoever arranged"},
				{CheckIn, jane, 1, "2026-11-24 11:00", "7d after the interview, as no decision date"},
				{CheckIn, jane, 2, "2026-12-01 11:00", "7d after the previous"},
				{CheckIn, jane, 3, "2026-12-08 11:00", "check-in 3 of 3"},
				{MoveOn, 0, 0, "2026-12-15 11:00", "move on"},
			},
		},
		{
			name:  "no thanks to the coordinator when thank_coordinator is off",
			rules: func(r *Rules) { r.ThankCoordinator = false; r.MaxCheckIns = 0 },
			want: []want{
				{ThankYou, jane, 0, "2026-11-17 13:00", ""},
				{ThankYou, raj, 0, "2026-11-17 13:00", ""},
			},
		},
		{
			name:  "a coordinator who also interviewed gets one thank-you, not two",
			rules: func(r *Rules) { r.MaxCheckIns = 0 },
			app:   func(a *Application) { a.Contacts[2].Email = "RAJ@acme.test" },
			want: []want{
				{ThankYou, jane, 0, "2026-11-17 13:00", ""},
				{ThankYou, raj, 0, "2026-11-17 13:00", ""},
			},
			note: "interviewed too",
		},
		{
			name:  "the thank-you moves into the send window when the delay ends after hours (next morning)",
			rules: func(r *Rules) { r.MaxCheckIns = 0; r.ThankCoordinator = false },
			app:   func(a *Application) { a.InterviewStart = at("2026-11-17 16:00"); a.Contacts = a.Contacts[:1] },
			want:  []want{{ThankYou, jane, 0, "2026-11-18 09:00", "moved into the send window (mon,tue,wed,thu,fri 09:00-17:00); not the same day: the interview ended outside the send window"}},
		},
		{
			name:  "never later than 24h: when the window would push it past, it goes earlier, at the end of the window that afternoon",
			rules: func(r *Rules) { r.MaxCheckIns = 0; r.ThankCoordinator = false },
			app:   func(a *Application) { a.InterviewStart = at("2026-11-20 14:00"); a.Contacts = a.Contacts[:1] },
			want:  []want{{ThankYou, jane, 0, "2026-11-20 16:59", "the same afternoon, before the send window closes"}},
		},
		{
			name:  "never later than 24h: with no window time within 24h, the limit comes before the window",
			rules: func(r *Rules) { r.MaxCheckIns = 0; r.ThankCoordinator = false },
			app:   func(a *Application) { a.InterviewStart = at("2026-11-20 17:00"); a.Contacts = a.Contacts[:1] },
			want:  []want{{ThankYou, jane, 0, "2026-11-20 20:00", "24h limit comes first"}},
		},
		{
			name:  "first check-in check_in_after_decision (3 business days) after the stated decision date",
			rules: func(r *Rules) { r.MaxCheckIns = 1 },
			app:   func(a *Application) { a.DecisionBy = day("2026-11-27"); a.Contacts = a.Contacts[:1] },
			hist:  History{Records: []Record{{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")}}},
			want: []want{
				{CheckIn, jane, 1, "2026-12-02 09:00", "3 business days after the decision date 2026-11-27"},
				{MoveOn, 0, 0, "2026-12-09 09:00", ""},
			},
		},
		{
			name:  "first check-in check_in_without_decision after the interview when no decision date was given",
			rules: func(r *Rules) { r.MaxCheckIns = 1; r.CheckInWithoutDecision = Days(10) },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist:  History{Records: []Record{{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")}}},
			want: []want{
				{CheckIn, jane, 1, "2026-11-27 11:00", "10d after the interview"},
				{MoveOn, 0, 0, "2026-12-04 11:00", ""},
			},
		},
		{
			name:  "then every check_in_interval, counted from when the previous check-in went out",
			rules: func(r *Rules) { r.MaxCheckIns = 2 },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist: History{Records: []Record{
				{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")},
				{Kind: CheckIn, ContactID: jane, Seq: 1, State: Sent, At: at("2026-11-25 10:30")},
			}},
			want: []want{
				{CheckIn, jane, 2, "2026-12-02 10:30", "check-in 2 of 2: 7d after the previous"},
				{MoveOn, 0, 0, "2026-12-09 10:30", ""},
			},
		},
		{
			name: "after max_check_ins unanswered: a move-on notice to the owner, not another email",
			app:  func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist: History{Records: []Record{
				{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")},
				{Kind: CheckIn, ContactID: jane, Seq: 1, State: Sent, At: at("2026-11-24 11:00")},
				{Kind: CheckIn, ContactID: jane, Seq: 2, State: Sent, At: at("2026-12-01 11:00")},
				{Kind: CheckIn, ContactID: jane, Seq: 3, State: Sent, At: at("2026-12-08 11:00")},
			}},
			want: []want{{MoveOn, 0, 0, "2026-12-15 11:00", "3 check-ins unanswered"}},
		},
		{
			name: "nothing more once the move-on notice exists",
			app:  func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist: History{Records: []Record{
				{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")},
				{Kind: CheckIn, ContactID: jane, Seq: 1, State: Sent, At: at("2026-11-24 11:00")},
				{Kind: CheckIn, ContactID: jane, Seq: 2, State: Sent, At: at("2026-12-01 11:00")},
				{Kind: CheckIn, ContactID: jane, Seq: 3, State: Sent, At: at("2026-12-08 11:00")},
				{Kind: MoveOn, State: Sent, At: at("2026-12-15 11:00")},
			}},
			want: nil,
		},
		{
			name:   "nothing more once the application has a human reply",
			app:    func(a *Application) { a.Status = Replied },
			halted: "replied",
		},
		{
			name:   "nothing more once the owner stopped the application",
			app:    func(a *Application) { a.Status = Stopped },
			halted: "stopped",
		},
		{
			name:  "nothing to an undeliverable contact, and no check-ins when it is the check-in contact",
			rules: func(r *Rules) { r.ThankCoordinator = false },
			app:   func(a *Application) { a.Contacts[0].Undeliverable = true },
			want:  []want{{ThankYou, raj, 0, "2026-11-17 13:00", ""}},
			note:  "no check-ins: jane@acme.test is undeliverable",
		},
		{
			name:  "check-ins go to the first interviewer only",
			rules: func(r *Rules) { r.MaxCheckIns = 1; r.ThankCoordinator = false },
			hist: History{Records: []Record{
				{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")},
				{Kind: ThankYou, ContactID: raj, State: Sent, At: at("2026-11-17 13:00")},
			}},
			want: []want{{CheckIn, jane, 1, "2026-11-24 11:00", ""}, {MoveOn, 0, 0, "2026-12-01 11:00", ""}},
		},
		{
			name:  "a follow-up already recorded (in any state) is never planned again",
			rules: func(r *Rules) { r.MaxCheckIns = 0 },
			hist: History{Records: []Record{
				{Kind: ThankYou, ContactID: jane, State: Pending, At: at("2026-11-17 13:00")},
				{Kind: ThankYou, ContactID: raj, State: Dropped, At: at("2026-11-17 13:00")},
			}},
			want: []want{{ThankCoordinator, sam, 0, "2026-11-17 13:00", ""}},
		},
		{
			name:  "never two emails to the same person within 48 hours",
			rules: func(r *Rules) { r.MaxCheckIns = 1; r.CheckInWithoutDecision = Days(1) },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist:  History{Records: []Record{{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")}}},
			want: []want{
				{CheckIn, jane, 1, "2026-11-19 13:00", "kept 48h after the previous email"},
				{MoveOn, 0, 0, "2026-11-26 13:00", ""},
			},
		},
		{
			name:  "the gap counts the owner's own mail and is moved into the window after",
			rules: func(r *Rules) { r.MaxCheckIns = 1 },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist: History{
				Records:   []Record{{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")}},
				OwnerMail: []Touch{{ContactID: jane, At: at("2026-11-23 16:30")}},
			},
			// 7d after the owner's mail of Monday 16:30: Monday 30 Nov 16:30.
			want: []want{
				{CheckIn, jane, 1, "2026-11-30 16:30", "rescheduled 7d after the owner's own mail"},
				{MoveOn, 0, 0, "2026-12-07 16:30", ""},
			},
		},
		{
			name:  "the owner's hand-written mail after the interview replaces the thank-you",
			rules: func(r *Rules) { r.MaxCheckIns = 0; r.ThankCoordinator = false },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist:  History{OwnerMail: []Touch{{ContactID: jane, At: at("2026-11-17 12:00")}}},
			want:  nil,
			note:  "wrote to them by hand",
		},
		{
			name:  "an out-of-office hold keeps the next check-in back until it ends",
			rules: func(r *Rules) { r.MaxCheckIns = 1 },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist: History{
				Records: []Record{{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")}},
				Holds:   []Hold{{ContactID: jane, Until: at("2026-12-03 00:00"), Reason: "out of office"}},
			},
			want: []want{
				{CheckIn, jane, 1, "2026-12-03 09:00", "held back until 2026-12-03"},
				{MoveOn, 0, 0, "2026-12-10 09:00", ""},
			},
		},
		{
			name:  "every send time is moved into the window, skipping days outside it (weekend)",
			rules: func(r *Rules) { r.MaxCheckIns = 1; r.CheckInWithoutDecision = Days(4) },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist:  History{Records: []Record{{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")}}},
			// Tuesday 11:00 + 4d = Saturday 11:00 → Monday 09:00.
			want: []want{
				{CheckIn, jane, 1, "2026-11-23 09:00", "moved into the send window (mon,tue,wed,thu,fri 09:00-17:00)"},
				{MoveOn, 0, 0, "2026-11-30 09:00", ""},
			},
		},
		{
			name:  "an interview that ends inside the window gets its thank-you the same afternoon, before the window closes (ends 15:00)",
			rules: func(r *Rules) { r.MaxCheckIns = 0; r.ThankCoordinator = false },
			app:   func(a *Application) { a.InterviewStart = at("2026-11-17 14:00"); a.Contacts = a.Contacts[:1] },
			want:  []want{{ThankYou, jane, 0, "2026-11-17 16:59", "the same afternoon"}},
		},
		{
			name:  "… and when it ends at 16:45",
			rules: func(r *Rules) { r.MaxCheckIns = 0; r.ThankCoordinator = false },
			app: func(a *Application) {
				a.InterviewStart, a.InterviewLength = at("2026-11-17 15:45"), time.Hour
				a.Contacts = a.Contacts[:1]
			},
			want: []want{{ThankYou, jane, 0, "2026-11-17 16:59", "the same afternoon"}},
		},
		{
			name:  "a thank-you always wins: an email for another application two hours before the interview does not drop or move it",
			rules: func(r *Rules) { r.MaxCheckIns = 1; r.ThankCoordinator = false },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist:  History{Elsewhere: []AddressTouch{{Email: "Jane@acme.test", At: at("2026-11-17 08:00")}}},
			want: []want{
				{ThankYou, jane, 0, "2026-11-17 13:00", "each interviewer"},
				{CheckIn, jane, 1, "2026-11-24 11:00", ""},
				{MoveOn, 0, 0, "2026-12-01 11:00", ""},
			},
		},
		{
			name:  "a check-in keeps 48h from an email for another application",
			rules: func(r *Rules) { r.MaxCheckIns = 1; r.ThankCoordinator = false },
			app:   func(a *Application) { a.Contacts = a.Contacts[:1] },
			hist:  History{Elsewhere: []AddressTouch{{Email: "jane@acme.test", At: at("2026-11-23 10:00")}}},
			want: []want{
				{ThankYou, jane, 0, "2026-11-17 13:00", "each interviewer"},
				{CheckIn, jane, 1, "2026-11-25 10:00", "kept 48h after the previous email to jane@acme.test"},
				{MoveOn, 0, 0, "2026-12-02 10:00", ""},
			},
		},
		{
			name:  "an interview recorded 39 hours after it ended still gets a thank-you, as soon as the window allows, within thank_you_expiry",
			rules: func(r *Rules) { r.MaxCheckIns = 0 },
			app: func(a *Application) {
				a.RecordedAt = at("2026-11-19 02:00") // 39h after 11:00 on the 17th
			},
			want: []want{
				{ThankYou, jane, 0, "2026-11-19 09:00", "a late thank-you"},
				{ThankYou, raj, 0, "2026-11-19 09:00", "a late thank-you"},
				{ThankCoordinator, sam, 0, "2026-11-19 09:00", "a late thank-you"},
			},
		},
		{
			name:  "… but not past thank_you_expiry",
			rules: func(r *Rules) { r.MaxCheckIns = 0 },
			app: func(a *Application) {
				a.RecordedAt = at("2026-11-20 12:00") // 73h after
			},
			note: "no thank-yous: the interview was recorded 3 days after it ended",
		},
		{
			name: "the window is read in the owner's time zone",
			rules: func(r *Rules) {
				r.MaxCheckIns = 0
				r.ThankCoordinator = false
				r.Window = Weekdays9to5(mustLoc("America/New_York"))
			},
			app: func(a *Application) { a.Contacts = a.Contacts[:1] },
			// 13:00 Berlin is 07:00 in New York: it waits for 09:00 New York, 15:00 Berlin.
			want: []want{{ThankYou, jane, 0, "2026-11-17 15:00", "moved into the send window"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rules
			if tc.rules != nil {
				tc.rules(&r)
			}
			app := sampleApp("2026-11-17 10:00")
			app.Contacts = append([]Contact(nil), app.Contacts...)
			if tc.app != nil {
				tc.app(&app)
			}
			plan := Compute(r, app, tc.hist)
			if tc.halted != "" && !strings.Contains(plan.Halted, tc.halted) {
				t.Errorf("Halted = %q, want it to mention %q", plan.Halted, tc.halted)
			}
			if tc.note != "" && !strings.Contains(strings.Join(plan.Notes, "\n"), tc.note) {
				t.Errorf("Notes = %q, want one mentioning %q", plan.Notes, tc.note)
			}
			if len(plan.Actions) != len(tc.want) {
				t.Fatalf("got %d actions, want %d:\n%s", len(plan.Actions), len(tc.want), dump(plan))
			}
			for i, w := range tc.want {
				a := plan.Actions[i]
				if a.Kind != w.kind || a.ContactID != w.contact || a.Seq != w.seq || !a.Due.Equal(at(w.due)) {
					t.Errorf("action %d = %s %d #%d at %s, want %s %d #%d at %s\n%s", i, a.Kind, a.ContactID, a.Seq,
						a.Due.In(berlin).Format("2006-01-02 15:04"), w.kind, w.contact, w.seq, w.due, dump(plan))
				}
				if !strings.Contains(a.Rule, w.rule) {
					t.Errorf("action %d rule = %q, want it to contain %q", i, a.Rule, w.rule)
				}
			}
		})
	}
}

func dump(p Plan) string {
	var b strings.Builder
	for _, a := range p.Actions {
		fmt.Fprintf(&b, "  %s %d #%d %s  %s\n", a.Kind, a.ContactID, a.Seq, a.Due.In(berlin).Format("Mon 2006-01-02 15:04"), a.Rule)
	}
	return b.String()
}

func TestPlan_Due(t *testing.T) {
	plan := Compute(DefaultRules(berlin), sampleApp("2026-11-17 10:00"), History{})
	if got := plan.Due(at("2026-11-17 12:59")); len(got) != 0 {
		t.Errorf("before 13:00: %d due, want 0", len(got))
	}
	if got := plan.Due(at("2026-11-17 13:00")); len(got) != 3 {
		t.Errorf("at 13:00: %d due, want the 3 thank-yous", len(got))
	}
}

// TestCompute_Properties simulates random histories (follow-ups sent, skipped, late; the
// owner's own mail; out-of-office holds; replies and stops) and checks at every step that
// nothing is planned after a reply or a stop or to an undeliverable contact, that every
// email is inside the send window (or is a thank-you the 24-hour limit placed), and that no
// person gets two emails within 48 hours.
func TestCompute_Properties(t *testing.T) {
	zones := []*time.Location{berlin, mustLoc("America/New_York"), mustLoc("Asia/Tokyo"), time.UTC}
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 3000; iter++ {
		loc := zones[rng.Intn(len(zones))]
		r := DefaultRules(loc)
		r.ThankYouDelay = time.Duration(rng.Intn(24*60)) * time.Minute
		r.ThankCoordinator = rng.Intn(2) == 0
		r.MaxCheckIns = rng.Intn(5)
		if rng.Intn(2) == 0 {
			r.CheckInAfterDecision = BusinessDays(rng.Intn(6))
		} else {
			r.CheckInAfterDecision = Days(rng.Intn(10))
		}
		r.CheckInWithoutDecision = Days(1 + rng.Intn(10))
		r.CheckInInterval = Days(1 + rng.Intn(10))
		if rng.Intn(4) == 0 {
			r.Window.Days = [7]bool{}
			for d := range r.Window.Days {
				r.Window.Days[d] = rng.Intn(2) == 0
			}
			r.Window.Start = time.Duration(rng.Intn(12)) * time.Hour
			r.Window.End = r.Window.Start + time.Duration(1+rng.Intn(12))*time.Hour
		}
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(rng.Intn(365*24*4)) * 15 * time.Minute)
		app := Application{ID: 1, Status: Active, InterviewStart: start, InterviewLength: time.Duration(15+rng.Intn(180)) * time.Minute}
		if rng.Intn(2) == 0 {
			app.DecisionBy = start.AddDate(0, 0, rng.Intn(30))
		}
		for i := 0; i < 1+rng.Intn(4); i++ {
			c := Contact{ID: int64(i + 1), Email: fmt.Sprintf("p%d@acme.test", rng.Intn(3)), Role: Interviewer}
			if rng.Intn(3) == 0 {
				c.Role = Coordinator
			}
			c.Undeliverable = rng.Intn(8) == 0
			app.Contacts = append(app.Contacts, c)
		}
		var hist History
		now := start
		for step := 0; step < 12; step++ {
			plan := Compute(r, app, hist)
			checkInvariants(t, r, app, hist, plan)
			if t.Failed() {
				t.Fatalf("iteration %d step %d: rules %+v\napp %+v\nhist %+v\n%s", iter, step, r, app, hist, dump(plan))
			}
			switch x := rng.Intn(20); {
			case x == 0:
				app.Status = Replied
			case x == 1:
				app.Status = Stopped
			case x < 4 && len(app.Contacts) > 0:
				c := app.Contacts[rng.Intn(len(app.Contacts))]
				t := now.Add(time.Duration(rng.Intn(96)) * time.Hour)
				if rng.Intn(2) == 0 {
					t = start.Add(-time.Duration(1+rng.Intn(72)) * time.Hour)
				}
				hist.OwnerMail = append(hist.OwnerMail, Touch{ContactID: c.ID, At: t})
			case x < 5 && len(app.Contacts) > 0:
				hist.Holds = append(hist.Holds, Hold{ContactID: app.Contacts[0].ID, Until: now.Add(time.Duration(rng.Intn(400)) * time.Hour), Reason: "ooo"})
			default:
				if len(plan.Actions) == 0 {
					continue
				}
				a := plan.Actions[0]
				rec := Record{Kind: a.Kind, ContactID: a.ContactID, Seq: a.Seq, State: State(rng.Intn(3)), At: a.Due}
				if rec.State == Sent && rng.Intn(3) == 0 {
					rec.At = a.Due.Add(time.Duration(rng.Intn(300)) * time.Minute) // sent a little late
				}
				hist.Records = append(hist.Records, rec)
				now = rec.At
			}
		}
	}
}

func checkInvariants(t *testing.T, r Rules, app Application, hist History, plan Plan) {
	t.Helper()
	if app.Status != Active {
		if len(plan.Actions) != 0 {
			t.Errorf("status %s: planned %d actions, want none", app.Status, len(plan.Actions))
		}
		return
	}
	contacts := map[int64]Contact{}
	for _, c := range app.Contacts {
		contacts[c.ID] = c
	}
	type touch struct {
		at      time.Time
		planned bool
		exempt  bool
	}
	byAddr := map[string][]touch{}
	for _, rec := range hist.Records {
		if rec.Kind.IsEmail() && rec.State != Dropped && !rec.At.Before(app.InterviewStart) {
			k := addrKey(contacts[rec.ContactID].Email)
			byAddr[k] = append(byAddr[k], touch{at: rec.At})
		}
	}
	for _, m := range hist.OwnerMail {
		if !m.At.Before(app.InterviewStart) {
			k := addrKey(contacts[m.ContactID].Email)
			byAddr[k] = append(byAddr[k], touch{at: m.At})
		}
	}
	for _, a := range plan.Actions {
		if !a.Kind.IsEmail() {
			continue
		}
		c := contacts[a.ContactID]
		if c.Undeliverable {
			t.Errorf("%s planned to undeliverable %s", a.Kind, c.Email)
		}
		deadlineRule := strings.Contains(a.Rule, "24h limit comes first")
		if !r.Window.Contains(a.Due) && !deadlineRule {
			t.Errorf("%s to %s at %s is outside the window %s", a.Kind, c.Email, a.Due, r.Window)
		}
		if a.Kind != CheckIn && a.Due.After(app.InterviewEnd().Add(ThankYouDeadline)) {
			t.Errorf("%s at %s is more than 24h after the interview ended at %s", a.Kind, a.Due, app.InterviewEnd())
		}
		k := addrKey(c.Email)
		byAddr[k] = append(byAddr[k], touch{at: a.Due, planned: true, exempt: a.Kind != CheckIn})
	}
	for addr, ts := range byAddr {
		for i := range ts {
			for j := range ts {
				if i >= j || !ts[i].planned && !ts[j].planned {
					continue // two past emails are history, not the plan's doing
				}
				if ts[i].exempt || ts[j].exempt {
					// Thank-yous are bound to the 24 hours after the interview; the gap governs check-ins.
					continue
				}
				d := ts[i].at.Sub(ts[j].at)
				if d < 0 {
					d = -d
				}
				if d < r.MinGap {
					t.Errorf("two emails to %s %s apart (%s and %s)", addr, d, ts[i].at, ts[j].at)
				}
			}
		}
	}
}

// TestPolicy_Reuse: one Policy plans any number of applications with the same results as a
// fresh Compute for each: nothing of one application's plan leaks into the next.
func TestPolicy_Reuse(t *testing.T) {
	r := DefaultRules(berlin)
	r.CheckInAfterDecision = BusinessDays(2)
	pol := New(r)
	var apps []Application
	var hists []History
	for i := range 40 {
		app := sampleApp("2026-11-17 10:00")
		app.ID = int64(i + 1)
		app.InterviewStart = app.InterviewStart.Add(time.Duration(i) * 7 * time.Hour)
		if i%3 == 0 {
			app.DecisionBy = app.InterviewStart.AddDate(0, 0, 5)
		}
		var h History
		if i%2 == 0 {
			h.Records = append(h.Records, Record{Kind: CheckIn, ContactID: jane, Seq: 1, State: Sent, At: app.InterviewStart.AddDate(0, 0, 8)})
			h.OwnerMail = append(h.OwnerMail, Touch{ContactID: raj, At: app.InterviewStart.Add(26 * time.Hour)})
		}
		apps, hists = append(apps, app), append(hists, h)
	}
	for round := range 2 {
		for i, app := range apps {
			got, want := pol.Compute(app, hists[i]), Compute(r, app, hists[i])
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d, app %d: a reused Policy planned\n%s\nwhere a fresh one planned\n%s", round, i, dump(got), dump(want))
			}
		}
	}
}

// BenchmarkCompute plans one application (three contacts, nothing sent yet) with a Policy
// made once, as the planner and the digest do for each application.
func BenchmarkCompute(b *testing.B) {
	pol := New(DefaultRules(berlin))
	app := sampleApp("2026-11-17 10:00")
	b.ReportAllocs()
	for b.Loop() {
		pol.Compute(app, History{})
	}
}
