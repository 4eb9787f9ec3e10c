package mailer

import (
	"flag"
	"fmt"
	"github.com/followupd/followup/internal/golden"
	"path/filepath"
	"strings"
	"testing"
)

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
		// The owner wrote the title: that is how this person is addressed (issue 20).
		{"Dr. Jane Doe", "", FirstName, "Dear Dr. Doe,", true},
		// Letters after a comma are post-nominals, not a given name (the fifth letter hunt,
		// 2026-12-07: "Dear DPT,", "Dear FSA,").
		{"Dr. Kevin O'Brien, DPT", "", FirstName, "Dear Dr. O'Brien,", true},
		{"Andrew Chen, FSA", "", FirstName, "Dear Andrew,", true},
		{"Maria Lopez, LCSW, MSW", "", TitleLastName, "Dear Maria Lopez,", true},
		{"Chen, Andrew", "", FirstName, "Dear Andrew,", true},
		{"Dr. Jane Doe", "", TitleLastName, "Dear Dr. Doe,", true},
		{"Jane Doe", "", TitleLastName, "Dear Jane Doe,", true}, // no title is guessed
		{"Doe, Jane", "", FirstName, "Dear Jane,", true},
		{"Doe, Jane", "", FullName, "Dear Jane Doe,", true},
		{"Jane Doe, PhD", "", FullName, "Dear Jane Doe,", true},
		{"Prof. Émilie Dubois", "", TitleLastName, "Dear Prof. Dubois,", true},
		// A title of a trade or an office, written by the owner (a letter hunt, 2026-12-07:
		// "Chef Marco Bellini" was greeted "Dear Chef,").
		{"Chef Marco Bellini", "", FirstName, "Dear Chef Bellini,", true},
		{"Coach Dana Reyes", "", FirstName, "Dear Coach Reyes,", true},
		{"Judge Ana Reyes", "", TitleLastName, "Dear Judge Reyes,", true},
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

var updateNames = flag.Bool("update-names", false, "rewrite testdata/names.golden")

// TestGreeting_Golden greets a table of name shapes under every salutation setting: titles,
// compound given names, particles, family-name-first names in Latin letters and in their
// own script, capitals, "Last, First", suffixes, display-name asides and team mailboxes.
// testdata/names.golden is read by a person (go test ./mailer -run TestGreeting_Golden
// -update rewrites it).
func TestGreeting_Golden(t *testing.T) {
	names := []string{
		"Jane Doe", "Ms. Watanabe", "Mr. Sato", "JOHN SMITH", "Dr. Maria José García-López", "García-López, María José",
		"Sato Hiroshi", "Hiroshi Sato", "Sarah Kim", "Sato, Hiroshi", "田中 美咲", "田中美咲", "김민준", "Wang Wei", "Mr. Wang Wei",
		"Nguyen Van An", "Mary Ann Smith", "Mary Anne Foster", "Jean-Luc Picard", "Jean Paul Gaultier", "John Michael Smith",
		"Ludwig van Beethoven", "Dr. Ludwig van Beethoven", "MX. ROBIN LEE, PHD", "Robin Lee, PhD", "Doe, Jane",
		"DOE, JANE", "O'BRIEN, SEAN", "Prof. Émilie Dubois", "émilie dubois", "Ólafur Arnalds", "Dr. Priya Raman-Iyer",
		"Mrs. Anne-Marie Dubois", "Juan Carlos de la Cruz", "Talent Acquisition", "Recruiting Team", "HR", "Acme Careers",
		"People Operations", "noreply", "", "jane.doe@acme.test", "Jane Doe (she/her)", "Doe, Jane (External)",
		"Robert (Bob) Smith", "Jane Doe | Acme", "Cher", "Ms. Kim", "Kim Min-jun", "Art Vandelay", "Sir Ian McKellen",
		"Dame Judi Dench", "Mohammed bin Salman", "Dr. med. Anna Schmidt", "Herr Müller",
		"Frau Dr. Schmidt", "Chef Marco Bellini", "Yamada Taro", "Mr. Yamada Taro", "Park Ji-woo", "Jo Ellen Baker", "ANNE-SOPHIE MÜLLER",
	}
	var b strings.Builder
	b.WriteString("name\tfirst_name\tfull_name\ttitle_last_name\n")
	for _, name := range names {
		row := []string{fmt.Sprintf("%q", name)}
		for _, s := range []Salutation{FirstName, FullName, TitleLastName} {
			g, _ := Greeting(name, "", s)
			for _, bad := range []string{"Dear ,", "Dear Hr", "Dear Recruiting", "Dear Talent", "Dear Dr.,", ",,", "PHD", "JOHN"} {
				if strings.Contains(g, bad) {
					t.Errorf("Greeting(%q, %s) = %q has %q", name, s, g, bad)
				}
			}
			row = append(row, g)
		}
		b.WriteString(strings.Join(row, "\t") + "\n")
	}
	if len(names) < 40 {
		t.Fatalf("%d name shapes, want at least 40", len(names))
	}
	golden.Check(t, filepath.Join("testdata", "names.golden"), b.String(), *updateNames)
}

// FuzzGreeting: any display name greets someone or no one, in one line, never half a word.
func FuzzGreeting(f *testing.F) {
	for _, s := range []string{"Jane Doe", "Doe, Jane", "PhD, Jane", "Dr.", ",", "MX. ROBIN LEE, PHD", "田中 美咲", "Frau Dr. Schmidt", "(x)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, s := range []Salutation{FirstName, FullName, TitleLastName} {
			g, named := Greeting(name, "", s)
			if strings.ContainsAny(g, "\r\n") || named && (!strings.HasPrefix(g, "Dear ") || !strings.HasSuffix(g, ",") || g == "Dear ,") {
				t.Errorf("Greeting(%q, %s) = %q", name, s, g)
			}
		}
	})
}
