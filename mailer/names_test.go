package mailer

import "testing"

// TestGreeting: names are never invented (issue: "Dear Jdoe,", "Dear Hr,", "Dear
// Recruiting,", "Dear Dr.,", "Dear Doe,,", a garbled first letter); the owner's spelling is
// used as given; without a usable name the greeting is neutral.
func TestGreeting(t *testing.T) {
	for _, c := range []struct {
		name, custom string
		s            Salutation
		want         string
		named        bool
	}{
		{"Jane Doe", "", FirstName, "Dear Jane,", true},
		{"", "", FirstName, "Hello,", false}, // jdoe@acme.test: never "Dear Jdoe,"
		{"HR", "", FirstName, "Hello,", false},
		{"Recruiting Team", "", FirstName, "Hello,", false},
		{"Talent Acquisition", "", FullName, "Hello,", false},
		{"Acme Careers", "", FirstName, "Hello,", false},
		{"Dr. Jane Doe", "", FirstName, "Dear Jane,", true},
		{"Dr. Jane Doe", "", TitleLastName, "Dear Dr. Doe,", true},
		{"Jane Doe", "", TitleLastName, "Dear Jane Doe,", true}, // no title is guessed
		{"Doe, Jane", "", FirstName, "Dear Jane,", true},
		{"Doe, Jane", "", FullName, "Dear Jane Doe,", true},
		{"Jane Doe, PhD", "", FullName, "Dear Jane Doe,", true},
		{"Prof. Émilie Dubois", "", TitleLastName, "Dear Prof. Dubois,", true},
		{"émilie dubois", "", FirstName, "Dear émilie,", true}, // as the owner wrote it
		{"Ólafur Arnalds", "", FirstName, "Dear Ólafur,", true},
		{"李明", "", FirstName, "Dear 李明,", true},
		{`"Jane Doe"`, "", FirstName, "Dear Jane,", true},
		{"Jane", "Dear Professor Doe,", FirstName, "Dear Professor Doe,", true},
		{"", "Hi team,", FirstName, "Hi team,", true},
		{"jane.doe@acme.test", "", FirstName, "Hello,", false},
		// Display names as mail clients and directories show them, pasted by the owner:
		// pronouns, Outlook's "(External)" tag, a nickname, a company after a bar.
		{"Jane Doe (she/her)", "", FirstName, "Dear Jane,", true},
		{"Jane Doe (She/Her)", "", FullName, "Dear Jane Doe,", true},
		{"Doe, Jane (External)", "", FullName, "Dear Jane Doe,", true},
		{"Robert (Bob) Smith", "", FullName, "Dear Robert Smith,", true},
		{"Jane Doe [they/them]", "", FirstName, "Dear Jane,", true},
		{"Jane Doe | Acme", "", FullName, "Dear Jane Doe,", true},
		{"(she/her)", "", FirstName, "Hello,", false},
	} {
		got, named := Greeting(c.name, c.custom, c.s)
		if got != c.want || named != c.named {
			t.Errorf("Greeting(%q, %q, %s) = %q, %v; want %q, %v", c.name, c.custom, c.s, got, named, c.want, c.named)
		}
	}
}
