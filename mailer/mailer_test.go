package mailer

import (
	"context"
	"errors"
	"fmt"
	"github.com/followupd/followup/internal/golden"
	"net"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
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
	r := testRenderer(t)
	tests := []struct {
		kind    policy.Kind
		seq     int
		subject string
		want    []string
		not     []string
	}{
		{policy.ThankYou, 0, "Backend Engineer", []string{
			"Dear Jane,", "on November 17", "Backend Engineer",
			"the queue redesign", "on-call culture", "third point", "five years of Go services", "Alice Example",
		}, []string{"<no value>", "on Tuesday, November 17 about"}},
		{policy.ThankCoordinator, 0, "Backend Engineer", []string{"my interview", "Backend Engineer"}, []string{"went smoothly"}},
		// Check-ins are worded per application (checkin_test.go): what they must hold is the
		// day, the first point and the fit in check-in 1, the result in check-in 2.
		{policy.CheckIn, 1, "Backend Engineer", []string{"November 17", "the queue redesign", "five years of Go services"}, []string{"again"}},
		{policy.CheckIn, 2, "Backend Engineer", []string{"Backend Engineer", "I cut p99 latency by 40%"}, []string{"again", "the queue redesign"}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %d", tc.kind, tc.seq), func(t *testing.T) {
			d := sampleData()
			d.Seq = tc.seq
			subj, body, err := r.Render(tc.kind, d)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(subj, tc.subject) {
				t.Errorf("subject %q, want one with %q", subj, tc.subject)
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
		if err != nil || strings.Contains(body, "proud of") || strings.Contains(body, "strong fit") || strings.Contains(body, " about ,") || !regexp.MustCompile(`interested|keen|excited|enthusiastic|want to pursue`).MatchString(body) {
			t.Errorf("err %v, body:\n%s", err, body)
		}
	})
}

// TestRenderer_Signature: the lines the owner signs under their name (a phone number, a
// profile) end every letter to a contact, as a person's letters end; without them the name
// ends it.
func TestRenderer_Signature(t *testing.T) {
	r := testRenderer(t)
	for _, k := range []policy.Kind{policy.ThankYou, policy.ThankCoordinator, policy.CheckIn, policy.RejectionReply} {
		d := sampleData()
		d.Seq = 1
		d.Signature = "+49 30 1234 5678\nlinkedin.com/in/alice-example"
		_, body, err := r.Render(k, d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(body, "\nAlice Example\n+49 30 1234 5678\nlinkedin.com/in/alice-example\n") {
			t.Errorf("%s: the signature is not under the name:\n%s", k, body)
		}
		d.Signature = ""
		if _, body, _ = r.Render(k, d); !strings.HasSuffix(body, "\nAlice Example\n") {
			t.Errorf("%s: without a signature the name does not end the letter:\n%s", k, body)
		}
	}
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
	if _, body, _ := r.Render(policy.CheckIn, sampleData()); !strings.Contains(body, "Dear Jane,") || !strings.Contains(body, "Backend Engineer") {
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

// uuidID is the Message-ID Thunderbird writes: a version 4 UUID in lower case.
var uuidID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@owner\.test$`)

func TestNewMessageIDAndToken(t *testing.T) {
	seen := map[string]bool{}
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 1000; i++ {
		id, own, tok := NewMessageID("owner.test", now), NewOwnMessageID("owner.test", now), NewToken()
		if seen[id] || seen[own] || seen[tok] || !uuidID.MatchString(id) || len(tok) != 26 || !strings.HasPrefix(own, "followup.") {
			t.Fatalf("id %q own %q token %q", id, own, tok)
		}
		// Mail to a contact carries neither the program's name nor the send time.
		if strings.Contains(strings.ToLower(id), "followup") || strings.Contains(id, fmt.Sprintf("%x", now.Unix())) {
			t.Fatalf("a follow-up's Message-ID %q says what sent it, or when", id)
		}
		seen[id], seen[own], seen[tok] = true, true, true
	}
}

// TestBuild_NoTraceOfFollowup: no header of a follow-up to a contact names followup.
func TestBuild_NoTraceOfFollowup(t *testing.T) {
	m, err := Build(Envelope{FromName: "Alice Example", From: "alice@owner.test", ToName: "Jane Doe", To: "jane@acme.test",
		Subject: "Thank you – Backend Engineer interview", Body: "Dear Jane,\n", MessageID: NewMessageID("owner.test", time.Now()),
		InReplyTo: NewMessageID("owner.test", time.Now())})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := Bytes(m)
	hdr, _, _ := strings.Cut(string(raw), "\r\n\r\n")
	if strings.Contains(strings.ToLower(hdr), "followup") || strings.Contains(strings.ToLower(hdr), "go-mail") {
		t.Errorf("the headers of a follow-up name the program:\n%s", hdr)
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

// letterShape is one interview as owners record it, for the golden letters.
type letterShape struct {
	name           string
	contacts       []string // the interviewers; the coordinator is "Sam Rivera" unless coordinator says
	coordinator    string
	company, role  string
	points, fit    string
	acc            string
	medium         string
	recordedLateBy time.Duration // the thank-you goes this long after the interview ended
	start          time.Time
	// own are the points of the conversation with each interviewer (add --points-for), by
	// their place among the contacts.
	own map[int]string
}

var letterShapes = func() []letterShape {
	mon := time.Date(2026, 12, 7, 10, 0, 0, 0, time.FixedZone("EST", -5*3600))
	late := time.Date(2026, 12, 7, 15, 30, 0, 0, time.FixedZone("CET", 3600))
	return []letterShape{
		{"phrases", []string{"Jane Doe"}, "", "Acme", "Backend Engineer", "the queue redesign; their on-call rotation", "five years of building Go services", "cut the p99 latency of our billing API by 40%", "", 0, mon, nil},
		{"sentences", []string{"Dr. Jane Doe"}, "", "Acme", "an Engineer", "We discussed the queue redesign. We talked about on-call.", "I have five years of Go experience.", "I cut the p99 latency of our billing API by 40%.", "", 0, mon, nil},
		{"trailing-periods", []string{"Doe, Jane"}, "", "Acme", "the Staff Engineer role.", "The migration to Kubernetes.", "five years of Go..", "shipped the new billing system.", "", 0, mon, nil},
		{"empty", []string{""}, "", "Acme", "Data Analyst", "", "", "", "", 0, mon, nil},
		{"team-name", []string{"Recruiting Team"}, "", "Acme", "Product Designer", "- the design system\n- user research", "my work on design systems", "", "", 0, mon, nil},
		{"non-ascii", []string{"Émilie Dubois"}, "", "Ubisoft", "Ingénieure logiciel", "l’architecture des files", "", "", "", 0, mon, nil},
		{"issue-asked-about", []string{"Ms. Watanabe"}, "", "Acme", "Backend Engineer", "I asked about remote work", "Led two teams", "", MediumCall, 0, mon, nil},
		{"issue-they-asked", []string{"JOHN SMITH"}, "", "Acme", "Platform Engineer", "their hiring plans; They asked about Kafka.", "strong background in distributed systems", "", MediumVideo, 0, mon, nil},
		{"issue-skill-list", []string{"Dr. Maria José García-López"}, "", "Acme", "Data Engineer", "the design-system rewrite; talked about: accessibility (WCAG 2.2).", "Python, SQL, Airflow", "", "", 0, mon, nil},
		{"issue-accomplishment-only", []string{"Sato Hiroshi"}, "", "Acme", "Release Engineer", "", "", "I automated our release process", MediumOnSite, 0, mon, nil},
		{"issue-languages", []string{"田中 美咲"}, "", "Globex GmbH", "Softwareentwickler (m/w/d)", "their on-call rotation; Wir haben über Kafka gesprochen; hablamos del equipo", "Erfahrung mit Go", "", "", 0, mon, nil},
		{"issue-company-period", []string{"Mary Anne Foster"}, "", "Northfield Supply Co.", "Purchasing Manager", "the supplier audit; their inventory system; the team's expansion plans", "ten years in procurement", "Our 15 percent increase in sales last year", MediumOnSite, 0, mon, nil},
		{"full-name-compound", []string{"Mary Ann Smith"}, "", "Initech", "QA Lead", "test automation", "", "", "", 0, mon, nil},
		{"late-thank-you", []string{"Art Vandelay"}, "", "Vandelay Industries", "Importer", "the latex trade", "I have imported latex for years", "", "", 39 * time.Hour, mon, nil},
		{"late-afternoon", []string{"Jane Doe"}, "", "Acme", "Engineer", "the roadmap", "", "", MediumVideo, 0, late, nil},
		{"panel-six", []string{"Jane Doe", "Dr. Raj Patel", "Ms. Watanabe", "Kim Min-jun", "Ólafur Arnalds", "Robin Lee"}, "", "Acme", "Staff Engineer", "the platform migration; their hiring plans", "I have led platform teams for six years", "I cut cloud costs by 30%", MediumOnSite, 0, mon, nil},
		{"panel-two-no-notes", []string{"Jane Doe", "John Roe"}, "", "Acme", "Engineer", "", "", "", "", 0, mon, nil},
		{"coordinator-team", []string{"Jane Doe"}, "Talent Acquisition", "Acme", "Engineer", "the team", "", "", "", 0, mon, nil},
		{"we-accomplishment", []string{"Luis Fernández"}, "", "Acme", "SRE", "how they handle incidents", "I'm an experienced SRE", "We cut incident response time in half", "", 0, mon, nil},
		{"four-points", []string{"Jane Doe"}, "", "Acme", "Engineer", "the queue; on-call; the roadmap; the offsite", "", "", "", 0, mon, nil},
		{"sentence-point", []string{"Jane Doe"}, "", "Acme", "Engineer", "They want to grow the team; her team's roadmap", "", "", "", 0, mon, nil},
		{"company-possessive", []string{"Jane Doe"}, "", "Acme", "Engineer", "Acme's roadmap for 2027", "", "", "", 0, mon, nil},
		{"long-point", []string{"Jane Doe"}, "", "Acme", "Engineer", "the very long and winding story of how the company moved from a monolith to microservices and back again over ten years", "", "", "", 0, mon, nil},
		{"quotes-and-spaces", []string{"  Jane   Doe  "}, "", "  Acme  ", "  Engineer  ", "  \"the queue redesign\" ;  the on-call  rotation .", " five years of Go ", "", "", 0, mon, nil},
		{"noun-fit-role", []string{"Prof. Émilie Dubois"}, "", "Acme", "Research Scientist", "How they evaluate models", "Experienced machine learning researcher", "", "", 0, mon, nil},
		{"fit-we", []string{"Jane Doe"}, "", "Acme", "Engineer", "the roadmap", "We use the same stack", "", "", 0, mon, nil},
		{"position-suffix", []string{"Herr Müller"}, "", "Siemens AG", "Senior Developer position", "the factory software", "", "", "", 0, mon, nil},
		{"last-first-caps", []string{"O'BRIEN, SEAN"}, "", "Acme", "Engineer", "Remote work", "", "", MediumCall, 0, mon, nil},
		{"family-first-latin", []string{"Nguyen Van An"}, "", "Acme", "Engineer", "Mentoring", "", "", "", 0, mon, nil},
		{"pronouns-in-display-name", []string{"Jane Doe (she/her)"}, "", "Acme", "Engineer", "the queue", "", "", "", 0, mon, nil},
		{"accomplishment-noun", []string{"Jane Doe"}, "", "Acme", "Sales Lead", "", "", "Record quarterly revenue", "", 0, mon, nil},
		{"late-two-days", []string{"Jane Doe"}, "", "Acme", "Engineer", "the queue", "", "", "", 60 * time.Hour, mon, nil},
		{"jotted-nurse", []string{"Ms. Karen Ortiz"}, "", "St. Mary's Hospital", "ICU nurse job", "ICU nurse job; team offsite; their nurse-to-pt ratios", "RN 5 yrs, 1 yr ICU", "led team of 6 through EHR rollout", MediumOnSite, 0, mon, nil},
		{"jotted-sales", []string{"Tom Becker"}, "", "Brightline", "Account Executive", "spring campaign + client mix", "5 yrs as account mgr at Dell", "grew territory 2k->10k accounts", MediumCall, 0, mon, nil},
		{"jotted-teacher", []string{"Mr. Daniel Reyes"}, "", "Lincoln Elementary", "3rd grade teacher", "scope of role; reading intervention program", "former 3rd grade teacher", "raised reading scores 15% last yr", "", 0, mon, nil},
		{"jotted-left-out", []string{"Jane Doe"}, "", "Acme", "Analyst", "idk sth about culture??; Kafka migration", "good w/ ppl??", "", "", 0, mon, nil},
		{"panel-own-points", []string{"Jane Doe", "Raj Patel", "Ms. Watanabe"}, "", "Acme", "Staff Engineer", "the platform migration", "I have led platform teams for six years", "", MediumVideo, 0, mon,
			map[int]string{0: "the migration to Kafka; her team's on-call", 2: "what she said about hiring in Tokyo"}},
	}
}()

// letterKinds are the letters of one interview, in the order they go.
var letterKinds = []struct {
	kind policy.Kind
	seq  int
	last bool
	name string
	// after is when the letter goes, after the interview ends.
	after time.Duration
}{
	{policy.ThankYou, 0, false, "thank-you", 2 * time.Hour},
	{policy.ThankCoordinator, 0, false, "thanks to the coordinator", 2 * time.Hour},
	{policy.CheckIn, 1, false, "check-in 1", 7 * 24 * time.Hour},
	{policy.CheckIn, 2, false, "check-in 2", 14 * 24 * time.Hour},
	{policy.CheckIn, 3, true, "check-in 3 (the last)", 21 * 24 * time.Hour},
	{policy.RejectionReply, 0, false, "reply to a rejection", 10 * 24 * time.Hour},
}

// brokenSigns are what no letter may hold: the quoted sentences of issue 20 among them.
var brokenSigns = []string{"about our conversation on", "..", " ,", "the an ", "the a ", "role role", "about We", "about I ", "about They", "<no value>",
	"Dear ,", "Dear Hr", "Dear Recruiting", "Dear Talent", "Dear Dr.,", ",,", "that Led", "I am confident that", " their ",
	"(m/w/d)", "Wir ", "hablamos", "meet with me", "Everything went smoothly", "filling your inbox", "Dear JOHN",
	"Dear Watanabe", "Dear Maria,", "Dear Sato,", "Dear 田中,", "Dear Mary,", "I I ", "  ", " .", "position position", "ing with you today and to learn", "ing you today and to learn", "ing with you this morning and to learn", "ing you this morning and to learn"}

// TestRenderer_Golden renders every letter of an interview over a table of what owners
// really type — notes of every form (phrases, sentences, the broken ones, other
// languages, lists), names of every shape, panels, on time and late — into
// testdata/letters (go test -run TestRenderer_Golden ./mailer -update rewrites them; read
// them when they change: interviewers read these). No letter may hold a broken sentence,
// and no two letters to a panel are the same.
func TestRenderer_Golden(t *testing.T) {
	r := testRenderer(t)
	if len(letterShapes) < 30 {
		t.Fatalf("%d input shapes, want at least 30", len(letterShapes))
	}
	for _, in := range letterShapes {
		var out strings.Builder
		bodies := map[string]string{}
		end := in.start.Add(time.Hour)
		coordinator := in.coordinator
		if coordinator == "" {
			coordinator = "Sam Rivera"
		}
		for i, name := range in.contacts {
			for _, c := range letterKinds {
				contact := NewPerson(name, fmt.Sprintf("person%d@acme.test", i))
				if c.kind == policy.ThankCoordinator {
					if i > 0 {
						continue
					}
					contact = NewPerson(coordinator, "talent@acme.test")
				}
				if c.kind == policy.CheckIn && i > 0 || c.kind == policy.RejectionReply && i > 0 {
					continue // check-ins and the reply go to the first interviewer only
				}
				send := end.Add(c.after)
				if c.kind == policy.ThankYou || c.kind == policy.ThankCoordinator {
					send = end.Add(c.after + in.recordedLateBy)
				}
				greeting, _ := Greeting(contact.Name, "", FirstName)
				d := Data{Owner: NewPerson("Alice Example", "alice@owner.test"), Contact: contact, Greeting: greeting,
					Company: in.company, Role: in.role, InterviewWhen: When(in.start), KeyPoints: KeyPoints(in.points),
					Fit: in.fit, Accomplishment: in.acc, Seq: c.seq, Last: c.last, Start: in.start, End: end, SendAt: send,
					Medium: in.medium, Thanked: in.recordedLateBy == 0, Index: i}
				if own := in.own[i]; own != "" && c.kind != policy.ThankCoordinator {
					d.Notes = ReadNotesFor(own, in.points, in.fit, in.acc, in.company)
				}
				subj, body, err := r.Render(c.kind, d)
				if err != nil {
					t.Fatal(err)
				}
				got := "Subject: " + subj + "\n\n" + body
				for _, bad := range brokenSigns {
					if strings.Contains(got, bad) {
						t.Errorf("%s, %s to %s has %q:\n%s", in.name, c.name, contact.Name, bad, got)
					}
				}
				if c.kind == policy.ThankYou {
					if other, ok := bodies[body[strings.Index(body, "\n"):]]; ok {
						t.Errorf("%s: the thank-yous to %s and %s are the same:\n%s", in.name, other, contact.Name, body)
					}
					bodies[body[strings.Index(body, "\n"):]] = contact.Name
				}
				for _, w := range []string{"conversation", "enthusiastic", "glad", "look forward", "hope to", "especially"} {
					if n := strings.Count(body, w); n > 1 {
						t.Errorf("%s, %s to %s says %q %d times: a person varies their words:\n%s", in.name, c.name, contact.Name, w, n, body)
					}
				}
				if n := len(strings.Fields(body)); n > 170 {
					t.Errorf("%s, %s: %d words: a follow-up should be short", in.name, c.name, n)
				}
				fmt.Fprintf(&out, "==== %s to %s <%s>, sent %s\n%s\n", c.name, contact.Name, contact.Email, send.Format("Mon Jan 2 15:04"), got)
			}
		}
		n := ReadNotes(in.points, in.fit, in.acc, in.company)
		for _, l := range n.LeftOut {
			fmt.Fprintf(&out, "==== left out: %s\n", l)
		}
		golden.Check(t, filepath.Join("testdata", "letters", in.name+".golden"), out.String(), false)
	}
}
