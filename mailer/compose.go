package mailer

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

func random(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on Linux
	}
	return strings.ToLower(b32.EncodeToString(b))
}

// NewMessageID returns a fresh Message-ID on domain for mail to a contact, without angle
// brackets, in the form Thunderbird writes: a random (version 4) UUID in lower case. A
// follow-up is the owner's personal mail: nothing in it may say that a program wrote it or
// when (no name, no send time), so that it reads like any other mail the owner sends.
func NewMessageID(domain string, _ time.Time) string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on Linux
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x@%s", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16], domain)
}

// NewOwnMessageID returns a fresh Message-ID on domain for mail followup writes to its owner
// (approval requests, notices, the digest): it starts with "followup." so that followup knows
// its own mail when it comes back through the owner's mailbox, without a lookup.
func NewOwnMessageID(domain string, now time.Time) string {
	return fmt.Sprintf("followup.%s.%s@%s", strings.ToLower(fmt.Sprintf("%x", now.Unix())), random(10), domain)
}

// NewToken returns an unguessable token (128 random bits) for an approval request.
func NewToken() string { return random(16) }

// Envelope is one email to compose.
type Envelope struct {
	FromName, From string
	ToName, To     string
	Subject        string
	Body           string
	MessageID      string // without angle brackets
	InReplyTo      string // without angle brackets
	References     string // space-separated, with angle brackets (RFC 5322 §3.6.4)
	Date           time.Time
	// Auto marks mail the daemon writes to the owner (approval requests, notices, the
	// digest) as Auto-Submitted: auto-generated (RFC 3834 §5), so that no vacation responder
	// answers it. Follow-ups to interviewers are the owner's personal mail and carry no mark.
	Auto bool
	// Headers are extra header fields (X-Followup-Draft); values are made header-safe.
	Headers map[string]string
	// HTML, when set, is an alternative text/html part.
	HTML string
}

// Build composes the message. Every header value is made safe first (HeaderSafe): no name,
// subject or company can break a line and add a header of its own.
func Build(e Envelope) (*mail.Msg, error) {
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.FromFormat(HeaderSafe(e.FromName), e.From); err != nil {
		return nil, fmt.Errorf("from %q: %w", e.From, err)
	}
	if err := m.AddToFormat(HeaderSafe(e.ToName), e.To); err != nil {
		return nil, fmt.Errorf("to %q: %w", e.To, err)
	}
	m.Subject(HeaderSafe(e.Subject))
	if e.MessageID == "" {
		return nil, fmt.Errorf("no Message-ID: it must be chosen and stored before sending")
	}
	m.SetMessageIDWithValue(HeaderSafe(e.MessageID))
	if e.InReplyTo != "" {
		m.SetGenHeader(mail.HeaderInReplyTo, "<"+HeaderSafe(e.InReplyTo)+">")
	}
	if e.References != "" {
		// One space-separated value: go-mail joins several with ", " (not RFC 5322).
		m.SetGenHeader(mail.HeaderReferences, HeaderSafe(e.References))
	}
	if e.Date.IsZero() {
		m.SetDate()
	} else {
		m.SetDateWithValue(e.Date)
	}
	if e.Auto {
		m.SetGenHeader("Auto-Submitted", "auto-generated")
		m.SetGenHeader("X-Auto-Response-Suppress", "All")
	}
	for k, v := range e.Headers {
		m.SetGenHeader(mail.Header(HeaderSafe(k)), HeaderSafe(v))
	}
	m.SetBodyString(mail.TypeTextPlain, e.Body)
	if e.HTML != "" {
		m.AddAlternativeString(mail.TypeTextHTML, e.HTML)
	}
	return m, nil
}

// Bytes renders the message exactly as it is sent, for IMAP APPEND to the Sent folder.
func Bytes(m *mail.Msg) ([]byte, error) {
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ThreadReferences returns the References of a reply to parent: the parent's References
// followed by the parent's Message-ID (RFC 5322 §3.6.4).
func ThreadReferences(parentRefs, parentID string) string {
	refs := strings.Fields(parentRefs)
	if parentID != "" {
		refs = append(refs, "<"+parentID+">")
	}
	return strings.Join(refs, " ")
}

// ReplySubject prefixes "Re: " once.
func ReplySubject(s string) string {
	if len(s) >= 3 && strings.EqualFold(s[:3], "re:") {
		return s
	}
	return "Re: " + s
}
