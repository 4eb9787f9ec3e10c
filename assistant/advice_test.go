package assistant

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestDigest_Advice: the digest advises as career coaches do: before an interview, ask when
// they will decide and note everyone's address; after it, connect on LinkedIn with people
// only (never a team mailbox), each once across applications, names written as names;
// and say when the decision date or the notes are missing.
func TestDigest_Advice(t *testing.T) {
	d := offline(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 18, 0, 0, 0, d.Config.Owner.Location)
	d.Now = func() time.Time { return now }
	add := func(company string, start time.Time, decision string, contacts ...store.Contact) {
		t.Helper()
		if _, err := d.Store.AddApplication(ctx, store.Application{Company: company, Role: "Engineer", CompanyDomain: "acme.test",
			Interview: store.Interview{Start: start, Length: time.Hour, TZ: "Europe/Berlin", DecisionBy: decision}, Contacts: contacts}); err != nil {
			t.Fatal(err)
		}
	}
	robin := store.Contact{Name: "MX. ROBIN LEE, PHD", Email: "robin@acme.test", Role: policy.Interviewer}
	add("Acme", now.Add(-5*time.Hour), "", robin,
		store.Contact{Name: "Talent Acquisition", Email: "talent@acme.test", Role: policy.Interviewer},
		store.Contact{Name: "Sam Rivera", Email: "sam@acme.test", Role: policy.Coordinator})
	add("Acme Labs", now.Add(-26*time.Hour), "2026-12-20", robin)
	add("Globex", now.Add(40*time.Hour), "", store.Contact{Name: "Jane Doe", Email: "jane@globex.test", Role: policy.Coordinator})
	add("Initech", now.Add(64*time.Hour), "2026-12-24", store.Contact{Name: "Bill Lumbergh", Email: "bill@initech.test", Role: policy.Interviewer})
	dg, err := d.BuildDigest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(dg.Advice, "\n")
	for _, want := range []string{
		"Connect with Robin Lee on LinkedIn",
		"At the Engineer interview at Globex on Wednesday 9 December, ask when they expect to decide",
		"Before the Engineer interview at Globex on Wednesday 9 December, ask who you will meet",
		"At the Engineer interview at Initech on Thursday 10 December, note the name and email address of everyone you meet",
		"You recorded no notes for the Engineer interview at Acme",
		"No decision date for the Engineer interview at Acme:",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the advice does not say %q:\n%s", want, all)
		}
	}
	for _, bad := range []string{"Talent Acquisition on LinkedIn", "ROBIN", "PHD", "Sam Rivera on LinkedIn", "Initech on Thursday 10 December, ask when",
		"No decision date for the Engineer interview at Acme Labs"} {
		if strings.Contains(all, bad) {
			t.Errorf("the advice says %q:\n%s", bad, all)
		}
	}
	if n := strings.Count(all, "Connect with Robin Lee"); n != 1 {
		t.Errorf("Robin Lee is named %d times for LinkedIn, want once:\n%s", n, all)
	}
}
