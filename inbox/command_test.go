package inbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		name string
		body string
		verb Verb
		text string
		ok   bool
	}{
		{"one word", "send", Send, "", true},
		{"capitalised with a full stop", "Send.\n", Send, "", true},
		{"skip", "skip\r\n", Skip, "", true},
		{"stop with shouting", "STOP!", Stop, "", true},
		{"leading blank lines", "\n\n  send  \n", Send, "", true},
		{"quoted text ignored", "send\n\nOn Tue, 17 Nov 2026, followup wrote:\n> skip\n> stop\n", Send, "", true},
		{"signature ignored", "skip\n-- \nAlice Example\nsend\n", Skip, "", true},
		{"mobile signature ignored", "send\n\nSent from my iPhone\n", Send, "", true},
		{"outlook quote header ignored", "send\n\nFrom: followup\nSent: Tuesday\nSubject: Approve\n\nstop\n", Send, "", true},
		{"a new text: send alone, a blank line, the text", "send\n\nDear Jane,\n\nThank you!\n\nAlice\n\n> old draft\n", Send, "Dear Jane,\n\nThank you!\n\nAlice", true},
		{"text right under send is not a new text", "send\nDear Jane,\n\nThank you!\n\nAlice\n\n> old draft\n", "", "", false},
		{"text on the same line is not a new text", "send Thanks again, Jane!", "", "", false},
		{"send it", "send it", Send, "", true},
		{"polite words around it", "Send please, thanks!", Send, "", true},
		{"yes, send", "Yes, send.", Send, "", true},
		{"ok send it", "ok send it", Send, "", true},
		{"a sign-off without the delimiter", "send\nBest,\nAlice", Send, "", true},
		{"a sign-off after a blank line", "send\n\nThanks,\nAlice\n", Send, "", true},
		{"a name under the verb", "skip\n\nAlice", Skip, "", true},
		{"negation is not a verb", "don't send", "", "", false},
		{"two verbs", "send or skip?", "", "", false},
		{"a wrapped attribution", "send\n\nOn Tue, 17 Nov 2026 at 10:00, Alice Example <alice@owner.test>\nwrote:\n\n> [followup x] Approve\n", Send, "", true},
		{"bold Outlook header block", "send\n\n*From:* followup <alice@owner.test>\n*Sent:* Tuesday\n", Send, "", true},
		{"German Outlook header block under a new text", "send\n\nLiebe Jane,\ndanke!\n\nVon: followup <alice@owner.test>\nGesendet: Dienstag\n", Send, "Liebe Jane,\ndanke!", true},
		{"bottom-posted", "On Tue, 17 Nov 2026, followup wrote:\n> Approve: thank-you\n> Why: …\n\nsend\n\n-- \nAlice\n", Send, "", true},
		{"bottom-posted new text is not taken", "On Tue, followup wrote:\n> Approve\n\nsend\n\nDear Jane, thanks\n", "", "", false},
		{"not a command", "Sounds good, go ahead", "", "", false},
		{"a command word later is not a command", "Hi\nsend\n", "", "", false},
		{"only quoted text", "> send\n", "", "", false},
		{"empty", "", "", "", false},
		{"sender (prefix) is not send", "sender", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd, ok := ParseCommand(tc.body)
			if ok != tc.ok || cmd.Verb != tc.verb || cmd.Text != tc.text {
				t.Errorf("ParseCommand(%q) = %+v, %v; want %s %q %v", tc.body, cmd, ok, tc.verb, tc.text, tc.ok)
			}
		})
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"send", "skip\n-- \nx", "send\nnew text\n> quoted", "On x wrote:\n> send", "\x00\xff send"} {
		f.Add(s)
	}
	// The corpus of real clients' layouts, with a plain verb and with a new text.
	layouts, _ := filepath.Glob(filepath.Join("testdata", "answers", "*.txt"))
	for _, l := range layouts {
		b, err := os.ReadFile(l)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(strings.Replace(string(b), "{{ANSWER}}", "send", 1))
		f.Add(strings.Replace(string(b), "{{ANSWER}}", "send\n\nDear Jane,\nthanks!", 1))
	}
	f.Fuzz(func(t *testing.T, body string) {
		cmd, ok := ParseCommand(body)
		if !ok && (cmd.Verb != "" || cmd.Text != "") {
			t.Fatalf("not a command, but %+v", cmd)
		}
		if ok && cmd.Verb != Send && cmd.Text != "" {
			t.Fatalf("text on a %s", cmd.Verb)
		}
		for _, l := range strings.Split(cmd.Text, "\n") {
			if isQuoteLine(l) {
				t.Fatalf("quoted text kept: %q", cmd.Text)
			}
		}
		if ok && !strings.Contains(strings.ToLower(body), string(cmd.Verb)) {
			t.Fatalf("a %s that the answer does not say", cmd.Verb)
		}
		if ok && len(cmd.Text) > MaxNewText {
			t.Fatalf("a new text of %d bytes", len(cmd.Text))
		}
	})
}

func TestParse(t *testing.T) {
	raw := "From: =?utf-8?q?J=C3=A9r=C3=B4me?= <Jerome@Acme.test>\r\n" +
		"To: alice@owner.test, \"Bob\" <bob@other.test>\r\n" +
		"Subject: =?utf-8?b?UmU6IMOcYmVy?= \r\n\tfolded\r\n" +
		"Message-ID: <abc@acme.test>\r\n" +
		"In-Reply-To: <p1@owner.test>\r\n" +
		"References: <p0@owner.test> <p1@owner.test>\r\n" +
		"Content-Type: multipart/alternative; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nsend =E9t=E9\r\n--b--\r\n"
	m, err := Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if m.From != "jerome@acme.test" || m.FromName != "Jérôme" || m.MessageID != "abc@acme.test" {
		t.Errorf("from %q %q id %q", m.From, m.FromName, m.MessageID)
	}
	if m.Subject != "Re: Über folded" {
		t.Errorf("subject %q", m.Subject)
	}
	if len(m.InReplyTo) != 1 || m.InReplyTo[0] != "p1@owner.test" || len(m.References) != 2 || len(m.To) != 2 {
		t.Errorf("in-reply-to %v references %v to %v", m.InReplyTo, m.References, m.To)
	}
	if got := m.Text(1 << 20); strings.TrimSpace(got) != "send été" {
		t.Errorf("text = %q", got)
	}
}

func TestParse_Hostile(t *testing.T) {
	for name, raw := range map[string]string{
		"no header end":       "From: a@b.test\r\nSubject: x",
		"binary":              "\x00\x01\x02\xff\xfe",
		"broken from":         "From: <<<@@@>>>\r\n\r\nbody",
		"control characters":  "From: a@b.test\r\nSubject: a\x07b\x1bc\r\n\r\n",
		"huge header":         "X-Big: " + strings.Repeat("a", 1<<20) + "\r\n\r\n",
		"bad base64 body":     "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!",
		"endless multipart":   "Content-Type: multipart/mixed; boundary=x\r\n\r\n" + strings.Repeat("--x\r\n\r\n", 1000),
		"invalid utf-8 subj":  "Subject: \xff\xfe\r\n\r\n",
		"encoded-word bomb":   "Subject: " + strings.Repeat("=?x-unknown?q?a?= ", 1000) + "\r\n\r\n",
		"angle-addr fallback": "From: Jane Doe jane@acme.test <jane@acme.test\r\n\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			m, err := Parse([]byte(raw))
			if err != nil {
				return // refused cleanly
			}
			_ = m.Text(1 << 20)
			if strings.ContainsAny(m.Subject, "\r\n\x07\x1b") {
				t.Errorf("subject keeps control characters: %q", m.Subject)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("From: a@b.test\r\nSubject: send\r\nMessage-ID: <x@y>\r\n\r\nsend\r\n"))
	f.Add([]byte("Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(raw)
		if err != nil {
			return
		}
		_ = m.Text(1 << 16)
		if strings.ContainsAny(m.Subject, "\r\n") {
			t.Fatalf("subject with a line break: %q", m.Subject)
		}
	})
}

func TestPhrases(t *testing.T) {
	for _, tc := range []struct {
		text string
		p    phrases
		want bool
	}{
		{"Undelivered Mail Returned to Sender", bounceSubject, true},
		{"Weekly update number 7", bounceSubject, false},
		{"MAILER-DAEMON@mx.example", daemonFrom, true},
		{"Post_Master <pm@x>", daemonFrom, true},
		{"Jane Doe <jane@acme.test>", daemonFrom, false},
		{"OOO until Monday", autoSubject, true},
		{"Re: OOO", autoSubject, true},
		{"Foooobar plans", autoSubject, false}, // ooo must end a word
		{"RÉPONSE AUTOMATIQUE : absent", autoSubject, true},
		{"Re: Thank you", autoSubject, false},
	} {
		if got := tc.p.MatchString(tc.text); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.text, got, tc.want)
		}
	}
}

// FuzzHTMLText: any HTML, however nested or broken, becomes text without a panic, within
// the depth bound, and with no tag left in it from elements the parser understood.
func FuzzHTMLText(f *testing.F) {
	layouts, _ := filepath.Glob(filepath.Join("testdata", "answers", "*.html"))
	for _, l := range layouts {
		b, err := os.ReadFile(l)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(strings.Replace(string(b), "{{ANSWER}}", "send", 1))
	}
	f.Add(strings.Repeat("<div>", 5000) + "send")
	f.Fuzz(func(t *testing.T, doc string) {
		text, err := HTMLText(strings.NewReader(doc))
		if err != nil {
			return
		}
		if strings.Contains(text, "<div") || strings.Contains(text, "<br") {
			t.Fatalf("a tag survived: %q", text)
		}
	})
}

// TestParseCommand_Families names each family of layouts and texts issue 21 found misread in
// real clients' answers: where the client's part begins, and the owner's sentences that only
// look like it.
func TestParseCommand_Families(t *testing.T) {
	own := "Dear Jane,\n\nthank you again for yesterday.\n\nBest,\nAlice"
	for _, c := range []struct {
		name, below string // what the client puts under the owner's text
	}{
		{"ISO date first, zone, address", "2016-03-03 17:21 GMT+01:00 followup <alice@owner.test>:\n> Approve"},
		{"day first, no verb", "26.06.2014, 14:41, followup:\n> Approve"},
		{"date first, address, colon lost", "2013/7/20 followup <alice@owner.test>\n\n| Approve"},
		{"Zoho's separator", "---- On Wed, 24 Feb 2021 14:02:50 +0530 followup <alice@owner.test> wrote ----\n\nApprove"},
		{"Yahoo's separator", "----- On Tuesday, 17 November 2026, 10:00, followup <alice@owner.test> wrote -----\n\nApprove"},
		{"wrapped before wrote, with blank lines", "On Thu, 31 Mar 2016 at 11:16 followup\n\n<\nmailto:alice@owner.test\n> wrote:\n\nApprove"},
		{"Name wrote: without On", "followup wrote:\n\n> Approve"},
		{"an app's signature", "Sent with Sparrow (http://www.sparrowmailapp.com/?sig)\n\nOn Tue, 17 Nov 2026, followup wrote:\n> Approve"},
		{"Outlook for iOS", "Get Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\nFrom: followup <alice@owner.test>"},
		{"Hungarian iPhone signature", "Az iPhone-omról küldve\n\nfollowup <alice@owner.test> wrote:\n> Approve"},
		{"a corporate disclaimer", "CONFIDENTIALITY NOTICE: this e-mail and any attachments are confidential.\n\nOn Tue, 17 Nov 2026, followup wrote:\n> Approve"},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := "send\n\n" + own + "\n\n" + c.below + "\n"
			cmd, ok := ParseCommand(body)
			if !ok || cmd.Verb != Send || cmd.Text != own {
				t.Errorf("read as %+v, %v; want exactly the owner's text", cmd, ok)
			}
			if cmd, ok := ParseCommand("send\n\n" + c.below + "\n"); !ok || cmd.Text != "" {
				t.Errorf("a plain send read as %+v, %v", cmd, ok)
			}
		})
	}
	for _, c := range []struct{ name, text string }{
		{"a sentence that begins 'Sent from my'", "Dear Jane,\n\nSent from my desk, is much easier than my mobile phone.\n\nAlice"},
		{"a sentence that begins 'On'", "On Thursday, I get proper rendering.\n\nOn the other hand, it could happen twice!\n\nAlice"},
		{"a heading's underline", "My notes:\n\nKey points\n----------\n1. the queue\n2. the cache\n\nAlice"},
		{"a tracking mark", "Dear Jane,\n\nthanks!\u1427\n\nAlice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := strings.ReplaceAll(c.text, "\u1427", "")
			cmd, ok := ParseCommand("send\n\n" + c.text + "\n\nOn Tue, 17 Nov 2026, followup wrote:\n> Approve\n")
			if !ok || cmd.Text != want {
				t.Errorf("read as %+v, %v; want the owner's text whole:\n%s", cmd, ok, want)
			}
		})
	}
}
