package inbox

import (
	"bufio"
	"bytes"
	"io"
	"net/mail"
	"regexp"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	gomessage "github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode the common legacy charsets
	gomail "github.com/emersion/go-message/mail"
)

// Message is an incoming message as the daemon reads it. Every field comes from the
// message and is untrusted: escape it before showing it anywhere.
type Message struct {
	Folder      string
	UIDValidity uint32
	UID         uint32

	MessageID  string   // without angle brackets
	InReplyTo  []string // without angle brackets
	References []string // without angle brackets
	From       string   // the address, lower-cased
	FromName   string
	Sender     string
	ReturnPath string
	To         []string
	Subject    string
	Header     gomail.Header
	Raw        []byte // header and, when fetched, body
	// Arrived is when the server took the message (IMAP INTERNALDATE, whole seconds); zero
	// when not known.
	Arrived time.Time
	// HasCalendar says the server's structure of the message shows an iCalendar part (an
	// invitation): its body is worth reading.
	HasCalendar bool
	// HeaderOnly says Raw holds the header alone (the watcher fetched no body yet): there
	// is no body to walk, and nothing is read from one.
	HeaderOnly bool

	nested int // how deep inside other bounces this message was found

	body *reading // the one walk of the body, made at the first look into it
}

// reading is what the one bounded walk of a message's MIME tree found: every later look
// into the body (its text, its calendar, its delivery report, whether it is readable at
// all) reads from here.
type reading struct {
	text, html string // the first text/plain and text/html parts that are not attachments
	calendar   []byte
	hasCal     bool
	status     string // message/delivery-status parts
	report     string // the first text/plain part, attachment or not (a bounce's human-readable report)
	returned   string // the returned message or its headers
	err        error  // over a MIME bound (ErrUnreadable)
}

// maxText bounds the text kept of a message: the longest any reader asks for.
const maxText = 64 << 10

// walks counts the MIME walks made (Walks).
var walks atomic.Int64

// Walks is how many MIME walks this process made: the tests check that a handled message
// is walked once, however many readers look into it.
func Walks() int64 { return walks.Load() }

// read walks the body once, within the MIME bounds, and keeps what every reader needs.
func (m *Message) read() *reading {
	if m.body != nil {
		return m.body
	}
	r := &reading{}
	if m.HeaderOnly {
		return r // not kept: a body fetched later is another Message
	}
	walks.Add(1)
	r.err = walkParts(m.Raw, func(p part) error {
		body, _ := io.ReadAll(io.LimitReader(p.Body, 1<<20))
		switch ct := p.Type; {
		case isCalendarType(ct):
			if !r.hasCal {
				r.hasCal = true
				r.calendar = body[:min(len(body), MaxCalendar+1)]
			}
		case ct == "message/delivery-status" || ct == "message/global-delivery-status":
			r.status += string(body) + "\n\n"
		case ct == "message/rfc822" || ct == "text/rfc822-headers" || ct == "message/global" || ct == "message/rfc822-headers":
			if r.returned == "" {
				r.returned = string(body)
			}
		case ct == "text/plain" || ct == "":
			if r.report == "" {
				r.report = string(body)
			}
			if r.text == "" && !p.Attachment {
				r.text = string(body[:min(len(body), maxText)])
			}
		case ct == "text/html":
			if r.html == "" && !p.Attachment {
				// A real HTML parser: block elements as line breaks, entities decoded,
				// quoted material dropped and marked (HTMLText).
				r.html, _ = HTMLText(bytes.NewReader(body[:min(len(body), maxText)]))
			}
		}
		return nil
	})
	m.body = r
	return r
}

// maxHeader bounds what is read of a header: a hostile message cannot make the daemon
// hold megabytes of header lines.
const maxHeader = 256 << 10

// Parse reads the header of raw (and keeps raw for the body). A message whose header
// cannot be read at all is an error; oddities in single fields are tolerated.
func Parse(raw []byte) (*Message, error) {
	if bytes.HasPrefix(raw, []byte("From ")) {
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			raw = raw[i+1:]
		}
	}
	br := bufio.NewReader(io.LimitReader(bytes.NewReader(raw), maxHeader))
	h, err := textprotoHeader(br)
	if err != nil {
		return nil, err
	}
	m := &Message{Header: gomail.Header{Header: gomessage.Header{Header: h}}, Raw: raw}
	m.MessageID = firstID(m.Header.Get("Message-Id"))
	m.InReplyTo = ids(m.Header.Get("In-Reply-To"))
	m.References = ids(m.Header.Get("References"))
	if a := addresses(m.Header, "From"); len(a) > 0 {
		m.From, m.FromName = strings.ToLower(a[0].Address), a[0].Name
	}
	if a := addresses(m.Header, "Sender"); len(a) > 0 {
		m.Sender = strings.ToLower(a[0].Address)
	}
	m.ReturnPath = strings.Trim(strings.TrimSpace(m.Header.Get("Return-Path")), "<>")
	for _, f := range []string{"To", "Cc"} {
		for _, a := range addresses(m.Header, f) {
			m.To = append(m.To, strings.ToLower(a.Address))
		}
	}
	if s, err := m.Header.Subject(); err == nil {
		m.Subject = s
	} else {
		m.Subject = m.Header.Get("Subject")
	}
	m.Subject = clean(m.Subject)
	return m, nil
}

func addresses(h gomail.Header, key string) []*mail.Address {
	list, err := h.AddressList(key)
	if err == nil {
		out := make([]*mail.Address, 0, len(list))
		for _, a := range list {
			out = append(out, &mail.Address{Name: a.Name, Address: a.Address})
		}
		return out
	}
	// A header the strict parser refuses: fall back to the first <…@…> in it.
	if m := angleAddr.FindStringSubmatch(h.Get(key)); m != nil {
		return []*mail.Address{{Address: m[1]}}
	}
	if m := bareAddr.FindString(h.Get(key)); m != "" {
		return []*mail.Address{{Address: m}}
	}
	return nil
}

var (
	angleAddr = regexp.MustCompile(`<([^<>@\s]+@[^<>@\s]+)>`)
	bareAddr  = regexp.MustCompile(`[^<>@\s"',;:()]+@[^<>@\s"',;:()]+\.[A-Za-z]{2,}`)
	msgIDRe   = regexp.MustCompile(`<([^<>\s]+)>`)
)

func ids(v string) []string {
	var out []string
	for _, m := range msgIDRe.FindAllStringSubmatch(v, 64) {
		out = append(out, m[1])
	}
	if len(out) == 0 {
		for _, f := range strings.Fields(v) {
			if strings.Contains(f, "@") && len(out) < 64 {
				out = append(out, strings.Trim(f, "<>,"))
			}
		}
	}
	return out
}

func firstID(v string) string {
	if l := ids(v); len(l) > 0 {
		return l[0]
	}
	return strings.TrimSpace(v)
}

// clean makes untrusted text one printable line.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Text returns the message's own text: the first text/plain part that is not an
// attachment, or else the first text/html one with its tags removed, decoded from its
// transfer encoding and charset. It reads at most limit bytes of it (64 KiB at most), and
// no further into the message than the MIME bounds allow.
func (m *Message) Text(limit int64) string {
	r := m.read()
	text := r.text
	if text == "" {
		text = r.html
	}
	if int64(len(text)) > limit {
		text = text[:limit]
	}
	return text
}
