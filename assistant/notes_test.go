package assistant

import (
	"strings"
	"testing"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestReadNotes_OneInterviewer: with one interviewer, "she said it takes someone w/
// initiative" is the reader (a published letter: "You mentioned that it will take someone
// with initiative to succeed in this role"); the fifth blind set's notes lost it as "could
// point at the wrong person of the panel" where there was no panel. With two, it stays out.
func TestReadNotes_OneInterviewer(t *testing.T) {
	note := "learned more about the job; she said it takes someone w/ initiative to do well in the role; her team's on-call"
	jane := store.Contact{ID: 1, Name: "Jane Okafor", Email: "jane@acme.test", Role: policy.Interviewer}
	sam := store.Contact{ID: 2, Name: "Sam Lee", Email: "hr@acme.test", Role: policy.Coordinator}
	app := store.Application{Company: "Acme", Role: "HR Generalist", Interview: store.Interview{KeyPoints: note},
		Contacts: []store.Contact{jane, sam}}
	n := readNotes(app, jane)
	if strings.Join(n.Remarks, "|") != "it takes someone with initiative to do well in the role" {
		t.Errorf("one interviewer: remarks %q (left out %v)", n.Remarks, n.LeftOut)
	}
	if strings.Join(n.Points, "|") != "your team's on-call" {
		t.Errorf("one interviewer: points %q", n.Points)
	}
	bo := store.Contact{ID: 3, Name: "Bo Chen", Email: "bo@acme.test", Role: policy.Interviewer}
	app.Contacts = append(app.Contacts, bo)
	for _, c := range []store.Contact{jane, bo} {
		n := readNotes(app, c)
		if len(n.Remarks) != 0 || strings.Contains(strings.Join(n.Points, "|"), "your team") {
			t.Errorf("a panel, to %s: remarks %q, points %q: a third person is not the reader", c.Name, n.Remarks, n.Points)
		}
	}
}

// TestReadNotes_ReadersName: the reader named in the notes is "you" in their letter: a
// letter to Jamaal does not say "our conversation about Jamaal's path at CarRuns" (a fifth
// blind set's held half).
func TestReadNotes_ReadersName(t *testing.T) {
	jamaal := store.Contact{ID: 1, Name: "Jamaal Reed", Email: "jamaal@carruns.test", Role: policy.Interviewer}
	app := store.Application{Company: "CarRuns", Role: "Customer Success Manager", Contacts: []store.Contact{jamaal},
		Interview: store.Interview{KeyPoints: "Jamaal's path at CarRuns - joined as employee #5; where the co is headed"}}
	n := readNotes(app, jamaal)
	if got := strings.Join(n.Points, "|"); got != "your path at CarRuns|where the company is headed" {
		t.Errorf("points %q (left out %v)", n.Points, n.LeftOut)
	}
}

// TestReadNotes_ReaderByTitle: the reader named by title and surname, or by first name after
// "with", is "you" in their letter (a sixth blind set: "learn more about good rapport with Dr
// Page and the whole clinic staff", to Dr. Page).
func TestReadNotes_ReaderByTitle(t *testing.T) {
	page := store.Contact{ID: 1, Name: "Dr. Steven Page", Email: "spage@clinic.test", Role: policy.Interviewer}
	for _, note := range []string{"good rapport w/ Dr Page + the whole clinic staff", "good rapport w/ Steven + the whole clinic staff"} {
		app := store.Application{Company: "Rolling Hills Clinic", Role: "Social Worker", Contacts: []store.Contact{page},
			Interview: store.Interview{KeyPoints: note}}
		n := readNotes(app, page)
		if got := strings.Join(n.Feelings, "|"); got != "I felt a good rapport with you and the whole clinic staff" {
			t.Errorf("%q: feelings %q (points %q, left out %v)", note, n.Feelings, n.Points, n.LeftOut)
		}
	}
}

// TestReadNotes_ReadersNameAsWritten: names beyond ASCII are the reader too ("Élodie's
// team", "with Zoë"), and a name that is also a word is changed only where it is the person:
// "decision by May" to May Chen stays a month.
func TestReadNotes_ReadersNameAsWritten(t *testing.T) {
	for _, c := range []struct{ name, note, want string }{
		{"Élodie Martin", "Élodie's team of five", "their team of five"},
		{"Zoë Park", "good rapport w/ Zoë", "good rapport w/ you"},
		{"May Chen", "decision by May; the move to May", "decision by May; the move to May"},
	} {
		if got := readerAsYou(c.note, c.name); got != c.want {
			t.Errorf("%s: %q → %q, want %q", c.name, c.note, got, c.want)
		}
	}
}
