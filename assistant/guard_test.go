package assistant

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/followupd/followup/inbox"
)

// TestGuard: an approval request, any line of it, a token, or a quoted line is refused; the
// thank-yous followup writes pass.
func TestGuard(t *testing.T) {
	request, err := os.ReadFile(filepath.Join("testdata", "texts", "approval.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if Guard(string(request)) == nil {
		t.Error("a whole approval request passed")
	}
	_, body, _ := strings.Cut(string(request), "-----\n")
	draft, _, _ := strings.Cut(body, "-----")
	draft = strings.TrimRight(draft, "-")
	if err := Guard(draft); err != nil {
		t.Errorf("the thank-you itself was refused: %v\n%s", err, draft)
	}
	for _, bad := range []string{
		"Dear Jane,\n\n  Why:      a thank-you to each interviewer",
		"Dear Jane,\nGoes out: Wed 18 Nov",
		"Dear Jane,\nReply to this email with one word on the first line:",
		"Thanks!\n> Dear Jane,",
		"Re: [followup k7d2m4q3p3x5w6y2z7a3b4c5d6] Approve",
		"see k7d2m4q3p3x5w6y2z7a3b4c5d6",
		"Dear Jane,\n----------------------------------------------------------------------",
	} {
		if Guard(bad) == nil {
			t.Errorf("passed: %q", bad)
		}
	}
	for _, good := range []string{
		"Dear Jane,\n\nI enjoyed our Web3 and B2B talk in 2026; p99 latency is down 40%.\n\nBest,\nAlice",
		"pneumonoultramicroscopicsilicovolcanoconiosis is a long word",
	} {
		if err := Guard(good); err != nil {
			t.Errorf("refused %q: %v", good, err)
		}
	}
}

// FuzzAnswer_NothingQuotedGoesOut: whatever the owner writes into whatever client layout,
// the text that could go out to a contact (a new text the parser found and the guard let
// through) never holds the approval token, a line of the quoted approval request (other
// than the draft's own lines, which the owner may reuse), or a quoted line.
func FuzzAnswer_NothingQuotedGoesOut(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "inbox", "testdata", "answers", "*.txt"))
	if len(files) == 0 {
		f.Fatal("no answer layouts")
	}
	var layouts []string
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		layouts = append(layouts, string(b))
	}
	request, _ := os.ReadFile(filepath.Join("testdata", "texts", "approval.golden"))
	var requestLines []string
	draftPart := false
	for _, l := range strings.Split(string(request), "\n") {
		if strings.HasPrefix(l, "-----") {
			draftPart = !draftPart
			continue
		}
		if t := strings.TrimSpace(l); len(t) >= 12 && !draftPart && !strings.HasPrefix(t, "Subject:") {
			requestLines = append(requestLines, strings.Join(strings.Fields(t), " "))
		}
	}
	for i, own := range []string{"send", "send\n\nDear Jane,\n\nthanks!\n\nAlice", "send\n\n", "skip", "send\n\nhi\n> quoted", "send\n\nReply to this email"} {
		f.Add(i, own)
	}
	f.Fuzz(func(t *testing.T, layout int, own string) {
		if layout < 0 {
			layout = -layout
		}
		body := strings.Replace(layouts[layout%len(layouts)], "{{ANSWER}}", own, 1)
		cmd, ok := inbox.ParseCommand(body)
		if !ok || cmd.Text == "" || Guard(cmd.Text) != nil {
			return // nothing could go out but the draft itself
		}
		if strings.Contains(strings.ToLower(cmd.Text), "k7d2m4q3p3x5w6y2z7a3b4c5d6") {
			t.Fatalf("the token could go out:\n%s", cmd.Text)
		}
		for _, l := range strings.Split(cmd.Text, "\n") {
			t2 := strings.Join(strings.Fields(l), " ")
			if strings.HasPrefix(strings.TrimSpace(l), ">") {
				t.Fatalf("a quoted line could go out: %q", l)
			}
			for _, r := range requestLines {
				if strings.EqualFold(t2, r) {
					t.Fatalf("a line of the approval request could go out: %q", l)
				}
			}
		}
	})
}
