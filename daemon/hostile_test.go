package daemon

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestDaemon_HostileMail delivers malformed and hostile messages (broken MIME, huge and
// binary headers, bad encodings, header injection, a spoofed command) and then a real
// reply: the watcher keeps going, acts on none of the hostile ones, and catches the reply.
func TestDaemon_HostileMail(t *testing.T) {
	h, app, sent := threadToJane(t)
	hostile := []string{
		"From: " + bob + "\r\nSubject: broken mime\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--\r\n--\r\n",
		"From: " + bob + "\r\nSubject: =?utf-8?b?!!!notbase64?=\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@\r\n",
		"From: " + bob + "\r\nX-Huge: " + strings.Repeat("x", 300<<10) + "\r\nSubject: huge header\r\n\r\nhi\r\n",
		"From: " + bob + "\r\nSubject: binary \x01\x02\x7f\r\n\r\n\x00\x01\x02\r\n",
		"From: " + bob + "\r\nSubject: injected\r\nIn-Reply-To: <" + sent.MessageID + ">\r\nAuto-Submitted: auto-replied\r\n\r\nnot a human\r\n",
		"From: <>\r\nSubject: [followup aaaaaaaaaaaaaaaaaaaaaaaaaa] send\r\n\r\nsend\r\n",
		"From: Jane Doe <jane@acme.test>\r\nSubject: Automatic reply: out of office\r\nX-Autoreply: yes\r\n\r\nAway.\r\n",
		"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\nFrom: MAILER-DAEMON@acme.test\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; \r\nAction: delayed\r\n--b--\r\n",
	}
	for i, raw := range hostile {
		id := fmt.Sprintf("hostile-%d-%d@other.test", i, time.Now().UnixNano())
		h.s.Inject(t, bob, []string{owner}, []byte("Message-ID: <"+id+">\r\n"+raw))
	}
	if s := h.status(app); s != policy.Active {
		t.Fatalf("hostile mail changed the application: %s", s)
	}
	id := h.mail(jane, "Re: Thank you", "Thanks, Alice. Talk soon.")
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("the real reply after the hostile mail was taken as %q", got)
	}
	if s := h.status(app); s != policy.Replied {
		t.Errorf("application is %s", s)
	}
	var n int
	h.st.DB().QueryRow(`SELECT count(*) FROM inbound WHERE message_id LIKE 'hostile-%' AND kind IN ('reply', 'command')`).Scan(&n)
	if n != 0 {
		t.Errorf("%d hostile messages were acted on as replies or commands", n)
	}
}

// TestDaemon_PoisonMail: a message nested 20,000 deep and one of 5,000 parts, both dressed
// as bounces so that their bodies are read, then an interviewer's reply. Each poison message
// is recorded as unreadable and the owner told once; the reply is acted on (before the
// bounds, the first one held the watcher for minutes and the reply was never seen).
func TestDaemon_PoisonMail(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	app := h.addApp()
	h.start()
	var ids []string
	for _, shape := range [][2]int{{20000, 0}, {0, 5000}} {
		raw := mailstack.Poison(shape[0], shape[1])
		id := fmt.Sprintf("poison-%d-%d-%d@evil.test", shape[0], shape[1], time.Now().UnixNano())
		raw = bytes.Replace(raw, []byte("Message-ID: <poison-"+fmt.Sprint(shape[0], "-", shape[1])+"@evil.test>"), []byte("Message-ID: <"+id+">"), 1)
		h.s.Inject(t, "bounce@evil.test", []string{owner}, raw)
		ids = append(ids, id)
	}
	t.Logf("reply handled %s after it was submitted, behind two poison messages", h.replyActedOn(jane, app))
	for _, id := range ids {
		if got := h.handled(id); !strings.HasPrefix(got, "unreadable: ") {
			t.Errorf("poison %s was taken as %q, want unreadable", id, got)
		}
	}
	// The owner is told once an hour, however many there are: nobody can spend the
	// owner's sending quota by sending poison.
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "Mail followup did not act on") &&
			(strings.Contains(words(r.Text()), "deeper than 20 levels") || strings.Contains(words(r.Text()), "more than 1000 MIME parts"))
	})
	var notices int
	h.st.DB().QueryRow(`SELECT count(*) FROM outgoing WHERE coalesce_key = ?`, store.StrangersKey).Scan(&notices)
	if notices > 2 {
		t.Errorf("%d notices for two unreadable messages within the hour, want one (and the next hour's)", notices)
	}
	var n int
	h.st.DB().QueryRow(`SELECT count(*) FROM inbound WHERE message_id IN (?, ?) AND kind = 'unreadable'`, ids[0], ids[1]).Scan(&n)
	if n != 2 {
		t.Errorf("%d poison messages recorded as unreadable, want 2", n)
	}
}

// words is s with every run of white space (a line wrapped) one space.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }
