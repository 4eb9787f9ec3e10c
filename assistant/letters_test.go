package assistant

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// previewWorld is an offline assistant on Monday 7 December 2026, 08:00 in Berlin, with a
// panel interview at 10:00 that day (three interviewers and a coordinator) whose notes hold
// one the letters cannot use.
func previewWorld(t *testing.T, points, fit, acc string) (*Assistant, store.Application) {
	t.Helper()
	a := offline(t)
	now := time.Date(2026, 12, 7, 8, 0, 0, 0, a.Config.Owner.Location)
	a.Now = func() time.Time { return now }
	a.Config.Approval.Required = true
	ctx := context.Background()
	id, err := a.Store.AddApplication(ctx, store.Application{Company: "Acme", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: now.Add(2 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin",
			KeyPoints: points, Fit: fit, Accomplishment: acc},
		Contacts: []store.Contact{
			{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer},
			{Name: "Dr. Raj Patel", Email: "raj@acme.test", Role: policy.Interviewer},
			{Name: "Ms. Watanabe", Email: "watanabe@acme.test", Role: policy.Interviewer},
			{Name: "Talent Acquisition", Email: "talent@acme.test", Role: policy.Coordinator},
		}})
	if err != nil {
		t.Fatal(err)
	}
	app, err := a.Store.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return a, app
}

// TestPreview: every letter the plan holds, in full, before any is drafted: a thank-you to
// each of the panel (no two alike), the coordinator's thanks, and three check-ins that thank
// "again" only because a thank-you is planned, each with its own subject; the note the
// letters cannot use is named with the reason.
func TestPreview(t *testing.T) {
	a, app := previewWorld(t, "I asked about remote work; Wir haben über Kafka gesprochen", "Led two teams", "I automated our release process")
	letters, err := a.Preview(context.Background(), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	count := map[policy.Kind]int{}
	bodies := map[string]bool{}
	subjects := map[string]bool{}
	for _, l := range letters {
		count[l.Kind]++
		if l.Body == "" || l.Subject == "" || l.Due.IsZero() || l.To == "" {
			t.Errorf("an empty letter: %+v", l)
		}
		if bodies[l.Body] {
			t.Errorf("two letters alike:\n%s", l.Body)
		}
		bodies[l.Body] = true
		if l.Kind == policy.CheckIn {
			subjects[l.Subject] = true
		}
		for _, bad := range []string{"about I asked", "Wir haben", "that Led", "Dear Watanabe", "Dear Talent"} {
			if strings.Contains(l.Body, bad) {
				t.Errorf("%s to %s has %q:\n%s", l.Kind, l.To, bad, l.Body)
			}
		}
		if l.Kind == policy.ThankYou || l.Kind == policy.CheckIn {
			if len(l.LeftOut) != 1 || !strings.Contains(l.LeftOut[0], "Wir haben") || !strings.Contains(l.LeftOut[0], "not in English") {
				t.Errorf("%s: left out %q, want the German note with its reason", l.Kind, l.LeftOut)
			}
		}
	}
	if count[policy.ThankYou] != 3 || count[policy.ThankCoordinator] != 1 || count[policy.CheckIn] != 3 {
		t.Fatalf("preview holds %v, want 3 thank-yous, the coordinator's thanks and 3 check-ins", count)
	}
	if len(subjects) != 3 {
		t.Errorf("the check-ins share subjects: %v", subjects)
	}
	for _, l := range letters {
		switch {
		case l.Kind == policy.ThankYou && !strings.Contains(l.Body, "today") && !strings.Contains(l.Body, "this morning") && !strings.Contains(l.Body, "this afternoon"):
			t.Errorf("a same-day thank-you does not say today:\n%s", l.Body)
		case l.Kind == policy.ThankYou && strings.Contains(l.To, "watanabe") && !strings.Contains(l.Body, "Dear Ms. Watanabe,"):
			t.Errorf("Ms. Watanabe greeted wrongly:\n%s", l.Body)
		case l.Kind == policy.CheckIn && l.Seq == 1 && !strings.Contains(l.Body, "again"):
			t.Errorf("check-in 1 after a planned thank-you does not thank again:\n%s", l.Body)
		}
	}
}

// TestPreview_ResultNotNewsTwice: a result the thank-you to a person gave is not given to
// them again as news in a check-in of the preview, as it is not when the daemon drafts it
// (the fifth letter hunt, 2026-12-07: every interview with an accomplishment got it twice).
func TestPreview_ResultNotNewsTwice(t *testing.T) {
	a, app := previewWorld(t, "the queue redesign", "Led two teams", "passed the AWS Solutions Architect exam")
	letters, err := a.Preview(context.Background(), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	told := map[string]bool{}
	for _, l := range letters {
		said := strings.Contains(l.Body, "AWS Solutions Architect exam")
		switch {
		case l.Kind == policy.ThankYou && said:
			told[l.To] = true
		case l.Kind == policy.CheckIn && said && told[l.To]:
			t.Errorf("check-in %d gives the thank-you's result again:\n%s", l.Seq, l.Body)
		}
	}
	if len(told) == 0 {
		t.Fatal("no thank-you gives the result: the test reads nothing")
	}
}

// TestPreview_DraftsAsTheyStand: once drafted, a letter is previewed as it stands (the
// owner may have edited it), not drafted afresh; check-in 1 after an interview recorded too
// late for a thank-you never thanks "again".
func TestPreview_DraftsAsTheyStand(t *testing.T) {
	a, app := previewWorld(t, "the queue redesign", "Led two teams", "")
	ctx := context.Background()
	a.Now = func() time.Time { return app.Interview.Start.Add(3 * time.Hour) }
	if _, err := a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	letters, err := a.Preview(ctx, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	drafted := 0
	for _, l := range letters {
		if l.State != "" {
			drafted++
		}
	}
	if drafted != 4 || len(letters) != 7 {
		t.Errorf("%d letters, %d drafted; want 7, the 4 thanks drafted", len(letters), drafted)
	}
	// Nothing went out: a check-in drafted now does not thank again.
	msgs, _ := a.Store.Messages(ctx, store.MessageFilter{AppID: app.ID})
	for _, m := range msgs {
		a.Store.Transition(ctx, m.ID, []store.State{store.Drafted, store.AwaitingApproval}, store.Cancelled, nil)
	}
	d := a.letterData(app, app.Contacts[0], policy.CheckIn, 1, app.Interview.Start.Add(7*24*time.Hour), false)
	_, body, err := a.Renderer.Render(policy.CheckIn, d)
	if err != nil || strings.Contains(body, "again") {
		t.Errorf("a check-in with no thank-you sent thanks again (%v):\n%s", err, body)
	}
}

// TestPlan_CheckInKnowsTheThankYou: a check-in is drafted knowing the thank-you that went to
// its reader: a result the thank-you told them is not given again as news.
func TestPlan_CheckInKnowsTheThankYou(t *testing.T) {
	a, app := previewWorld(t, "the queue redesign", "Led two teams", "cut cloud costs by 30%")
	a.Config.Approval.Required = false // each draft goes as written
	ctx := context.Background()
	now := app.Interview.Start.Add(3 * time.Hour)
	a.Now = func() time.Time { return now }
	if _, err := a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	msgs, _ := a.Store.Messages(ctx, store.MessageFilter{AppID: app.ID})
	told := map[int64]bool{}
	for _, m := range msgs {
		if m.Kind != policy.ThankYou {
			continue
		}
		// What the thank-you says goes out as drafted; whether it told the result is its own.
		send(t, a, m.ID, now)
		told[m.ContactID] = strings.Contains(m.Body, "cut cloud costs by 30%")
	}
	if len(told) != 3 {
		t.Fatalf("%d thank-yous sent, want 3", len(told))
	}
	// Check-ins as the planner drafts them, one at a time, each sent before the next.
	checkIns := 0
	for day := 6; day <= 30; day++ {
		now = app.Interview.Start.Add(time.Duration(day) * 24 * time.Hour)
		if _, err := a.Plan(ctx); err != nil {
			t.Fatal(err)
		}
		msgs, _ := a.Store.Messages(ctx, store.MessageFilter{AppID: app.ID})
		for _, m := range msgs {
			if m.Kind != policy.CheckIn || m.State == store.Sent || m.State == store.Cancelled {
				continue
			}
			checkIns++
			if told[m.ContactID] && strings.Contains(m.Body, "cut cloud costs by 30%") {
				t.Errorf("check-in %d gives the result the thank-you told as news:\n%s", m.Seq, m.Body)
			}
			send(t, a, m.ID, now)
		}
	}
	if checkIns < 3 {
		t.Fatalf("%d check-ins drafted", checkIns)
	}
}

// send moves an approved draft through sending to sent, as the deliver loop does.
func send(t *testing.T, a *Assistant, id int64, at time.Time) {
	t.Helper()
	ctx := context.Background()
	if _, err := a.Store.Transition(ctx, id, nil, store.Sending, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store.Transition(ctx, id, nil, store.Sent, func(m *store.Message) { m.SentAt = at }); err != nil {
		t.Fatal(err)
	}
}

// TestApproval_NotesLeftOut: the approval request names the note the letter leaves out and
// why, and says when no notes were recorded at all.
func TestApproval_NotesLeftOut(t *testing.T) {
	for _, c := range []struct{ points, fit, want string }{
		{"their roadmap; They were late to the call", "Led two teams", "Left out: “They were late to the call”: is a sentence, not a topic"},
		{"", "", "Notes:    none were recorded for this interview"},
	} {
		a, app := previewWorld(t, c.points, c.fit, "")
		a.Now = func() time.Time { return app.Interview.Start.Add(90 * time.Minute) }
		if _, err := a.Plan(context.Background()); err != nil {
			t.Fatal(err)
		}
		out, err := a.Store.DueOutgoing(context.Background(), a.Now().Add(time.Hour), func(string, string) bool { return false }, 100)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, o := range out {
			if strings.Contains(o.Subject, "Approve: thank-you to") && strings.Contains(o.Body, c.want) {
				found++
			}
			if strings.Contains(o.Subject, "thanks for arranging") && (strings.Contains(o.Body, "Left out") || strings.Contains(o.Body, "Notes:")) {
				t.Errorf("the coordinator's thanks uses no notes, yet its request speaks of them:\n%s", o.Body)
			}
		}
		if found != 3 {
			t.Errorf("%d of 3 thank-you requests say %q", found, c.want)
		}
	}
}

// TestPlan_LateThankYou: an interview recorded 39 hours after it ended still gets its
// thank-yous (up to policy.thank_you_expiry), worded as late, and the approval request says
// why there is no 24-hour deadline; a check-in to them later thanks "again" only once one
// went out.
func TestPlan_LateThankYou(t *testing.T) {
	a := offline(t)
	start := time.Date(2026, 12, 7, 10, 0, 0, 0, a.Config.Owner.Location) // Monday
	now := start.Add(time.Hour + 39*time.Hour)                            // Wednesday 01:00
	a.Now = func() time.Time { return now }
	body := vandelayRequest(t, a, start, now)
	for _, want := range []string{"Dear Art,", "on Monday", "recorded late", "Importer"} {
		if !strings.Contains(body, want) {
			t.Errorf("the late thank-you's request lacks %q:\n%s", want, body)
		}
	}
	parts := strings.Split(body, strings.Repeat("-", 70))
	if len(parts) < 3 {
		t.Fatalf("no draft in the request:\n%s", body)
	}
	if letter := parts[1]; !strings.Contains(letter, "belated") && !strings.Contains(letter, "delay") && !strings.Contains(letter, "comes a little late") {
		t.Errorf("the late thank-you is not worded as late:\n%s", letter)
	}
}

// TestPlan_Signature: the owner's signature lines (owner.signature) end the letter the owner
// is asked to approve, under the name, as they will reach the interviewer.
func TestPlan_Signature(t *testing.T) {
	a := offline(t)
	start := time.Date(2026, 12, 7, 10, 0, 0, 0, a.Config.Owner.Location)
	now := start.Add(3 * time.Hour)
	a.Now = func() time.Time { return now }
	a.Config.Owner.Signature = "+49 30 1234 5678\nlinkedin.com/in/alice-example"
	body := vandelayRequest(t, a, start, now)
	parts := strings.Split(body, strings.Repeat("-", 70))
	if len(parts) < 3 {
		t.Fatalf("no draft in the request:\n%s", body)
	}
	if letter := strings.TrimRight(parts[1], "\n "); !strings.HasSuffix(letter, a.Config.Owner.Name+"\n+49 30 1234 5678\nlinkedin.com/in/alice-example") {
		t.Errorf("the letter does not end with the name and the signature:\n%s", letter)
	}
}

// vandelayRequest records Art Vandelay's interview for the Importer role at start, plans at
// now with approval on, and returns the one mail to the owner: the thank-you's approval
// request.
func vandelayRequest(t *testing.T, a *Assistant, start, now time.Time) string {
	t.Helper()
	ctx := context.Background()
	a.Config.Approval.Required = true
	if _, err := a.Store.AddApplication(ctx, store.Application{Company: "Vandelay Industries", Role: "Importer", CompanyDomain: "vandelay.test",
		Interview: store.Interview{Start: start, Length: time.Hour, TZ: "Europe/Berlin", KeyPoints: "the latex trade"},
		Contacts:  []store.Contact{{Name: "Art Vandelay", Email: "art@vandelay.test", Role: policy.Interviewer}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := a.Store.DueOutgoing(ctx, now.Add(time.Hour), func(string, string) bool { return false }, 100)
	if err != nil || len(out) != 1 {
		t.Fatalf("%d mails to the owner (%v), want the thank-you's approval request", len(out), err)
	}
	return out[0].Body
}

// TestPlan_ThankYouWins: Art Vandelay interviewed the owner for two roles; the first
// application's check-in to him is drafted for tomorrow when the second interview ends. The
// thank-you for the second is drafted for this afternoon, never dropped, and the check-in
// waits until 48 hours after it.
func TestPlan_ThankYouWins(t *testing.T) {
	a := offline(t)
	ctx := context.Background()
	a.Config.Approval.Required = true
	loc := a.Config.Owner.Location
	first := time.Date(2026, 11, 30, 10, 0, 0, 0, loc) // Monday: check-in 1 is due Monday 7 December
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, loc)
	a.Now = func() time.Time { return now }
	art := store.Contact{Name: "Art Vandelay", Email: "art@vandelay.test", Role: policy.Interviewer}
	idA, err := a.Store.AddApplication(ctx, store.Application{Company: "Vandelay Industries", Role: "Importer", CompanyDomain: "vandelay.test",
		Interview: store.Interview{Start: first, Length: time.Hour, TZ: "Europe/Berlin"}, Contacts: []store.Contact{art}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	checkIn := func() store.Message {
		t.Helper()
		msgs, err := a.Store.Messages(ctx, store.MessageFilter{AppID: idA})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Kind == policy.CheckIn {
				return m
			}
		}
		t.Fatalf("no check-in drafted for the first application")
		return store.Message{}
	}
	before := checkIn().Due
	// The second interview, Monday 7 December 10:00–11:00; planned at 11:05.
	now = time.Date(2026, 12, 7, 11, 5, 0, 0, loc)
	idB, err := a.Store.AddApplication(ctx, store.Application{Company: "Vandelay Industries", Role: "Latex Salesman", CompanyDomain: "vandelay.test",
		Interview: store.Interview{Start: now.Add(-65 * time.Minute), Length: time.Hour, TZ: "Europe/Berlin"}, Contacts: []store.Contact{art}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	msgs, err := a.Store.Messages(ctx, store.MessageFilter{AppID: idB})
	if err != nil {
		t.Fatal(err)
	}
	var thanks *store.Message
	for i := range msgs {
		if msgs[i].Kind == policy.ThankYou {
			thanks = &msgs[i]
		}
	}
	if thanks == nil {
		t.Fatalf("the second interview's thank-you was dropped (check-in due %s)", before)
	}
	if got := checkIn().Due; got.Sub(thanks.Due) < 48*time.Hour {
		t.Errorf("the first application's check-in (was %s) is at %s, %s after the thank-you at %s; want 48h", before.In(loc), got.In(loc), got.Sub(thanks.Due), thanks.Due.In(loc))
	}
}

// TestDraftDue_SameAfternoon: an interview that ends at 15:00 to 16:45 gets its thank-you
// the same day, off the minute, after the interview and before the window closes.
func TestDraftDue_SameAfternoon(t *testing.T) {
	a := offline(t)
	loc := a.Config.Owner.Location
	for end := time.Date(2026, 12, 8, 15, 0, 0, 0, loc); !end.After(time.Date(2026, 12, 8, 16, 45, 0, 0, loc)); end = end.Add(15 * time.Minute) {
		app := store.Application{ID: 7, Company: "Acme", Role: "Engineer", Status: policy.Active,
			Interview: store.Interview{Start: end.Add(-time.Hour), Length: time.Hour, TZ: "Europe/Berlin"},
			Contacts:  []store.Contact{{ID: 1, Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer}}}
		plan := policy.New(a.Config.Rules).Compute(app.PolicyFacts(), policy.History{})
		if len(plan.Actions) == 0 || plan.Actions[0].Kind != policy.ThankYou {
			t.Fatalf("no thank-you planned for an interview ending %s", end.Format("15:04"))
		}
		a.Now = func() time.Time { return end.Add(-90 * time.Minute) } // drafted before it is due
		due := a.draftDue(app, plan.Actions[0]).In(loc)
		if due.Day() != end.Day() || due.Before(end) || due.Hour() >= 17 || due.Second() == 0 && due.Minute()%5 == 0 {
			t.Errorf("interview ending %s: thank-you at %s", end.Format("15:04"), due.Format("Mon 15:04:05"))
		}
	}
}
