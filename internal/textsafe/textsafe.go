// Package textsafe makes text that strangers wrote (a sender's name, a subject, a company
// an ATS named, a calendar's summary) safe wherever followup shows it: on the owner's
// terminal, in a header field, in a notice, in a log line. One definition of what is
// unsafe serves them all.
package textsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r must never be shown as it is: the C0 and C1 controls (ESC and
// CSI start the escape sequences that retitle, hide or rewrite a terminal), DEL, the line
// and paragraph separators, and the bidirectional overrides, embeddings and isolates that
// reorder what is shown ("Trojan Source").
func Unsafe(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == '\u2028' || r == '\u2029':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e' || r == '\u200f' || r == '\u061c':
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// Line makes s safe on one line: each unsafe rune becomes a space, and runs of white space
// one space. Header fields, subjects and table cells use it.
func Line(s string) string {
	s = strings.Map(func(r rune) rune {
		if Unsafe(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Writer returns a writer that passes w what it is given with every unsafe rune but line
// breaks and tabs shown as an escape, \u001b: nothing written through it can move the
// cursor, retitle the window or reorder a line, and JSON written through it stays valid.
// The command line writes all its output through one.
func Writer(w io.Writer) io.Writer { return &writer{w: w} }

type writer struct {
	w       io.Writer
	pending []byte // the start of a rune split across two writes
}

func (x *writer) Write(p []byte) (int, error) {
	buf := append(x.pending, p...)
	x.pending = nil
	var out []byte
	for len(buf) > 0 {
		r, n := utf8.DecodeRune(buf)
		if r == utf8.RuneError && n <= 1 && !utf8.FullRune(buf) {
			x.pending = append([]byte(nil), buf...)
			break
		}
		switch {
		case r == '\n' || r == '\t' || r == '\r' && n == 1 && len(buf) > 1 && buf[1] == '\n':
			out = append(out, buf[:n]...)
		case r == utf8.RuneError && n == 1:
			out = fmt.Appendf(out, `\x%02x`, buf[0])
		case Unsafe(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, buf[:n]...)
		}
		buf = buf[n:]
	}
	if _, err := x.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
