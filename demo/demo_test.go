package demo

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestRun plays the demo and checks that each step of the loop happened, in order, told as
// it happened: why each draft ended as it did, no advice already followed, and every mail
// on a working day inside the usual window.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(context.Background(), &out, false); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	text := out.String()
	pos := 0
	for _, step := range []string{
		"followup's clock starts on Tue 2026-11-17 14:00; its send window is Monday to Friday, 09:00-17:00.",
		"Three drafts, one per person",
		"Dear Jane,",
		`Alice replies "send"`,
		"Delivered to Jane on Tue 2026-11-17 14:00: \"Thank you – Backend Engineer interview\"",
		"Raj's and Sam's thank-yous still wait for Alice's word.",
		"the demo moves followup's clock 8 days on, to Wed 2026-11-25 14:00",
		"(thank-you → Raj Patel), never approved, is dropped: too late for a thank-you: dropped 8 days after the interview",
		"(thanks (coordinator) → Sam Lee), never approved, is dropped: too late for a thank-you",
		"Check-in drafted, in the thread of the thank-you: \"Backend Engineer", // its subject names the role, in its own words
		"the check-in is delivered to Jane on Wed 2026-11-25 14:00",
		"Jane replies",
		"Read as an invitation to another round: no more check-ins",
		"How each draft of round 1 ended:",
		"(thank-you → Jane Doe): sent Tue 2026-11-17 14:00, approved by Alice",
		"(check-in → Jane Doe): sent Wed 2026-11-25 14:00, approved by Alice",
		"Alice is told at once: \"[followup ",
		"] Next round: Jane Doe",
		"Alice answers the notice \"track 2026-11-30 10:00",
		": application 2, round 2, the same people; 7 follow-ups planned afresh, the first a thank-you on Mon 2026-11-30 13:00.",
		"Alice is told: \"[followup] Tracking: Backend Engineer at Acme, Mon 30 Nov 2026 10:00",
		"Replies received",
		"jane@acme.test replied about Backend Engineer at Acme",
		"another round: recorded as application 2 (followup show 2)",
		// Every message the story sends, counted once all are through: it said 15 or 16 by
		// how fast the outbox ran before the demo waited for the last notice.
		"Done: 16 messages went through the in-process servers.",
	} {
		i := strings.Index(text[pos:], step)
		if i < 0 {
			t.Fatalf("the demo did not show %q after position %d:\n%s", step, pos, text)
		}
		pos += i + len(step)
	}
	// Jane's reply did not cancel Raj's and Sam's drafts: the clock did, and only that is said.
	if strings.Contains(text, "--next-round") || regexp.MustCompile(`(Sat|Sun) 2026-`).MatchString(text) {
		t.Errorf("stale advice, or a weekend date:\n%s", text)
	}
}
