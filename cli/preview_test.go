package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/assistant"
)

// TestPreview_JSON: preview --json shows every planned letter with its body.
func TestPreview_JSON(t *testing.T) {
	e := newEnv(t)
	id := strings.TrimSpace(e.mustRun(addArgs...))
	var letters []assistant.Letter
	if err := json.Unmarshal([]byte(e.mustRun("preview", id, "--json")), &letters); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, l := range letters {
		kinds[string(l.Kind)]++
		if l.Body == "" || l.Subject == "" || l.To == "" {
			t.Errorf("a letter without its text: %+v", l)
		}
	}
	if kinds["thank_you"] != 2 || kinds["thank_coordinator"] != 1 || kinds["check_in"] != 3 || len(letters) != 6 {
		t.Errorf("preview --json holds %v, want 2 thank-yous, the coordinator's thanks and 3 check-ins", kinds)
	}
	if out := e.mustRun("preview", id); !strings.Contains(out, "== check-in 3 to Jane Doe <jane@acme.test>") || !strings.Contains(out, "Dear Jane,") {
		t.Errorf("preview does not show check-in 3 in full:\n%s", out)
	}
}

// TestAdd_LateInterview: an interview recorded 39 hours after it ended still gets its
// thank-yous, worded as late, and add says so.
func TestAdd_LateInterview(t *testing.T) {
	e := newEnv(t)
	e.now = recordedAt.Add(37 * time.Hour) // the interview ended at 11:00 (10:00 CET for 1h): 39h before
	_, errs, code := e.run(addArgs...)
	if code != 0 || !strings.Contains(errs, "the thank-yous go as soon as you approve them, and say they are late") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var letters []assistant.Letter
	if err := json.Unmarshal([]byte(e.mustRun("preview", "1", "--json")), &letters); err != nil {
		t.Fatal(err)
	}
	if len(letters) == 0 || letters[0].Kind != "thank_you" || !strings.Contains(letters[0].Subject, "belated") {
		t.Errorf("the first letter is not a late thank-you: %+v", letters)
	}
}

// TestAdd_PointsFor: key points given for one interviewer are checked, stored with them, shown
// before anything is drafted, and named first in their letters, turned towards them; the
// other interviewer's letters name only the shared points.
func TestAdd_PointsFor(t *testing.T) {
	e := newEnv(t)
	for _, bad := range [][]string{{"--points-for", "nobody@acme.test=the budget"}, {"--points-for", "jane@acme.test"}} {
		if _, errs, code := e.run(append(append([]string(nil), addArgs...), bad...)...); code != 2 || !strings.Contains(errs, "--points-for") {
			t.Errorf("%v: exit %d, %q", bad, code, errs)
		}
	}
	out, errs, code := e.run(append(append([]string(nil), addArgs...), "--points-for", "Jane@acme.test=the migration to Kafka; her team's on-call")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "your notes for jane@acme.test, as a letter may say them: “I especially enjoyed our conversation about the migration to Kafka, your team's on-call and the queue redesign.”"; !strings.Contains(errs, want) {
		t.Errorf("add does not show what Jane's letters will say (%q):\n%s", want, errs)
	}
	id := strings.TrimSpace(out)
	if show := e.mustRun("show", id); !strings.Contains(show, "key points with them: the migration to Kafka; her team's on-call") {
		t.Errorf("show does not list Jane's points:\n%s", show)
	}
	var letters []assistant.Letter
	if err := json.Unmarshal([]byte(e.mustRun("preview", id, "--json")), &letters); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, l := range letters {
		if l.Kind != "thank_you" {
			continue
		}
		seen++
		jane := strings.Contains(l.To, "jane@")
		if has := strings.Contains(l.Body, "the migration to Kafka"); has != jane {
			t.Errorf("the thank-you to %s names Jane's points: %v\n%s", l.To, has, l.Body)
		}
		if strings.Contains(l.Body, "her team") || jane && !strings.Contains(l.Body, "your team's on-call") {
			t.Errorf("the thank-you to %s does not turn Jane's points towards her:\n%s", l.To, l.Body)
		}
		if !jane && !strings.Contains(l.Body, "the queue redesign") {
			t.Errorf("the thank-you to %s lacks the shared point:\n%s", l.To, l.Body)
		}
	}
	if seen != 2 {
		t.Errorf("%d thank-yous previewed, want 2", seen)
	}
}
