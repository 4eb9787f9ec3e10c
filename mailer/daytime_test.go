package mailer

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
)

// TestThankYou_TimeAsSaid: "this morning" only for an interview over by noon and thanked the
// same day, "this afternoon" only for one that began after noon; the next day, "yesterday".
func TestThankYou_TimeAsSaid(t *testing.T) {
	r := testRenderer(t)
	ny := newYork(t)
	for _, b := range blindInterviews {
		at, err := time.ParseInLocation("2006-01-02 15:04", "2026-12-07 "+b.at, ny)
		if err != nil {
			t.Fatal(err)
		}
		for _, next := range []bool{false, true} {
			send := at.Add(3 * time.Hour)
			if next {
				send = time.Date(2026, 12, 8, 9, 10, 0, 0, ny)
			}
			greeting, _ := Greeting(b.contact, "", FirstName)
			d := Data{Owner: NewPerson("Alice Example", "alice@example.test"), Contact: NewPerson(b.contact, b.email), Greeting: greeting,
				Company: b.company, Role: b.role, Medium: b.medium, Start: at, End: at.Add(time.Hour), SendAt: send,
				Notes: ReadNotesFor(b.own, b.points, b.fit, b.acc, b.company)}
			_, body, err := r.Render(policy.ThankYou, d)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case next && (!strings.Contains(body, "yesterday") || regexp.MustCompile(`this (morning|afternoon)`).MatchString(body)):
				t.Errorf("%s thanked the next day: want “yesterday”:\n%s", b.company, body)
			case strings.Contains(body, "this morning") && (d.End.Hour() > 12 || d.End.Hour() == 12 && d.End.Minute() > 0):
				t.Errorf("%s (%s–%s): “this morning”:\n%s", b.company, b.at, d.End.Format("15:04"), body)
			case strings.Contains(body, "this afternoon") && at.Hour() < 13:
				t.Errorf("%s (%s): “this afternoon”:\n%s", b.company, b.at, body)
			}
		}
	}
}
