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
