package assistant

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestPlan_NoTwoEmailsWithin48hAcrossApplications: three interviewers meet the owner for
// many roles over five weeks (two roles on the same day, now and then); every check-in
// followup sends them, whatever the application, is at least 48 hours from any other email
// to them before it. (The case: the same interviewer on two roles got eight emails in three
// weeks, pairs 24 hours apart.) A thank-you always goes (issue 20): each interview gets its
// own within a day, and another application's check-in moves out of its way instead.
func TestPlan_NoTwoEmailsWithin48hAcrossApplications(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			a := offline(t)
			a.Config.Approval.Required = false
			start := time.Date(2026, 3, 2, 8, 0, 0, 0, a.Config.Owner.Location)
			now := start
			a.Now = func() time.Time { return now }
			rnd := rand.New(rand.NewPCG(seed, 7))
			people := []string{"jane@acme.test", "raj@acme.test", "kim@acme.test"}
			sent := 0
			for step := 0; step < 5*7*24; step++ {
				now = start.Add(time.Duration(step) * time.Hour)
				if h := now.Hour(); h == 10 || h == 15 {
					if rnd.IntN(4) == 0 { // an interview just over, with one or two of the three
						app := store.Application{Company: fmt.Sprintf("Co %d", step), Role: "Engineer", CompanyDomain: "acme.test",
							Interview: store.Interview{Start: now.Add(-90 * time.Minute), Length: time.Hour, TZ: "Europe/Berlin"}}
						p := rnd.Perm(len(people))
						for _, i := range p[:1+rnd.IntN(2)] {
							app.Contacts = append(app.Contacts, store.Contact{Name: "Someone", Email: people[i], Role: policy.Interviewer})
						}
						if _, err := a.Store.AddApplication(ctx, app); err != nil {
							t.Fatal(err)
						}
					}
				}
				planAll(t, a)
				// The outbox: what is due goes.
				msgs, err := a.Store.Messages(ctx, store.MessageFilter{States: []store.State{store.Approved}})
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range msgs {
					if m.Due.After(now) || !m.Kind.IsEmail() {
						continue
					}
					if _, err := a.Store.Transition(ctx, m.ID, nil, store.Sending, nil); err != nil {
						continue
					}
					if _, err := a.Store.Transition(ctx, m.ID, nil, store.Sent, func(m *store.Message) { m.SentAt = now }); err != nil {
						t.Fatal(err)
					}
					sent++
				}
			}
			// Every email to each person, sent or still to go.
			byAddr := map[string][]string{}
			type sending struct {
				at     time.Time
				thanks bool
			}
			times := map[string][]sending{}
			msgs, err := a.Store.Messages(ctx, store.MessageFilter{States: []store.State{store.Sent, store.Approved}})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if !m.Kind.IsEmail() {
					continue
				}
				app, _ := a.Store.Application(ctx, m.AppID)
				at := m.Due
				if m.State == store.Sent {
					at = m.SentAt
				}
				email := app.Contact(m.ContactID).Email
				times[email] = append(times[email], sending{at, m.Kind == policy.ThankYou || m.Kind == policy.ThankCoordinator})
				byAddr[email] = append(byAddr[email], fmt.Sprintf("%s %s (app %d)", at.Format("Mon 01-02 15:04"), m.Kind, m.AppID))
			}
			if sent < 20 {
				t.Fatalf("only %d emails sent: the simulation exercised too little", sent)
			}
			for email, ts := range times {
				sort.Slice(ts, func(i, j int) bool { return ts[i].at.Before(ts[j].at) })
				for i := 1; i < len(ts); i++ {
					// Only a thank-you may follow within 48 hours (one after a check-in that
					// had gone already); a check-in never does.
					if d := ts[i].at.Sub(ts[i-1].at); d < 48*time.Hour && !ts[i].thanks {
						sort.Strings(byAddr[email])
						t.Fatalf("%s got a check-in %s from another email:\n%v", email, d, byAddr[email])
					}
				}
			}
		})
	}
}
