package assistant

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// decisionNamed is a letter naming the day they would decide by.
var decisionNamed = regexp.MustCompile(`(?i)\b(decide|decision)\b[^.?!,]{0,16}\bby\b`)

// TestPreview_DecisionDate: the decision date the owner recorded reaches the letters: the
// first check-in, due three business days after it, says they hoped to decide by then ("by
// the end of last week" for a Friday), the later ones do not say it again; without a
// decision date no check-in names one.
func TestPreview_DecisionDate(t *testing.T) {
	for _, by := range []string{"2026-12-11", ""} {
		a := offline(t)
		now := time.Date(2026, 12, 7, 8, 0, 0, 0, a.Config.Owner.Location)
		a.Now = func() time.Time { return now }
		ctx := context.Background()
		id, err := a.Store.AddApplication(ctx, store.Application{Company: "Northwind", Role: "Data Analyst", CompanyDomain: "northwind.test",
			Interview: store.Interview{Start: now.Add(2 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin", DecisionBy: by,
				KeyPoints: "team goals for next yr", Fit: "SQL + Tableau, 3 yrs"},
			Contacts: []store.Contact{{Name: "David Okafor", Email: "david@northwind.test", Role: policy.Interviewer}}})
		if err != nil {
			t.Fatal(err)
		}
		letters, err := a.Preview(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		checkIns := 0
		for _, l := range letters {
			if l.Kind != policy.CheckIn {
				continue
			}
			checkIns++
			named := decisionNamed.MatchString(l.Body)
			switch {
			case by != "" && l.Seq == 1 && (!named || !regexp.MustCompile(`end of last week|last Friday`).MatchString(l.Body)):
				t.Errorf("decision by Friday %s, check-in 1 due %s does not say so:\n%s", by, l.Due.Format("Mon Jan 2"), l.Body)
			case (by == "" || l.Seq > 1) && named:
				t.Errorf("decision date %q, check-in %d names one:\n%s", by, l.Seq, l.Body)
			}
		}
		if checkIns != 3 {
			t.Errorf("decision date %q: %d check-ins previewed, want 3", by, checkIns)
		}
	}
}
