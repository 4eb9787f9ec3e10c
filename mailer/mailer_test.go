package mailer

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/policy"
)

func sampleData() Data {
	return Data{
		Owner: NewPerson("Alice Example", "alice@owner.test"), Contact: NewPerson("Jane Doe", "jane@acme.test"),
		Company: "Acme", Role: "Backend Engineer", InterviewWhen: When(time.Date(2026, 11, 17, 10, 0, 0, 0, time.UTC)),
		KeyPoints: KeyPoints("the queue redesign; on-call culture; third point"), Fit: "five years of Go services",
		Accomplishment: "cut p99 latency by 40%", Seq: 1,
	}
}

func TestRenderer_Render(t *testing.T) {
	r, err := NewRenderer("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind    policy.Kind
		seq     int
		subject string
		want    []string
		not     []string
	}{
		{policy.ThankYou, 0, "Thank you – Backend Engineer interview", []string{
			"Dear Jane,", "meet with me on Tuesday, November 17 about the Backend Engineer role at Acme",
			"the queue redesign and on-call culture", "five years of Go services", "Alice Example",
		}, []string{"third point", "<no value>"}},
		{policy.ThankCoordinator, 0, "Thank you for arranging my interview – Backend Engineer", []string{"Thank you for arranging my interview", "Acme"}, nil},
		{policy.CheckIn, 1, "Next steps – Backend Engineer at Acme", []string{
			"Thank you again for our conversation on Tuesday, November 17", "very interested",
			"strong fit: five years of Go services", "cut p99 latency by 40%", "check in on next steps",
		}, nil},
		{policy.CheckIn, 2, "Next steps – Backend Engineer at Acme", []string{"following up on the Backend Engineer role"}, []string{"Thank you again"}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %d", tc.kind, tc.seq), func(t *testing.T) {
			d := sampleData()
			d.Seq = tc.seq
			subj, body, err := r.Render(tc.kind, d)
			if err != nil {
				t.Fatal(err)
			}
			if subj != tc.subject {
				t.Errorf("subject %q, want %q", subj, tc.subject)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("body has %q:\n%s", w, body)
				}
			}
			if n := len(strings.Fields(body)); n > 150 {
				t.Errorf("%d words: a follow-up should be short", n)
			}
		})
	}
	t.Run("no accomplishment, no fit, no key points", func(t *testing.T) {
		d := sampleData()
		d.Accomplishment, d.Fit, d.KeyPoints = "", "", nil
		_, body, err := r.Render(policy.CheckIn, d)
		if err != nil || strings.Contains(body, "proud of") || strings.Contains(body, "strong fit") || strings.Contains(body, " about ,") {
			t.Errorf("err %v, body:\n%s", err, body)
		}
	})
}

func TestRenderer_Override(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thank_you.tmpl"), []byte("Subject: Thanks, {{.Contact.FirstName}}\n\nShort and sweet.\n"), 0o644)
	r, err := NewRenderer(dir)
	if err != nil {
		t.Fatal(err)
	}
	subj, body, _ := r.Render(policy.ThankYou, sampleData())
	if subj != "Thanks, Jane" || body != "Short and sweet.\n" {
		t.Errorf("override not used: %q %q", subj, body)
	}
	if _, body, _ := r.Render(policy.CheckIn, sampleData()); !strings.Contains(body, "next steps") {
		t.Error("the built-in check-in is lost when only the thank-you is overridden")
	}
	os.WriteFile(filepath.Join(dir, "check_in.tmpl"), []byte("Subject: x\n\n{{.Nope}}"), 0o644)
	if _, err := NewRenderer(dir); err != nil {
		t.Fatal(err) // parses; fails when run
	}
	r, _ = NewRenderer(dir)
	if _, _, err := r.Render(policy.CheckIn, sampleData()); err == nil {
		t.Error("a template naming an unknown field rendered")
	}
	os.WriteFile(filepath.Join(dir, "check_in.tmpl"), []byte("{{.Broken"), 0o644)
	if _, err := NewRenderer(dir); err == nil {
		t.Error("a broken template was accepted")
	}
}

func TestBuild(t *testing.T) {
	env := Envelope{
		FromName: "Alice\r\nBcc: evil@x.test", From: "alice@owner.test",
		ToName: "Jane \"JD\" Doe\nX-Injected: 1", To: "jane@acme.test",
		Subject: "Re: Thank you\r\nBcc: evil@x.test", Body: "Hi\n", MessageID: "m2@owner.test",
		InReplyTo: "m1@owner.test", References: ThreadReferences("<m0@owner.test>", "m1@owner.test"),
	}
	m, err := Build(env)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := Bytes(m)
	hdr, _, _ := strings.Cut(string(raw), "\r\n\r\n")
	h, err := textproto.NewReader(newBufReader(hdr + "\r\n\r\n")).ReadMIMEHeader()
	if err != nil {
		t.Fatal(err)
	}
	if h.Get("Bcc") != "" || h.Get("X-Injected") != "" {
		t.Errorf("injected header:\n%s", hdr)
	}
	if h.Get("Message-Id") != "<m2@owner.test>" || h.Get("In-Reply-To") != "<m1@owner.test>" ||
		h.Get("References") != "<m0@owner.test> <m1@owner.test>" {
		t.Errorf("threading headers:\n%s", hdr)
	}
	if h.Get("Auto-Submitted") != "" || h.Get("User-Agent") != "" || h.Get("X-Mailer") != "" {
		t.Errorf("a personal follow-up carries automation marks:\n%s", hdr)
	}
	env.Auto = true
	m, _ = Build(env)
	raw, _ = Bytes(m)
	if !strings.Contains(string(raw), "Auto-Submitted: auto-generated\r\n") {
		t.Errorf("owner mail lacks Auto-Submitted")
	}
	env.MessageID = ""
	if _, err := Build(env); err == nil {
		t.Error("built a message without a Message-ID")
	}
}

func TestThreading(t *testing.T) {
	if got := ThreadReferences("", "a@x"); got != "<a@x>" {
		t.Errorf("%q", got)
	}
	if got := ThreadReferences("<a@x>  <b@x>", "c@x"); got != "<a@x> <b@x> <c@x>" {
		t.Errorf("%q", got)
	}
	if ReplySubject("Thank you") != "Re: Thank you" || ReplySubject("RE: x") != "RE: x" {
		t.Error("ReplySubject")
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want SendResult
	}{
		{"nil", nil, Delivered}, // 450 and 550 from a real Postfix: daemon/send_test.go
		{"connection refused (no code)", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, Temporary},
		{"AUTH refused", &textproto.Error{Code: 535, Msg: "bad credentials"}, Temporary},
		{"invalid recipient", &mail.SendError{Reason: mail.ErrGetRcpts}, Permanent},
		// go-mail's own wrapping, as DialAndSend returns them.
		{"connection lost after the final dot", fmt.Errorf("send failed: %w", &mail.SendError{Reason: mail.ErrSMTPDataClose}), Ambiguous},
		{"connection lost while writing the message", fmt.Errorf("send failed: %w", &mail.SendError{Reason: mail.ErrWriteContent}), Temporary},
		{"connection lost at MAIL FROM", fmt.Errorf("send failed: %w", &mail.SendError{Reason: mail.ErrSMTPMailFrom}), Temporary},
		{"connection lost at DATA", fmt.Errorf("send failed: %w", &mail.SendError{Reason: mail.ErrSMTPData}), Temporary},
	}
	for _, tc := range tests {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestRecipientOnly: only a refusal at RCPT TO leaves the rest of the queue free to go; a
// failure that would fail any message holds it.
func TestRecipientOnly(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"450 at RCPT TO (a busy mailbox, greylisting)", &mail.SendError{Reason: mail.ErrSMTPRcptTo}, true},
		{"wrapped 450 at RCPT TO", fmt.Errorf("send: %w", &mail.SendError{Reason: mail.ErrSMTPRcptTo}), true},
		{"421 at MAIL FROM", &mail.SendError{Reason: mail.ErrSMTPMailFrom}, false},
		{"451 at DATA", &mail.SendError{Reason: mail.ErrSMTPDataClose}, false},
		{"connection refused", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, false},
		{"AUTH refused", &textproto.Error{Code: 454, Msg: "try later"}, false},
	}
	for _, tc := range tests {
		if got := RecipientOnly(tc.err); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNewMessageIDAndToken(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id, tok := NewMessageID("owner.test", time.Now()), NewToken()
		if seen[id] || seen[tok] || !strings.HasSuffix(id, "@owner.test") || len(tok) != 26 {
			t.Fatalf("id %q token %q", id, tok)
		}
		seen[id], seen[tok] = true, true
	}
}

// TestSender_SilentServerBoundedByContext: a server that accepts the connection and never
// says a word holds a send only as long as its context allows, not the configured timeout.
func TestSender_SilentServerBoundedByContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, silent, until the test ends
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	cfg := config.SMTP{Server: config.Server{Host: "127.0.0.1", Port: p, Security: "none", TimeoutDuration: time.Minute}, Auth: "none"}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	began := time.Now()
	_, res, err := (&Sender{Config: cfg}).Send(ctx, Envelope{From: "alice@owner.test", To: "jane@acme.test", Subject: "hi", Body: "x\n", MessageID: "x@owner.test"})
	if res != Temporary || err == nil {
		t.Fatalf("a silent server: %s, %v; want a temporary failure", res, err)
	}
	if took := time.Since(began); took > 30*time.Second {
		t.Errorf("the send took %s: the context's deadline did not bound it (timeout %s)", took, cfg.TimeoutDuration)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/followups")

// TestRenderer_Golden renders every follow-up over a table of what owners really type —
// phrases and sentences, trailing full stops, articles, lists, empty fields, names with and
// without a usable first name — into testdata/followups (go test -run TestRenderer_Golden
// ./mailer -update rewrites them; read them when they change: interviewers read these).
func TestRenderer_Golden(t *testing.T) {
	r, err := NewRenderer("")
	if err != nil {
		t.Fatal(err)
	}
	inputs := []struct {
		name    string
		contact string
		role    string
		points  string
		fit     string
		acc     string
	}{
		{"phrases", "Jane Doe", "Backend Engineer", "the queue redesign; their on-call rotation", "five years of building Go services", "cut the p99 latency of our billing API by 40%"},
		{"sentences", "Dr. Jane Doe", "an Engineer", "We discussed the queue redesign. We talked about on-call.", "I have five years of Go experience.", "I cut the p99 latency of our billing API by 40%."},
		{"trailing-periods", "Doe, Jane", "the Staff Engineer role.", "The migration to Kubernetes.", "five years of Go..", "shipped the new billing system."},
		{"empty", "", "Data Analyst", "", "", ""},
		{"team-name", "Recruiting Team", "Product Designer", "- the design system\n- user research", "my work on design systems", ""},
		{"non-ascii", "Émilie Dubois", "Ingénieure logiciel", "l’architecture des files", "", ""},
	}
	for _, in := range inputs {
		for _, c := range []struct {
			kind policy.Kind
			seq  int
			last bool
			file string
		}{{policy.ThankYou, 0, false, "thank_you"}, {policy.ThankCoordinator, 0, false, "thank_coordinator"},
			{policy.CheckIn, 1, false, "check_in-1"}, {policy.CheckIn, 2, false, "check_in-2"}, {policy.CheckIn, 3, true, "check_in-3-last"},
			{policy.RejectionReply, 0, false, "rejection_reply"}} {
			d := Data{Owner: NewPerson("Alice Example", "alice@owner.test"), Contact: NewPerson(in.contact, "jane@acme.test"),
				Company: "Acme", Role: in.role, InterviewWhen: When(time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)),
				KeyPoints: KeyPoints(in.points), Fit: in.fit, Accomplishment: in.acc, Seq: c.seq, Last: c.last}
			subj, body, err := r.Render(c.kind, d)
			if err != nil {
				t.Fatal(err)
			}
			got := "Subject: " + subj + "\n\n" + body
			for _, bad := range []string{"..", " ,", "the an ", "the a ", "role role", "about We", "<no value>", "Dear ,", "Dear Hr", "Dear Recruiting", "Dear Dr.,", ",,"} {
				if strings.Contains(got, bad) {
					t.Errorf("%s/%s has %q:\n%s", in.name, c.file, bad, got)
				}
			}
			path := filepath.Join("testdata", "followups", in.name+"-"+c.file+".golden")
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -run TestRenderer_Golden ./mailer -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
			}
		}
	}
}
