package policy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// dates is a holiday calendar of fixed dates, for the tests (package holidays is the real
// one).
type dates map[string]bool

func (d dates) IsHoliday(t time.Time) bool { return d[t.Format("2006-01-02")] }
func (d dates) String() string             { return fmt.Sprint(len(d), " dates") }

// TestCompute_Property: over random owner, company and contact zones (half-hour and extreme
// ones among them), random interviews and random holidays, every email the policy plans is
// on a working day that is no holiday, inside the send window on the recipient's clock —
// except a thank-you, which goes by its 24-hour deadline when the window has no time before
// it — and no two emails to one person are closer than 48 hours. A thank-you is never on a
// holiday: when its 24 hours end on one, it goes at the first moment of the window after,
// within thank_you_expiry.
func TestCompute_Property(t *testing.T) {
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata", "Australia/Adelaide",
		"Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "Asia/Kathmandu", "UTC"}
	rnd := rand.New(rand.NewPCG(2026, 12))
	for i := 0; i < 3000; i++ {
		loc := mustLoc(zones[rnd.IntN(len(zones))])
		hol := dates{}
		base := time.Date(2026, 12, 1, 0, 0, 0, 0, loc)
		for d := 0; d < 60; d++ {
			if rnd.IntN(6) == 0 {
				hol[base.AddDate(0, 0, d).Format("2006-01-02")] = true
			}
		}
		rules := DefaultRules(loc)
		rules.Window.Holidays = hol
		if rnd.IntN(3) == 0 {
			rules.CheckInAfterDecision = BusinessDays(2 + rnd.IntN(3))
		}
		start := base.Add(time.Duration(rnd.IntN(40*24)) * time.Hour).Add(time.Duration(rnd.IntN(4)) * 15 * time.Minute)
		app := Application{ID: 1, Status: Active, InterviewStart: start, InterviewLength: time.Duration(30+rnd.IntN(4)*30) * time.Minute,
			Contacts: []Contact{
				{ID: 1, Name: "Jane", Email: "jane@acme.test", Role: Interviewer},
				{ID: 2, Name: "Raj", Email: "raj@acme.test", Role: Interviewer},
				{ID: 3, Name: "Sam", Email: "sam@acme.test", Role: Coordinator},
			}}
		if rnd.IntN(2) == 0 {
			app.DecisionBy = start.AddDate(0, 0, 1+rnd.IntN(14))
		}
		// The company's zone, and now and then a contact's own.
		app.Loc = mustLoc(zones[rnd.IntN(len(zones))])
		for i := range app.Contacts {
			if rnd.IntN(3) == 0 {
				app.Contacts[i].Loc = mustLoc(zones[rnd.IntN(len(zones))])
			}
		}
		zoneOf := func(id int64) *time.Location {
			for _, c := range app.Contacts {
				if c.ID == id && c.Loc != nil {
					return c.Loc
				}
			}
			return app.Loc
		}
		plan := Compute(rules, app, History{})
		last := map[int64]time.Time{}
		for _, a := range plan.Actions {
			if !a.Kind.IsEmail() {
				continue
			}
			rloc := zoneOf(a.ContactID)
			local := a.Due.In(rloc)
			window := rules.WindowFor(rloc)
			deadline := app.InterviewEnd().Add(ThankYouDeadline)
			thanks := a.Kind == ThankYou || a.Kind == ThankCoordinator
			if thanks && a.Due.After(deadline) && (a.Due.After(app.InterviewEnd().Add(rules.ThankYouExpiry)) ||
				!strings.Contains(a.Rule, "public holiday")) {
				t.Fatalf("case %d (%s): a thank-you at %s, past its deadline %s (%s)", i, loc, local, deadline.In(loc), a.Rule)
			}
			if thanks && hol.IsHoliday(local) {
				// Only when every day up to its expiry is a holiday there too.
				for d := local.AddDate(0, 0, 1); !d.After(app.InterviewEnd().Add(rules.ThankYouExpiry)); d = d.AddDate(0, 0, 1) {
					if !hol.IsHoliday(d) {
						t.Fatalf("case %d (%s): %s on a holiday, %s, though %s is none", i, loc, a.Kind, local.Format("Mon 2006-01-02"), d.Format("Mon 2006-01-02"))
					}
				}
			}
			if !window.Contains(a.Due) && !thanks {
				t.Fatalf("case %d (%s): %s at %s on the recipient's clock, outside the window (%s)", i, rloc, a.Kind, local, window)
			}
			if hol.IsHoliday(local) && !thanks {
				t.Fatalf("case %d (%s): %s on a holiday, %s", i, loc, a.Kind, local.Format("Mon 2006-01-02"))
			}
			if prev, ok := last[a.ContactID]; ok && a.Due.Sub(prev) < 48*time.Hour {
				t.Fatalf("case %d (%s): two emails to %d %s apart", i, loc, a.ContactID, a.Due.Sub(prev))
			}
			last[a.ContactID] = a.Due
		}
	}
}
