package assistant

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestPlan_OwnersLettersApart: a dozen interviews of one owner's, their thank-yous drafted in
// one pass as the daemon drafts them, share no run of six words that is not the owner's own
// matter. Each letter's choices are seeded apart, so drafted blind a dozen share some by
// chance (the eighth reading's first tell: "It was very kind of you to make time for me" in
// two letters to different people); each is drafted hearing the owner's letters before it.
func TestPlan_OwnersLettersApart(t *testing.T) {
	a := offline(t)
	ctx := context.Background()
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, a.Config.Owner.Location)
	a.Now = func() time.Time { return start.Add(10 * time.Hour) }
	in := []struct{ co, role, who, points, fit string }{
		{"Harbor & Pine", "Marketing Manager", "Daniel Osei", "owned channels; Q3 launch", "lifecycle email + analytics"},
		{"ABC Company", "Staff Assistant", "Jim Peterman", "their latest campaign", "degree + 2 yrs office admin"},
		{"ICC", "Project Manager", "Ronald Smith", "GreenTech acquisition", "PM w/ renewable energy projects"},
		{"St. Luke's", "New Grad RN Residency", "Beth Moreno", "residency program", "new grad RN"},
		{"Texas Oil", "Project Coordinator", "Jackie Smith", "staff retention", "strong org + mgmt skills"},
		{"Atlantic Engineering", "Associate Engineer", "Foster Walker", "", "BSME + hands-on design exp"},
		{"Keystone", "Sales Manager", "Laura Fields", "", "5 yrs sales mgmt"},
		{"A1 Computing", "Software Intern", "Hana Park", "the software they make", "CS junior, know Java + Python"},
		{"Fairview", "New Grad RN", "Karen Lund", "training + support for new RNs", "new grad RN"},
		{"Westbrook", "Program Coordinator", "Dana Carter", "Student Activities dept", "student govt VP + RA 2 yrs"},
		{"Midwest Supply", "Territory Sales Manager", "Ellen Novak", "sales team structure", "6 yrs managing a territory"},
		{"Northwind", "Data Analyst", "David Okafor", "team goals for next yr", "SQL + Tableau, 3 yrs"},
	}
	own := map[string]bool{}
	for i, x := range in {
		email := fmt.Sprintf("p%d@co%d.test", i, i)
		if _, err := a.Store.AddApplication(ctx, store.Application{Company: x.co, Role: x.role, CompanyDomain: fmt.Sprintf("co%d.test", i),
			Interview: store.Interview{Start: start.Add(time.Duration(i%4) * time.Hour), Length: time.Hour, TZ: "Europe/Berlin", KeyPoints: x.points, Fit: x.fit},
			Contacts:  []store.Contact{{Name: x.who, Email: email, Role: policy.Interviewer}}}); err != nil {
			t.Fatal(err)
		}
		for _, w := range runWords(x.co + " " + x.role + " " + x.who + " " + x.points + " " + x.fit) {
			own[w] = true
		}
	}
	if _, err := a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	msgs, err := a.Store.Messages(ctx, store.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	letters := 0
	for _, m := range msgs {
		if m.Kind != policy.ThankYou {
			continue
		}
		letters++

		seen := map[string]bool{}
		// The lines every writer uses (mailer.CommonLines) are the owner's to say again: the
		// runs are read between them.
		// The sign-off block is the owner's own, the same under every letter (a person's habit).
		body := strings.TrimSpace(m.Body)
		if i := strings.LastIndex(body, "\n\n"); i > 0 {
			body = body[:i]
		}
		for _, part := range mailer.CommonLine.Split(contractions.Replace(body), -1) {
			ws := runWords(part)
			for i := 0; i+6 <= len(ws); i++ {
				run := ws[i : i+6]
				mine := false
				for _, w := range run {
					mine = mine || own[w]
				}
				if r := strings.Join(run, " "); !mine && !seen[r] {
					seen[r] = true
					count[r]++
				}
			}
		}
	}
	if letters != len(in) {
		t.Fatalf("%d thank-yous drafted, want %d", letters, len(in))
	}
	var shared []string
	for r, k := range count {
		if k > 1 {
			shared = append(shared, fmt.Sprintf("%d× %q", k, r))
		}
	}
	sort.Strings(shared)
	if len(shared) > 0 {
		t.Errorf("the owner's %d thank-yous share %d runs of six words:\n%s", letters, len(shared), strings.Join(shared, "\n"))
	}
}

var runWordRe = regexp.MustCompile(`[\p{L}\p{N}']+`)

// contractions written out: "I'd" is "I would" to a reader comparing letters.
var contractions = strings.NewReplacer("I'm", "I am", "I'd", "I would", "I've", "I have", "I'll", "I will", "It's", "It is", "it's", "it is",
	"didn't", "did not", "don't", "do not", "that's", "that is", "That's", "That is")

// runWords are the lower-cased words of s, contractions written out (I'd is I would).
func runWords(s string) []string {
	return runWordRe.FindAllString(strings.ToLower(contractions.Replace(s)), -1)
}
