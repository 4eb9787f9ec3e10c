package inbox

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	gomessage "github.com/emersion/go-message"
)

// Bounds on the MIME structure of a message a stranger wrote. go-message's Walk descends
// every level and does not stop when the walk function returns nil; reading a part n levels
// deep goes through n nested readers, so the cost grows with the square of the depth (a
// 1 MB message nested 20,000 deep took minutes). A walk stops at these with an error.
const (
	// MaxDepth is the deepest multipart nesting read. Real mail nests 3 or 4 deep (a
	// signed, alternative message inside a forwarded one); bounce reports 2 or 3.
	MaxDepth = 20
	// MaxParts is the most parts read from one message.
	MaxParts = 1000
)

// ErrUnreadable is a message over one of the bounds: it is recorded and skipped, never
// retried.
var ErrUnreadable = errors.New("unreadable message")

// errStop ends a walk early, without error.
var errStop = errors.New("stop")

// part is one leaf of a message's MIME tree.
type part struct {
	Type       string // media type, lower case ("" when the header names none)
	Attachment bool   // Content-Disposition: attachment
	Body       io.Reader
}

// walkParts calls fn for each leaf part of raw (multipart containers are not leaves), in
// order, until fn returns an error or the parts run out. It stops with ErrUnreadable past
// MaxDepth or MaxParts; fn returning errStop ends the walk with nil.
func walkParts(raw []byte, fn func(p part) error) error {
	e, err := gomessage.Read(bytes.NewReader(raw))
	if e == nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	n := 0
	err = e.Walk(func(path []int, ent *gomessage.Entity, err error) error {
		if len(path) > MaxDepth {
			return fmt.Errorf("%w: MIME nested deeper than %d levels", ErrUnreadable, MaxDepth)
		}
		if n++; n > MaxParts {
			return fmt.Errorf("%w: more than %d MIME parts", ErrUnreadable, MaxParts)
		}
		if err != nil && ent == nil {
			return nil // an unknown charset or encoding: that part is read as none
		}
		ct, _, _ := ent.Header.ContentType()
		ct = strings.ToLower(ct)
		if strings.HasPrefix(ct, "multipart/") {
			return nil
		}
		disp, _, _ := mime.ParseMediaType(ent.Header.Get("Content-Disposition"))
		return fn(part{Type: ct, Attachment: strings.EqualFold(disp, "attachment"), Body: ent.Body})
	})
	if errors.Is(err, errStop) {
		return nil
	}
	if err != nil && !errors.Is(err, ErrUnreadable) {
		// A broken boundary or a truncated part: what was read so far stands, as mail
		// clients show it.
		return nil
	}
	return err
}

// Check reads the whole MIME structure of the message within the bounds, and says why the
// message is unreadable when it is over one (errors.Is(err, ErrUnreadable)).
func (m *Message) Check() error { return m.read().err }

// MaxCalendar bounds the calendar read from a message.
const MaxCalendar = 256 << 10

// Calendar returns the first iCalendar part of the message (text/calendar, or an
// application/ics attachment, as Google Calendar, Outlook and the applicant tracking systems
// send invitations), at most MaxCalendar bytes and one more (so that one over is seen as
// over); ok is false when there is none.
func (m *Message) Calendar() (data []byte, ok bool) {
	r := m.read()
	return r.calendar, r.hasCal
}

// calendarTypes are the media types an invitation travels as.
func isCalendarType(t string) bool {
	t = strings.ToLower(t)
	return t == "text/calendar" || t == "application/ics"
}
