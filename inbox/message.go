package inbox

import (
	"bufio"
	"bytes"
	"io"
	"net/mail"
	"regexp"
	"strings"
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

	nested int // how deep inside other bounces this message was found
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
// transfer encoding and charset. It reads at most limit bytes of it, and no further into
// the message than the MIME bounds allow.
func (m *Message) Text(limit int64) string {
	var text, html string
	_ = walkParts(m.Raw, func(p part) error {
		if p.Attachment {
			return nil
		}
		switch p.Type {
		case "text/plain", "":
			body, _ := io.ReadAll(io.LimitReader(p.Body, limit))
			text = string(body)
			return errStop
		case "text/html":
			if html == "" {
				// A real HTML parser: block elements as line breaks, entities decoded,
				// quoted material dropped and marked (HTMLText).
				html, _ = HTMLText(io.LimitReader(p.Body, limit))
			}
		}
		return nil
	})
	if text != "" {
		return text
	}
	return html
}
