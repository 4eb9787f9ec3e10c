package bench

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/internal/testclock"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// hostileMessage builds the i-th of a set of malformed and hostile messages: broken MIME,
// huge and endless headers, bad encodings, binary junk, header injection, deep nesting,
// forged bounces, and spoofed approvals each missing one thing a real one has. Every one
// is from a stranger or a forgery; none is a reply or a valid command. ref is a real
// approval request (its Message-ID and token), sent is a real follow-up's Message-ID.
func hostileMessage(i int, rnd *rand.Rand, ref mailstack.Raw, token, sent string) (id string, raw string) {
	id = fmt.Sprintf("hostile-%d.%d@evil.example", i, rnd.Uint32())
	from := fmt.Sprintf("mallory%d@evil.example", i%17)
	base := "From: " + from + "\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nDate: " + time.Now().Format(time.RFC1123Z) + "\r\n"
	refID := ref.Header("Message-ID")
	switch i % 24 {
	case 0: // broken multipart: empty boundary, unterminated parts
		return id, base + "Subject: broken mime\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--\r\n--\r\nContent-Type: text/plain\r\n"
	case 1: // invalid base64 everywhere
		return id, base + "Subject: =?utf-8?b?!!!notbase64?=\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@====\r\n"
	case 2: // one enormous header line
		return id, base + "X-Huge: " + strings.Repeat("x", 300<<10) + "\r\nSubject: huge header\r\n\r\nhi\r\n"
	case 3: // thousands of header fields
		var b strings.Builder
		for j := range 5000 {
			fmt.Fprintf(&b, "X-Field-%d: %d\r\n", j, j)
		}
		return id, base + b.String() + "Subject: many fields\r\n\r\nhi\r\n"
	case 4: // control characters and NULs in the header and the body
		return id, base + "Subject: binary \x01\x02\x7f\x00 junk\r\n\r\n\x00\x01\x02\xff\xfe\r\n"
	case 5: // invalid UTF-8 and an unknown charset
		return id, base + "Subject: =?x-unknown-charset?q?=FF=FE?= \xff\xfe\xfd\r\nContent-Type: text/plain; charset=x-bogus\r\n\r\n\xc3\x28\xa0\xa1\r\n"
	case 6: // header injection through an encoded word: CR LF inside
		return id, base + "Subject: =?utf-8?q?hello=0D=0ABcc:_victim@example.com=0D=0A=0D=0Asend?=\r\n\r\nsend\r\n"
	case 7: // a spoofed approval: the owner's From, the right token, but no reference to the request
		return id, "From: Alice Example <" + owner + ">\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nSubject: Re: [followup " + token + "] Approve\r\n\r\nsend\r\n"
	case 8: // the right reference and token, but from a stranger
		return id, base + "Subject: Re: [followup " + token + "] Approve\r\nIn-Reply-To: " + refID + "\r\nReferences: " + refID + "\r\n\r\nsend\r\n"
	case 9: // the owner's From with the right reference but another token
		return id, "From: " + owner + "\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nSubject: Re: [followup abcdefghijklmnopqrstuvwxyz] Approve\r\nIn-Reply-To: " + refID + "\r\n\r\nsend\r\n"
	case 10: // everything right but auto-submitted (a forwarding robot, a vacation reply)
		return id, "From: " + owner + "\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nAuto-Submitted: auto-replied\r\nSubject: Re: [followup " + token + "] Approve\r\nIn-Reply-To: " + refID + "\r\nReferences: " + refID + "\r\n\r\nsend\r\n"
	case 11: // a Sender header claiming the owner, from a stranger
		return id, base + "Sender: " + owner + "\r\nSubject: Re: [followup " + token + "] Approve\r\nIn-Reply-To: " + refID + "\r\n\r\nsend\r\n"
	case 12: // a machine message in the thread of a real follow-up
		return id, base + "Subject: Re: Thank you\r\nIn-Reply-To: <" + sent + ">\r\nAuto-Submitted: auto-generated\r\nPrecedence: bulk\r\n\r\nThis is an automated message.\r\n"
	case 13: // deep message/rfc822 nesting
		inner := "From: a@b.example\r\nSubject: inner\r\n\r\nhi\r\n"
		for range 60 {
			inner = "From: a@b.example\r\nSubject: wrap\r\nContent-Type: message/rfc822\r\n\r\n" + inner
		}
		return id, base + "Subject: nested\r\nContent-Type: message/rfc822\r\n\r\n" + inner
	case 14: // a forged bounce with a malformed delivery status naming nobody we know
		return id, "From: MAILER-DAEMON@evil.example\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
			"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n" +
			"Final-Recipient: rfc822; \r\nAction: failed\r\nStatus: 9.9.9\r\n\r\n--b--\r\n"
	case 15: // a body of one endless line, base64 declared, random bytes
		buf := make([]byte, 256<<10)
		for j := range buf {
			buf[j] = byte(rnd.UintN(256))
		}
		return id, base + "Subject: blob\r\nContent-Type: application/octet-stream\r\n\r\n" + base64.StdEncoding.EncodeToString(buf) + "\r\n"
	case 16: // no From at all, and no Message-ID
		return "", "To: " + owner + "\r\nSubject: anonymous\r\n\r\nwho am I\r\n"
	case 17: // many From fields, garbage addresses
		return id, "From: <<<@@@>>>\r\nFrom: " + owner + "\r\nFrom: jane@\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nSubject: who\r\n\r\nsend\r\n"
	case 18: // the Message-ID of the daemon's own approval request
		return refID, "From: " + from + "\r\nTo: " + owner + "\r\nMessage-ID: " + refID + "\r\nSubject: [followup " + token + "] Approve: forged copy\r\n\r\nsend\r\n"
	case 19: // bare LF line ends, a header with no colon, a folded line that never ends
		return id, strings.ReplaceAll(base, "\r\n", "\n") + "Subject: lf only\nthis line has no colon\n folded\n\tmore\n\nbody\n"
	case 20: // a quoted-printable body that decodes to a command with CR LF tricks
		return id, base + "Subject: Re: [followup " + token + "]\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nsend=0D=0ABcc: x@evil.example=\r\n\r\n"
	case 21: // a multipart/report claiming to come from the owner's own server
		return id, "From: postmaster@owner.test\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"\"\r\n\r\n--\r\n"
	case 22: // a newsletter-looking message with a 2,000-part MIME tree
		var b strings.Builder
		b.WriteString(base + "Subject: parts\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n")
		for range 2000 {
			b.WriteString("--p\r\nContent-Type: text/plain\r\n\r\nx\r\n")
		}
		b.WriteString("--p--\r\n")
		return id, b.String()
	default: // an encoded From display name carrying the owner's address
		return id, "From: =?utf-8?q?alice=40owner=2Etest?= <" + from + ">\r\nTo: " + owner + "\r\nMessage-ID: <" + id + ">\r\nSubject: Re: [followup " + token + "] Approve\r\nIn-Reply-To: " + refID + "\r\n\r\nsend\r\n"
	}
}

// TestFaultHostile delivers malformed and hostile messages (1,000 in the full size), then
// a real reply. The daemon keeps running, acts on none of the hostile ones (no draft
// approved or skipped, no application stopped or replied), and catches the real reply.
func TestFaultHostile(t *testing.T) {
	n := size(240, 1000)
	r := newRig(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// An application with a thank-you waiting for approval (the target of the spoofs),
	// and one with a thank-you sent (the thread of the machine messages).
	pendingApp, err := r.st.AddApplication(ctx, store.Application{
		Company: "Hostileco", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: testclock.Now().Add(-5 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin"},
		Contacts:  []store.Contact{{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer}},
	})
	if err != nil {
		t.Fatal(err)
	}
	apps, emails := seedApps(t, r.st, 1, "hostile")
	r.prime()
	owners := mailStream(t, r.s, owner, ctx)
	r.start(true)
	req := await(t, owners, time.Minute, "approval request", func(m mailstack.Raw) bool {
		return strings.Contains(decode(m.Header("Subject")), "Approve:") && strings.Contains(decode(m.Header("Subject")), "Hostileco")
	})
	token := tokenOf(decode(req.Header("Subject")))
	if token == "" {
		t.Fatalf("no token in %q", req.Header("Subject"))
	}
	sentID := fmt.Sprintf("sent.%d@owner.test", time.Now().UnixNano())
	if _, err := r.st.DB().ExecContext(ctx, `UPDATE messages SET message_id = ? WHERE application_id = ?`, sentID, apps[0]); err != nil {
		t.Fatal(err)
	}

	rnd := rand.New(rand.NewPCG(3, 4))
	hostileIDs := map[string]bool{}
	var msgs [][]byte
	var msgIDs []string
	var viaPostfix int
	for i := range n {
		id, raw := hostileMessage(i, rnd, req, token, sentID)
		if id != "" {
			hostileIDs[strings.Trim(id, "<>")] = true
		}
		if i%24 == 6 || i%24 == 8 || i%24 == 14 { // some through Postfix, as they would come
			r.s.Inject(t, "mallory@evil.example", []string{owner}, []byte(raw))
			viaPostfix++
			continue
		}
		msgs = append(msgs, []byte(raw))
		msgIDs = append(msgIDs, strings.Trim(id, "<>"))
	}
	// A server may refuse to store some of them (Cyrus: "Message contains NUL characters");
	// what it refuses never reaches the daemon.
	refused := appendRefusable(t, r.s, owner, msgs)
	for _, i := range refused {
		delete(hostileIDs, msgIDs[i])
	}
	r.s.WaitQueueEmpty(t, time.Minute)

	// Then a real reply: handled only after every hostile message before it.
	realID := fmt.Sprintf("real.%d@bench.test", time.Now().UnixNano())
	if _, err := r.s.Submit("jane@acme.test", emails[0], []string{owner}, reply(emails[0], owner, realID, "Thanks, Alice!")); err != nil {
		t.Fatal(err)
	}
	var handled, acted int
	deadline := time.After(5 * time.Minute)
wait:
	for {
		select {
		case ev := <-r.handled:
			if ev.rec.MessageID == realID {
				if ev.dec.Kind != inbox.KindReply {
					t.Fatalf("the real reply after the hostile mail was taken for %s", ev.dec.Kind)
				}
				break wait
			}
			if hostileIDs[ev.rec.MessageID] {
				handled++
				if ev.dec.Kind == inbox.KindReply || ev.rec.Kind == string(inbox.KindCommand) || (ev.dec.Kind == inbox.KindBounce && len(ev.dec.Apps) > 0) {
					acted++
					t.Errorf("hostile message %s acted on as %s / %s (%s)", ev.rec.MessageID, ev.dec.Kind, ev.rec.Kind, ev.rec.Reason)
				}
			}
		case <-deadline:
			t.Fatalf("the real reply was not handled within 5 minutes (%d hostile handled)", handled)
		}
	}
	if handled < len(hostileIDs)-1 { // the forged copies of the request's Message-ID count once
		t.Errorf("only %d of %d hostile messages were handled before the real reply", handled, len(hostileIDs))
	}
	if s := r.status(pendingApp); s != policy.Active {
		t.Errorf("the application targeted by spoofed approvals is %s", s)
	}
	if m := thankYou(t, r.st, pendingApp); m.State != store.AwaitingApproval {
		t.Errorf("the thank-you targeted by spoofed approvals is %s, want awaiting_approval", m.State)
	}
	if s := r.status(apps[0]); s != policy.Replied {
		t.Errorf("the application really replied to is %s", s)
	}
	report(t, fmt.Sprintf("%d malformed or hostile messages", n),
		fmt.Sprintf("%d via Postfix, %d stored (%d refused by %s), %d handled; %d acted on; the real reply after them caught", viaPostfix, len(msgs)-len(refused), len(refused), r.s.Server, handled, acted),
		"none acted on", acted == 0)
}

func tokenOf(subject string) string {
	i := strings.Index(subject, "[followup ")
	if i < 0 {
		return ""
	}
	rest := subject[i+len("[followup "):]
	j := strings.IndexByte(rest, ']')
	if j < 0 {
		return ""
	}
	return rest[:j]
}

// appendRefusable stores msgs in user's INBOX one by one and returns the indexes of those the
// server refused with NO; any other failure fails the test.
func appendRefusable(t *testing.T, s *mailstack.Stack, user string, msgs [][]byte) (refused []int) {
	t.Helper()
	cl := s.Client(t, user)
	defer cl.Close()
	for i, m := range msgs {
		cmd := cl.Append("INBOX", int64(len(m)), nil)
		if _, err := cmd.Write(m); err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
		if err := cmd.Close(); err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
		if _, err := cmd.Wait(); err != nil {
			var ie *imap.Error
			if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
				refused = append(refused, i)
				continue
			}
			t.Fatalf("append %d: %v", i, err)
		}
	}
	return refused
}
