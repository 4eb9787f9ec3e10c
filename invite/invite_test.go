package invite

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func freeMail(d string) bool { return d == "gmail.com" || d == "outlook.com" }

func read(t *testing.T, name string) *Invitation {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return inv
}

func names(ps []Person) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, ", ")
}

// TestPropose: invitations shaped the way Google Calendar, Outlook/Exchange, Greenhouse and
// Calendly send them are read for the company, role, time, zone and people; a brunch is no
// interview.
func TestPropose(t *testing.T) {
	owner := Person{Name: "Alice Example", Email: "alice@owner.test"}
	for _, tc := range []struct {
		file            string
		sender, replyTo Person
		method          string
		seq             int
		company, role   string
		domain          string
		start, zone     string
		minutes         int
		interviewers    string
		coordinator     string
		interview       bool
	}{
		{"google.ics", Person{"Sam Lee", "hr@acme.test"}, Person{}, "REQUEST", 0, "Acme", "Backend Engineer", "acme.test",
			"2026-12-02 14:00 CET", "Europe/Berlin", 60, `Jane Doe <jane@acme.test>, Raj Patel <raj@acme.test>`, `Sam Lee <hr@acme.test>`, true},
		{"google-update.ics", Person{"Sam Lee", "hr@acme.test"}, Person{}, "REQUEST", 1, "Acme", "Backend Engineer", "acme.test",
			"2026-12-03 10:00 CET", "Europe/Berlin", 75, `Jane Doe <jane@acme.test>, Raj Patel <raj@acme.test>`, `Sam Lee <hr@acme.test>`, true},
		{"google-cancel.ics", Person{"Sam Lee", "hr@acme.test"}, Person{}, "CANCEL", 2, "Acme", "Backend Engineer", "acme.test",
			"2026-12-02 14:00 CET", "Europe/Berlin", 60, `Jane Doe <jane@acme.test>, Raj Patel <raj@acme.test>`, `Sam Lee <hr@acme.test>`, true},
		{"outlook.ics", Person{"Müller, Hans", "hans.mueller@contoso.test"}, Person{}, "REQUEST", 0, "Contoso", "Senior Data Engineer", "contoso.test",
			"2026-12-07 09:30 CET", "Europe/Berlin", 60, `Priya Raman <priya.raman@contoso.test>, Tom Becker <tom.becker@contoso.test>`, `"Müller, Hans" <hans.mueller@contoso.test>`, true},
		{"greenhouse.ics", Person{"Globex Recruiting via Greenhouse", "no-reply@greenhouse.io"}, Person{"Sam Ortiz", "sam.ortiz@globex.test"}, "REQUEST", 0, "Globex", "Product Designer", "globex.test",
			"2026-12-01 15:00 UTC", "", 45, `Kim Park <kim.park@globex.test>`, `Sam Ortiz <sam.ortiz@globex.test>`, true},
		{"calendly.ics", Person{"Calendly", "notifications@calendly.com"}, Person{}, "REQUEST", 0, "Initech", "Backend Engineer", "initech.test",
			"2026-12-04 11:00 EST", "America/New_York", 30, `Jane Smith <jane.smith@initech.test>`, "", true},
		{"brunch.ics", Person{"Bob", "bob.friend@gmail.com"}, Person{}, "REQUEST", 0, "Mila", "", "",
			"2026-12-05 09:00 UTC", "", 30, `Bob <bob.friend@gmail.com>`, "", false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			inv := read(t, tc.file)
			p := inv.Propose(owner, tc.sender, tc.replyTo, freeMail)
			coord := ""
			if p.Coordinator != nil {
				coord = p.Coordinator.String()
			}
			got := []string{inv.Method, p.Company, p.Role, p.Domain, p.Start.Format("2006-01-02 15:04 MST"), p.Zone,
				p.End.Sub(p.Start).String(), names(p.Interviewers), coord}
			want := []string{tc.method, tc.company, tc.role, tc.domain, tc.start, tc.zone,
				(time.Duration(tc.minutes) * time.Minute).String(), tc.interviewers, tc.coordinator}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("field %d: got %q, want %q", i, got[i], want[i])
				}
			}
			if inv.Sequence != tc.seq || p.Interview != tc.interview || p.Why == "" {
				t.Errorf("sequence %d, interview %v (%s)", inv.Sequence, p.Interview, p.Why)
			}
		})
	}
}

// TestParse_Hostile: what a stranger's calendar can do is bounded: no event, no start, a
// huge one, hundreds of attendees (30 kept), a zone name that tries the file system, nonsense times.
func TestParse_Hostile(t *testing.T) {
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\n"
	tail := "END:VEVENT\r\nEND:VCALENDAR\r\n"
	var many strings.Builder
	for i := range MaxProperties - 10 {
		many.WriteString("ATTENDEE;CN=P" + strings.Repeat("x", i%7) + ":mailto:p" + string(rune('a'+i%26)) + strings.Repeat("y", i%50) + "@evil.test\r\n")
	}
	for _, tc := range []struct {
		name, cal string
		ok        bool
	}{
		{"no event", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", false},
		{"no start", head + "SUMMARY:x\r\n" + tail, false},
		{"bad start", head + "DTSTART:yesterday\r\n" + tail, false},
		{"path zone", head + "DTSTART;TZID=../../../../etc/passwd:20261201T100000\r\n" + tail, true},
		{"huge", head + "DESCRIPTION:" + strings.Repeat("A", MaxSize) + "\r\nDTSTART:20261201T100000Z\r\n" + tail, false},
		{"attendees", head + "DTSTART:20261201T100000Z\r\n" + many.String() + tail, true},
		{"end before start", head + "DTSTART:20261201T100000Z\r\nDTEND:20261101T100000Z\r\n" + tail, true},
	} {
		inv, err := Parse([]byte(tc.cal))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
			continue
		}
		if err != nil {
			continue
		}
		if len(inv.Attendees) > maxAttendees || inv.End.Sub(inv.Start) != time.Hour && tc.name == "end before start" || inv.Zone != "" {
			t.Errorf("%s: %d attendees, %s long, zone %q", tc.name, len(inv.Attendees), inv.End.Sub(inv.Start), inv.Zone)
		}
	}
}

// TestParse_CustomizedTimeZone: Exchange names a zone "Customized Time Zone" (neither IANA nor
// Windows) and gives only its VTIMEZONE rules: a Friday 17:00 interview in July is at +02:00
// (daylight time), one in December at +01:00.
func TestParse_CustomizedTimeZone(t *testing.T) {
	for file, want := range map[string]string{
		"outlook-custom-summer.ics": "2027-07-09T15:00:00Z",
		"outlook-custom-winter.ics": "2027-12-10T16:00:00Z",
	} {
		inv := read(t, file)
		if got := inv.Start.UTC().Format(time.RFC3339); got != want {
			t.Errorf("%s: starts %s (%s), want %s", file, got, inv.Start, want)
		}
		if inv.End.Sub(inv.Start) != time.Hour {
			t.Errorf("%s: %s long", file, inv.End.Sub(inv.Start))
		}
	}
}

// TestYearlyOnset: the changes of time the rules Exchange writes name, in 2027: Europe's
// last Sundays of March and October, the US's second Sunday of March and first of November.
func TestYearlyOnset(t *testing.T) {
	first := time.Date(1601, 1, 1, 2, 0, 0, 0, time.UTC)
	for rule, want := range map[string]string{
		"FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3":  "2027-03-28 02:00",
		"FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10": "2027-10-31 02:00",
		"FREQ=YEARLY;BYMONTH=3;BYDAY=2SU":              "2027-03-14 02:00",
		"FREQ=YEARLY;BYMONTH=11;BYDAY=1SU":             "2027-11-07 02:00",
		"FREQ=YEARLY;BYMONTH=2;BYDAY=5SU":              "none", // February 2027 has four Sundays
		"FREQ=MONTHLY;BYDAY=1SU":                       "none",
	} {
		got := "none"
		if t, ok := yearlyOnset(rule, 2027, first); ok {
			got = t.Format("2006-01-02 15:04")
		}
		if got != want {
			t.Errorf("%s: %s, want %s", rule, got, want)
		}
	}
}

// TestPropose_Role: the role is found only where the summary (or the description's label)
// says it is one, in the summary formats of Google, Outlook, Calendly, Greenhouse, Lever,
// Ashby, GoodTime and Workday; the names of the owner (from the configuration, the CN, or
// only the address) and of the people are never the role: none is found, and the owner is
// asked.
func TestPropose_Role(t *testing.T) {
	alice := Person{Name: "Alice Example", Email: "alice@owner.test"}
	jane := Person{Name: "Jane Doe", Email: "jane@acme.test"}
	for _, tc := range []struct {
		format, summary, description string
		owner                        Person
		attendees                    []Person
		role                         string
	}{
		{"Google, typed by a recruiter", "Acme – Backend Engineer interview", "", alice, nil, "Backend Engineer"},
		{"Google, with the candidate", "Interview with Alice Example", "", alice, nil, ""},
		{"Google, the owner's first name only", "Interview with Alice", "", alice, nil, ""},
		{"Outlook, candidate and role", "Interview Alice Example - Senior Data Engineer", "", alice, nil, "Senior Data Engineer"},
		{"Outlook, German", "Vorstellungsgespräch Senior Data Engineer (m/w/d)", "", alice, nil, "Senior Data Engineer"},
		{"Calendly, default names", "Alice Example and Jane Doe", "", alice, nil, ""},
		{"Calendly, event between", "30 Minute Meeting between Jane Doe and Alice Example", "", alice, nil, ""},
		{"Calendly, named event", "Backend Engineer Interview between Jane Doe and Alice Example", "", alice, nil, "Backend Engineer"},
		{"Greenhouse, panel", "Jane Doe / Alice Example: Backend Engineer", "", alice, nil, "Backend Engineer"},
		{"Greenhouse, role then candidate", "Backend Engineer interview – Alice Example", "", alice, nil, "Backend Engineer"},
		{"Greenhouse, company and role", "Interview with Acme - Product Designer", "", alice, nil, "Product Designer"},
		{"Lever, candidate and stage", "Alice Example - Phone Screen", "", alice, nil, ""},
		{"Lever, role in parentheses", "Phone Screen: Alice Example (Staff Engineer)", "", alice, nil, "Staff Engineer"},
		{"Ashby, both sides", "Alice Example <> Jane Doe - Backend Engineer Interview", "", alice, nil, "Backend Engineer"},
		{"GoodTime, onsite", "Alice Example <> Acme: Onsite Interview", "", alice, nil, ""},
		{"Workday, requisition", "Interview for Backend Engineer (R12345)", "", alice, nil, "Backend Engineer"},
		{"name and role run together", "Alice Example Backend Engineer Interview", "", alice, nil, "Backend Engineer"},
		{"stage only", "Final Round Interview", "", alice, nil, ""},
		{"culture fit", "Culture Fit Interview - Alice Example", "", alice, nil, ""},
		{"role labelled in the description", "Interview with Alice Example", "Hi Alice,\nPosition: Platform Engineer\nSee you", alice, nil, "Platform Engineer"},
		{"interviewers' titles are no role", "Interview with Alice Example", "You meet Jane (Engineering Manager) and Raj (Staff Engineer).", alice, nil, ""},
		{"owner known by address only", "Interview - Alice Example", "", Person{Email: "alice.example@owner.test"}, nil, ""},
		{"owner known by the CN only", "Interview Alice Example", "", Person{Email: "alice@owner.test"}, []Person{alice}, ""},
		{"an interviewer's name", "Jane Doe Interview", "", alice, nil, ""},
		{"for the role", "Chat with Jane for the Data Analyst role", "", alice, nil, "Data Analyst"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			inv := &Invitation{Summary: tc.summary, Description: tc.description, Organizer: jane,
				Attendees: append([]Person{jane, {Name: "Raj Patel", Email: "raj@acme.test"}}, tc.attendees...)}
			p := inv.Propose(tc.owner, jane, Person{}, freeMail)
			if p.Role != tc.role {
				t.Errorf("%q: role %q, want %q", tc.summary, p.Role, tc.role)
			}
			if p.Company != "Acme" {
				t.Errorf("%q: company %q", tc.summary, p.Company)
			}
		})
	}
}

// TestProposal_Refusal: an event with no sign of an interview (a brunch, a birthday, the
// dentist booked through Calendly) is refused, saying which signs were looked for; one with
// a sign is not.
func TestProposal_Refusal(t *testing.T) {
	owner := Person{Name: "Alice Example", Email: "alice@owner.test"}
	bob := Person{Name: "Bob", Email: "bob.friend@gmail.com"}
	dentist := Person{Name: "Smile Dental", Email: "front-desk@smile-dental.test"}
	calendly := Person{Name: "Calendly", Email: "notifications@calendly.com"}
	greenhouse := Person{Name: "Acme Recruiting via Greenhouse", Email: "no-reply@greenhouse.io"}
	for _, tc := range []struct {
		summary, description string
		organizer, sender    Person
		why                  string // "" when refused
	}{
		{"Brunch at Mila", "", bob, bob, ""},
		{"Bob's birthday", "Cake at 4", bob, bob, ""},
		{"Alice Example and Smile Dental", "Check-up and cleaning", dentist, calendly, ""},
		{"Catch-up", "", dentist, dentist, ""},
		{"Alice Example and Jane Doe", "", Person{Name: "Jane Doe", Email: "jane@acme.test"}, greenhouse, "an applicant tracking system sent it"},
		{"Chat with Jane", "Your phone screen with Acme", Person{Name: "Jane Doe", Email: "jane@acme.test"}, Person{}, `its description says "phone screen"`},
	} {
		inv := &Invitation{Summary: tc.summary, Description: tc.description, Organizer: tc.organizer, Attendees: []Person{owner, tc.organizer}}
		p := inv.Propose(owner, tc.sender, Person{}, freeMail)
		err := p.Refusal()
		switch {
		case tc.why == "" && (!errors.Is(err, ErrNotInterview) || !strings.Contains(err.Error(), "interview, phone screen") ||
			!strings.Contains(err.Error(), "applicant tracking system")):
			t.Errorf("%q: %v, want a refusal naming the signs looked for", tc.summary, err)
		case tc.why != "" && (err != nil || p.Why != tc.why):
			t.Errorf("%q: %v (%s), want an interview because %s", tc.summary, err, p.Why, tc.why)
		}
	}
}
