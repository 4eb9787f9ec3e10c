package mailstack

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/emersion/go-imap/v2/imapclient"
)

func TestMain(m *testing.M) { Main(m) }

// TestStack_RoundTrip: a mail submitted through Postfix (STARTTLS, AUTH) arrives over LMTP
// in Dovecot and is read back over IMAP with TLS verified against the test CA.
func TestStack_RoundTrip(t *testing.T) {
	s := Get(t)
	id := fmt.Sprintf("roundtrip-%d@acme.test", time.Now().UnixNano())
	raw := "From: Jane Doe <jane@acme.test>\r\nTo: alice@owner.test\r\nSubject: hello\r\nMessage-ID: <" + id + ">\r\n\r\nHi Alice.\r\n"
	s.Send(t, "jane@acme.test", []string{"alice@owner.test"}, []byte(raw))
	got := s.WaitFor(t, "alice@owner.test", "INBOX", 20*time.Second, func(r Raw) bool {
		return r.Header("Message-ID") == "<"+id+">"
	})
	if got.Header("Subject") != "hello" || !strings.Contains(string(got.Data), "Hi Alice.") {
		t.Errorf("got %q", got.Data)
	}
	if !strings.Contains(string(got.Data), "SMTPSA id") {
		t.Errorf("no Received line says ESMTPSA or UTF8SMTPSA (submitted over TLS with AUTH, RFC 3848):\n%s", got.Data)
	}
}

func TestStack_TLSIsVerified(t *testing.T) {
	s := Get(t)
	// Without the test CA the server's certificate is not trusted.
	_, err := imapclient.DialTLS(net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)), &imapclient.Options{TLSConfig: &tls.Config{ServerName: s.Host}})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("dial without the CA: err = %v, want a certificate error", err)
	}
	// STARTTLS on the IMAP port, with the CA.
	c, err := imapclient.DialStartTLS(net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPPort)), &imapclient.Options{TLSConfig: s.tlsConfig()})
	if err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	defer c.Close()
	if err := c.Login("bob@other.test", "wrong").Wait(); err == nil {
		t.Error("logged in with a wrong password")
	}
}

func TestStack_AuthRequiredToRelay(t *testing.T) {
	s := Get(t)
	c, err := smtp.Dial(net.JoinHostPort(s.Host, strconv.Itoa(s.SMTPPort)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if ok, mechs := c.Extension("AUTH"); ok {
		t.Errorf("AUTH offered before STARTTLS: %q", mechs)
	}
	if err := c.StartTLS(s.tlsConfig()); err != nil {
		t.Fatal(err)
	}
	if ok, mechs := c.Extension("AUTH"); !ok || !strings.Contains(mechs, "PLAIN") {
		t.Errorf("AUTH after STARTTLS = %v %q, want PLAIN offered", ok, mechs)
	}
	if err := c.Mail("jane@acme.test"); err != nil {
		t.Fatal(err)
	}
	// Without AUTH, mail to a domain the stack does not serve is refused.
	if err := c.Rcpt("x@elsewhere.example"); err == nil || !strings.Contains(err.Error(), "Relay access denied") {
		t.Errorf("unauthenticated relay: err = %v, want Relay access denied", err)
	}
}

func TestStack_UnknownUserBounces(t *testing.T) {
	s := Get(t)
	id := fmt.Sprintf("tonobody-%d@owner.test", time.Now().UnixNano())
	raw := "From: alice@owner.test\r\nTo: nobody@acme.test\r\nSubject: are you there\r\nMessage-ID: <" + id + ">\r\n\r\nHello?\r\n"
	s.Send(t, "alice@owner.test", []string{"nobody@acme.test"}, []byte(raw))
	got := s.WaitFor(t, "alice@owner.test", "INBOX", 30*time.Second, func(r Raw) bool {
		return strings.Contains(string(r.Data), id) && strings.Contains(r.Header("Content-Type"), "report-type=delivery-status")
	})
	if !strings.Contains(string(got.Data), "Final-Recipient: rfc822; nobody@acme.test") {
		t.Errorf("bounce lacks the failed recipient:\n%s", got.Data)
	}
}

// TestStack_Server: the IMAP server answering is the one MAILSTACK_IMAP asked for (so a
// "Cyrus" run is not quietly a second Dovecot run), and it names the Sent folder through
// SPECIAL-USE (RFC 6154), where followup finds it.
func TestStack_Server(t *testing.T) {
	s := Get(t)
	want := os.Getenv("MAILSTACK_IMAP")
	if want == "" {
		want = "dovecot"
	}
	if s.Server != want {
		t.Fatalf("stack server %q, MAILSTACK_IMAP wants %q", s.Server, want)
	}
	conn, err := tls.Dial("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)), s.tlsConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	greeting, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	name := map[string]string{"dovecot": "Dovecot", "cyrus": "Cyrus IMAP"}[want]
	if !strings.Contains(greeting, name) {
		t.Errorf("greeting %q does not name %s", greeting, name)
	}
	c := s.Client(t, "alice@owner.test")
	boxes, err := c.List("", "*", &imap.ListOptions{ReturnSpecialUse: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var sent string
	for _, b := range boxes {
		if slices.Contains(b.Attrs, imap.MailboxAttrSent) {
			sent = b.Mailbox
		}
	}
	if sent != "Sent" {
		t.Errorf("the \\Sent folder is %q, want Sent", sent)
	}
}

// TestStack_Vacation: a vacation script set through the stack answers mail with an
// auto-reply (Dovecot's Sieve from a file, Cyrus's over ManageSieve), and is gone when unset.
func TestStack_Vacation(t *testing.T) {
	s := Get(t)
	subject := fmt.Sprintf("Away %d", time.Now().UnixNano())
	s.SetVacation(t, "pat@acme.test", subject, "I am away until Monday.")
	id := fmt.Sprintf("tovacation-%d@other.test", time.Now().UnixNano())
	raw := "From: bob@other.test\r\nTo: pat@acme.test\r\nSubject: question\r\nMessage-ID: <" + id + ">\r\n\r\nAre you there?\r\n"
	s.Send(t, "bob@other.test", []string{"pat@acme.test"}, []byte(raw))
	got := s.WaitFor(t, "bob@other.test", "INBOX", 30*time.Second, func(r Raw) bool {
		return strings.Contains(r.Header("In-Reply-To"), id)
	})
	if got.Header("Subject") != subject || !strings.Contains(got.Text(), "away until Monday") {
		t.Errorf("auto-reply: subject %q\n%s", got.Header("Subject"), got.Data)
	}
	if as := got.Header("Auto-Submitted"); !strings.HasPrefix(as, "auto-replied") {
		t.Errorf("auto-reply has Auto-Submitted %q, want auto-replied", as)
	}
}
