package policy

import (
	"strings"
	"testing"
	"time"
)

// TestCompute_RealCalendars: interviews as job seekers have them — recorded late, with
// check-ins skipped, with a decision date in another zone.
func TestCompute_RealCalendars(t *testing.T) {
	rules := DefaultRules(berlin)
	kinds := func(p Plan) string {
		var out []string
		for _, a := range p.Actions {
			out = append(out, string(a.Kind)+"#"+a.Due.In(berlin).Format("Mon 01-02 15:04"))
		}
		return strings.Join(out, " ")
	}
	t.Run("an interview recorded three weeks late gets no thank-you, and its first check-in goes the next business day", func(t *testing.T) {
		app := sampleApp("2026-11-02 10:00") // a Monday
		app.RecordedAt = at("2026-11-23 12:00")
		plan := Compute(rules, app, History{})
		for _, a := range plan.Actions {
			if a.Kind == ThankYou || a.Kind == ThankCoordinator {
				t.Fatalf("a thank-you three weeks late: %s", kinds(plan))
			}
		}
		if !strings.Contains(strings.Join(plan.Notes, "\n"), "no thank-yous: the interview was recorded") {
			t.Errorf("notes: %q", plan.Notes)
		}
		if first := plan.Actions[0]; first.Kind != CheckIn || !first.Due.Equal(at("2026-11-24 12:00")) {
			t.Errorf("first action %s at %s, want the check-in on Tue 24 Nov 12:00: %s", first.Kind, first.Due, kinds(plan))
		}
	})
	t.Run("recorded the same evening: thank-yous as usual", func(t *testing.T) {
		app := sampleApp("2026-11-17 10:00")
		app.RecordedAt = at("2026-11-17 20:00")
		if plan := Compute(rules, app, History{}); plan.Actions[0].Kind != ThankYou {
			t.Errorf("%s", kinds(plan))
		}
	})
	t.Run("a skipped check-in does not count towards max_check_ins", func(t *testing.T) {
		app := sampleApp("2026-11-17 10:00")
		hist := History{Records: []Record{
			{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")},
			{Kind: ThankYou, ContactID: raj, State: Sent, At: at("2026-11-17 13:00")},
			{Kind: ThankCoordinator, ContactID: sam, State: Sent, At: at("2026-11-17 13:00")},
			{Kind: CheckIn, ContactID: jane, Seq: 1, State: Dropped, At: at("2026-11-24 11:00")},
		}}
		plan := Compute(rules, app, hist)
		var seqs []int
		for _, a := range plan.Actions {
			if a.Kind == CheckIn {
				seqs = append(seqs, a.Seq)
			}
		}
		if len(seqs) != 3 || seqs[0] != 2 || !plan.Actions[0].Due.Equal(at("2026-12-01 11:00")) {
			t.Errorf("check-ins %v: %s; want three more (2, 3, 4), the first a week after the skipped one", seqs, kinds(plan))
		}
		if ReadyToMoveOn(rules, hist) {
			t.Error("ready to move on with nothing sent")
		}
	})
	t.Run("move on only after max_check_ins check-ins went out", func(t *testing.T) {
		hist := History{}
		for i := 1; i <= 3; i++ {
			hist.Records = append(hist.Records, Record{Kind: CheckIn, ContactID: jane, Seq: i, State: Sent, At: at("2026-11-24 11:00").AddDate(0, 0, 7*(i-1))})
		}
		if !ReadyToMoveOn(rules, hist) {
			t.Error("three check-ins sent, and not ready to move on")
		}
		hist.Records[2].State = Pending // never approved
		if ReadyToMoveOn(rules, hist) {
			t.Error("ready to move on while the last check-in never went out")
		}
	})
	t.Run("a decision date in Tokyo is a Tokyo date: the first check-in is on the third business day there", func(t *testing.T) {
		tokyo := mustLoc("Asia/Tokyo")
		app := sampleApp("2026-11-17 10:00")
		app.DecisionBy = time.Date(2026, 11, 27, 0, 0, 0, 0, tokyo) // Friday 27 November, Tokyo
		plan := Compute(rules, app, History{Records: []Record{
			{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 13:00")},
		}})
		var first Action
		for _, a := range plan.Actions {
			if a.Kind == CheckIn {
				first = a
				break
			}
		}
		// Mon 30, Tue 1, Wed 2 December: Wednesday in Tokyo.
		if d := first.Due.In(tokyo); d.Day() != 2 || d.Month() != time.December {
			t.Errorf("first check-in %s in Tokyo, want Wed 2 December: %s", d, first.Rule)
		}
	})
}

// TestCompute_ContactCalendar: a contact in the US is not written to on Thanksgiving,
// though it is a working day for the owner in Berlin; business days after the decision
// date skip it too.
func TestCompute_ContactCalendar(t *testing.T) {
	thanksgiving := dates{"2026-11-26": true}
	rules := DefaultRules(berlin)
	app := sampleApp("2026-11-17 10:00")
	app.Loc = mustLoc("America/New_York")
	app.DecisionBy = time.Date(2026, 11, 23, 0, 0, 0, 0, app.Loc) // Monday
	app.Contacts[0].Holidays = thanksgiving
	hist := History{Records: []Record{
		{Kind: ThankYou, ContactID: jane, State: Sent, At: at("2026-11-17 18:00")},
		{Kind: ThankYou, ContactID: raj, State: Sent, At: at("2026-11-17 18:00")},
		{Kind: ThankCoordinator, ContactID: sam, State: Sent, At: at("2026-11-17 18:00")},
	}}
	for _, a := range Compute(rules, app, hist).Actions {
		if a.Kind == CheckIn {
			// Tue 24, Wed 25, (Thanksgiving), Fri 27: the third business day is Friday in New York.
			if d := a.Due.In(app.Loc); d.Day() != 27 {
				t.Errorf("first check-in %s in New York, want Friday 27 November", d.Format("Mon 2 Jan 15:04"))
			}
			return
		}
	}
	t.Fatal("no check-in")
}
