package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// escapes are what a stranger writes into a name, a subject or a company an ATS names: an
// OSC retitle ended by BEL, a hidden-text SGR, a C1 CSI, a right-to-left override.
const escapes = "\x1b]0;pwned\x07\x1b[8m\u009b2J\u202e"

// TestOutput_NoEscapeFromMail: what strangers wrote reaches every command's output, and no
// byte of an escape sequence does — in text and in JSON.
func TestOutput_NoEscapeFromMail(t *testing.T) {
	e := newEnv(t)
	e.ownValues()
	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.AddApplication(ctx, store.Application{Company: "Acme" + escapes, Role: "Engineer" + escapes, CompanyDomain: "acme.test",
		Interview: store.Interview{Start: recordedAt.Add(-3 * 60 * 60 * 1e9), Length: 60 * 60 * 1e9, TZ: "Europe/Berlin", KeyPoints: "queues" + escapes},
		Contacts:  []store.Contact{{Name: "Jane" + escapes + "Doe", Email: "jane@acme.test", Role: policy.Interviewer}}})
	if err != nil {
		t.Fatal(err)
	}
	app, _ := st.Application(ctx, id)
	if _, _, err := st.AddMessage(ctx, store.Message{AppID: id, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou, Due: recordedAt,
		Subject: "Thank you" + escapes, Body: "Dear Jane" + escapes + "\n"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordInbound(ctx, store.Inbound{MessageID: "x@evil.test", Folder: "INBOX", UIDValidity: 1, UID: 1, Kind: "reply",
		Reason: "from a contact" + escapes, AppID: id, From: "jane@acme.test" + escapes, Subject: "Re" + escapes, ReceivedAt: recordedAt}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	msg := filepath.Join(e.dir, "hostile.eml")
	os.WriteFile(msg, []byte("From: =?utf-8?q?Jane=1B]0;pwned=07?= <jane@acme.test>\r\nSubject: =?utf-8?b?"+
		"UmUgGyBbOG0g4oCu?=\r\nMessage-ID: <h@acme.test>\r\n\r\nHello"+escapes+"\r\n"), 0o600)

	for _, args := range [][]string{
		{"list"}, {"list", "--json"}, {"show", "1"}, {"show", "1", "--json"}, {"drafts"}, {"drafts", "--json"},
		{"drafts", "show", "1"}, {"drafts", "show", "1", "--json"}, {"digest"}, {"digest", "--json"},
		{"classify", msg}, {"classify", msg, "--json"}, {"classify", msg, "--no-store"},
	} {
		out, errs, code := e.run(args...)
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(out+errs, bad) {
				t.Errorf("followup %s (exit %d) printed %q:\n%s%s", strings.Join(args, " "), code, bad, out, errs)
			}
		}
		if code != 0 {
			t.Errorf("followup %s: exit %d: %s", strings.Join(args, " "), code, errs)
		}
	}
	if out := e.mustRun("show", "1"); !strings.Contains(out, "Acme") || !strings.Contains(out, `\u202e`) && !strings.Contains(out, "Acme ") {
		t.Errorf("show lost the company's name: %s", out)
	}
}

// TestResume: a stopped application is followed again; an active one with nothing holding
// it is left as it is, said so, exit 0.
func TestResume(t *testing.T) {
	e := newEnv(t)
	e.ownValues()
	id := strings.TrimSpace(e.mustRun(addArgs...))
	e.mustRun("stop", id, "--reason", "wrong company")
	if out := e.mustRun("resume", id, "--reason", "it was right after all"); !strings.Contains(out, "resumed (it was stopped)") {
		t.Errorf("resume: %q", out)
	}
	if out := e.mustRun("show", id); !strings.Contains(out, "active") || !strings.Contains(out, "resumed") {
		t.Errorf("show after resume:\n%s", out)
	}
	if out := e.mustRun("resume", id); !strings.Contains(out, "nothing to resume") {
		t.Errorf("resume twice: %q", out)
	}
	if _, errs, code := e.run("resume", "99"); code != 2 || !strings.Contains(errs, "99") {
		t.Errorf("resume 99: exit %d, %q", code, errs)
	}
}

// TestAdd_ICSAndNotes: --ics refuses an event with no sign of an interview, and asks for the
// role when the invitation does not say it (never the owner's name); add shows what the
// notes will say in the letters, and what it leaves out, before anything is drafted.
func TestAdd_ICSAndNotes(t *testing.T) {
	e := newEnv(t)
	e.ownValues()
	if _, errs, code := e.run("add", "--ics", "../invite/testdata/brunch.ics"); code != 2 || !strings.Contains(errs, "not an interview") {
		t.Errorf("a brunch: exit %d, %q", code, errs)
	}
	ics, _ := os.ReadFile("../invite/testdata/google.ics")
	noRole := filepath.Join(e.dir, "norole.ics")
	os.WriteFile(noRole, []byte(strings.Replace(string(ics), "SUMMARY:Acme – Backend Engineer interview", "SUMMARY:Interview with Alice Example", 1)), 0o600)
	if _, errs, code := e.run("add", "--ics", noRole); code != 2 || !strings.Contains(errs, "--role") {
		t.Errorf("no role in the summary: exit %d, %q", code, errs)
	}
	if out, errs, code := e.run("add", "--ics", noRole, "--role", "Backend Engineer"); code != 0 {
		t.Errorf("with --role: exit %d, %q %q", code, out, errs)
	}
	_, errs, code := e.run("add", "--company", "Bluebird", "--role", "Data Engineer", "--at", "2026-11-17 10:00", "--interviewer", "Ann Lee <ann@bluebird.test>",
		"--points", "I asked about remote work; Wie sieht das Onboarding aus?", "--fit", "Led two teams")
	if code != 0 {
		t.Fatalf("add: exit %d, %q", code, errs)
	}
	if !strings.Contains(errs, "your notes, as a letter may say them: “I especially enjoyed our conversation about remote work.”") ||
		!strings.Contains(errs, "I led two teams") || !strings.Contains(errs, "note: left out: “Wie sieht das Onboarding aus”") {
		t.Errorf("add did not show what the notes will say:\n%s", errs)
	}
}

// TestAdd_Medium: a phone interview is "speaking with me" in the thank-you, never a meeting;
// a medium followup does not know is refused, with a near one.
func TestAdd_Medium(t *testing.T) {
	e := newEnv(t)
	e.ownValues()
	id := strings.TrimSpace(e.mustRun(append(addArgs, "--medium", "phone")...))
	var shown jsonShow
	if err := json.Unmarshal([]byte(e.mustRun("show", id, "--json")), &shown); err != nil || shown.Interview.Medium != "call" {
		t.Errorf("--medium phone recorded as %q (%v)", shown.Interview.Medium, err)
	}
	if out := e.mustRun("preview", id); strings.Contains(out, "meeting with me") || strings.Contains(out, "meet with me") {
		t.Errorf("a phone interview became a meeting:\n%s", out)
	}
	if _, errs, code := e.run(append(addArgs, "--at", "2026-11-18 10:00", "--medium", "vidoe")...); code != 2 || !strings.Contains(errs, `did you mean "video"`) {
		t.Errorf("--medium vidoe: exit %d, %q", code, errs)
	}
}

// TestAdd_OneInterviewersWords: with one interviewer, "she said …" in the notes is what
// they said, and add shows it as the letter will report it; with a panel it is left out,
// and add says why.
func TestAdd_OneInterviewersWords(t *testing.T) {
	e := newEnv(t)
	e.ownValues()
	args := []string{"add", "--company", "Buckeye", "--role", "HR Generalist", "--at", "2026-11-17 10:00", "--interviewer", "Dana Okafor <dana@buckeye.test>",
		"--points", "she said it takes someone w/ initiative to do well in the role"}
	_, errs, code := e.run(args...)
	if code != 0 || !strings.Contains(errs, "“You mentioned that it takes someone with initiative to do well in the role.”") {
		t.Errorf("one interviewer: exit %d\n%s", code, errs)
	}
	args[6] = "2026-11-18 10:00"
	_, errs, code = e.run(append(args, "--interviewer", "Bo Chen <bo@buckeye.test>")...)
	if code != 0 || !strings.Contains(errs, "note: left out: “she said") || strings.Contains(errs, "You mentioned") {
		t.Errorf("a panel: exit %d\n%s", code, errs)
	}
}
