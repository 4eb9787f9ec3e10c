package mailstack

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"testing"
	"time"

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
