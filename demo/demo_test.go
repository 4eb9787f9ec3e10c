package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestRun plays the demo and checks that each step of the loop happened, in order.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := Run(context.Background(), &out, false); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	text := out.String()
	pos := 0
	for _, step := range []string{
		"Three drafts, one per person",
		"Dear Jane,",
		`Alice replies "send"`,
		"Delivered to Jane: \"Thank you – Backend Engineer interview\"",
		"Check-in drafted, in the thread of the thank-you: \"Next steps",
		"the check-in is delivered to Jane",
		"Jane replies",
		"Read as an invitation to another round: no more check-ins",
		"Alice is told at once: \"[followup ",
		"] Next round: Jane Doe",
		"Alice answers the notice \"track ",
		": application 2, round 2, the same people; 7 follow-ups planned afresh, the first a thank-you.",
		"Replies received",
		"jane@acme.test replied about Backend Engineer at Acme",
	} {
		i := strings.Index(text[pos:], step)
		if i < 0 {
			t.Fatalf("the demo did not show %q after position %d:\n%s", step, pos, text)
		}
		pos += i + len(step)
	}
}
