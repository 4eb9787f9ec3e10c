package invite

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// Bounds on what a stranger's calendar can make followup, and golang-ical after it, read.
// They are checked by readCalendar before golang-ical sees a byte: golang-ical v0.3.4 copies
// the rest of a line for every parameter value it reads, so one 256 KB line of
// "X=a,a,a,…" cost it 34 GB and 55 s (BenchmarkGolangICal_Hostile). With the bounds, it
// reads at most MaxParams+MaxValues copies of each line: its work is linear in MaxSize. The numbers leave room for what calendars write: Google's ATTENDEE has six
// parameters, Outlook's HTML description (X-ALT-DESC) a few tens of kilobytes on one line,
// a VTIMEZONE with its history a few dozen STANDARD and DAYLIGHT parts.
const (
	MaxSize        = 256 << 10 // bytes of one calendar
	MaxLine        = 64 << 10  // bytes of one content line, unfolded
	MaxParams      = 16        // parameters of one property
	MaxParamValues = 8         // values of one parameter
	MaxValues      = 32        // parameter values of one property, all parameters together
	MaxProperties  = 500       // properties of one component (or of the calendar itself)
	MaxComponents  = 100       // components of one calendar, nested ones included
	MaxDepth       = 4         // VCALENDAR > VTIMEZONE > STANDARD is 3
)

// ErrBound and ErrMalformed tell why a calendar was refused (errors.Is): over one of the
// bounds above, or not iCalendar (RFC 5545 §3.1, §3.4, §3.6).
var (
	ErrBound     = errors.New("over a bound")
	ErrMalformed = errors.New("malformed")
)

// CalendarError is why a calendar was refused, and where: the line of the file its content
// line begins on (1 for the first; folded lines count as the file has them, so an editor
// finds it), or 0 for the calendar as a whole (its size).
type CalendarError struct {
	Line  int
	Bound string // which bound ("parameters per property"), "" when malformed
	Msg   string
	Err   error // what it wraps besides ErrBound or ErrMalformed (ErrNoEvent), or nil
}

func (e *CalendarError) Error() string {
	s := "calendar"
	if e.Line > 0 {
		s += " line " + strconv.Itoa(e.Line)
	}
	s += ": " + e.Msg
	if e.Bound != "" {
		s += " (bound: " + e.Bound + ")"
	}
	return s
}

func (e *CalendarError) Unwrap() []error {
	kind := ErrMalformed
	if e.Bound != "" {
		kind = ErrBound
	}
	if e.Err != nil {
		return []error{kind, e.Err}
	}
	return []error{kind}
}

func malformed(line int, format string, args ...any) error {
	return &CalendarError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

func overBound(line int, bound, format string, args ...any) error {
	return &CalendarError{Line: line, Bound: bound, Msg: fmt.Sprintf(format, args...)}
}

// component is where a part of a calendar begins in the file, so that what is wrong in it
// later (a DTSTART that is no time) is reported at its line.
type component struct {
	name  string
	line  int
	first map[string]int // the line of each property's first occurrence
	props int
}

// lineOf is the line of the component's first property name, or the component's own line.
func (c *component) lineOf(name string) int {
	if l, ok := c.first[name]; ok {
		return l
	}
	return c.line
}

// calendar is a calendar that readCalendar found within the bounds and well formed: text is
// what golang-ical is given (one unfolded content line per line, names upper-cased), top the
// components below VCALENDAR in the order golang-ical keeps them.
type calendar struct {
	text []byte
	top  []*component
}

// readCalendar checks a calendar against the bounds and the syntax of RFC 5545 §3.1 in one
// pass over its bytes, and writes it out as golang-ical will read it: unfolded (§3.1: a line
// beginning with a space or a tab continues the one before), names upper-cased (§2: they
// are case-insensitive; golang-ical compares them as written), one property per line. The
// first fault found is the error; golang-ical then sees only lines checked here, and
// readCalendar refuses everything golang-ical would (FuzzParse holds both to that).
func readCalendar(data []byte) (*calendar, error) {
	if len(data) > MaxSize {
		return nil, overBound(0, "total size", "%d bytes, more than %d", len(data), MaxSize)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte order mark, as Windows writes
	out := &calendar{text: make([]byte, 0, len(data)+len(data)/16)}
	var (
		stack      []*component // open components, VCALENDAR first
		components int
		ended      bool
	)
	handle := func(lineNo int, line []byte) error {
		p, err := parseContentLine(lineNo, line)
		if err != nil {
			return err
		}
		switch {
		case len(stack) == 0 && (p.name != "BEGIN" || p.value != "VCALENDAR"):
			what := p.name
			if p.value != "" {
				what += ":" + p.value
			}
			return malformed(lineNo, "a calendar begins with BEGIN:VCALENDAR, not %s", what)
		case p.name == "BEGIN":
			if len(stack) > 0 && p.value == "VCALENDAR" {
				return malformed(lineNo, "BEGIN:VCALENDAR inside %s", stack[len(stack)-1].name)
			}
			if len(stack) >= MaxDepth {
				return overBound(lineNo, "depth", "%s nested more than %d deep", p.value, MaxDepth)
			}
			c := &component{name: p.value, line: lineNo, first: map[string]int{}}
			if len(stack) > 0 {
				if components++; components > MaxComponents {
					return overBound(lineNo, "components per calendar", "more than %d components", MaxComponents)
				}
			}
			if len(stack) == 1 {
				out.top = append(out.top, c)
			}
			stack = append(stack, c)
			out.text = append(append(out.text, "BEGIN:"...), p.value...)
		case p.name == "END":
			open := stack[len(stack)-1]
			if p.value != open.name {
				return malformed(lineNo, "END:%s where END:%s (of line %d) was due", p.value, open.name, open.line)
			}
			stack = stack[:len(stack)-1]
			ended = len(stack) == 0
			out.text = append(append(out.text, "END:"...), p.value...)
		default:
			c := stack[len(stack)-1]
			if c.props++; c.props > MaxProperties {
				return overBound(lineNo, "properties per component", "%s has more than %d properties", c.name, MaxProperties)
			}
			if _, ok := c.first[p.name]; !ok {
				c.first[p.name] = lineNo
			}
			out.text = p.appendTo(out.text)
		}
		out.text = append(out.text, '\r', '\n')
		return nil
	}

	// Unfold: a content line is its first physical line and the continuations after it.
	var (
		cur     []byte // the content line being unfolded
		curLine int    // the physical line it begins on
		folded  []byte // cur's storage once it was folded
	)
	flush := func() error {
		if cur == nil {
			return nil
		}
		err := handle(curLine, cur)
		cur, folded = nil, folded[:0]
		return err
	}
	for lineNo, rest := 1, data; len(rest) > 0; lineNo++ {
		phys := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			phys, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		phys = bytes.TrimSuffix(phys, []byte{'\r'})
		switch {
		case len(phys) == 0: // a blank line, which calendars should not have: skipped
			continue
		case phys[0] == ' ' || phys[0] == '\t':
			if cur == nil {
				return nil, malformed(lineNo, "a folded line's continuation with no line before it")
			}
			if len(cur)+len(phys)-1 > MaxLine {
				return nil, overBound(curLine, "line length", "a line longer than %d bytes unfolded", MaxLine)
			}
			if len(folded) == 0 {
				if folded == nil { // once, as long as a line can grow: no copy as it does
					folded = make([]byte, 0, min(MaxLine, len(cur)+len(phys)+len(rest)))
				}
				folded = append(folded, cur...)
			}
			folded = append(folded, phys[1:]...)
			cur = folded
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if ended {
			break // what follows END:VCALENDAR is no part of it (a signature, a second calendar)
		}
		if len(phys) > MaxLine {
			return nil, overBound(lineNo, "line length", "a line longer than %d bytes", MaxLine)
		}
		cur, curLine = phys, lineNo
	}
	if err := flush(); err != nil {
		return nil, err
	}
	switch {
	case len(stack) == 0 && !ended:
		return nil, &CalendarError{Msg: "no BEGIN:VCALENDAR: not a calendar"}
	case len(stack) > 1:
		open := stack[len(stack)-1]
		return nil, malformed(open.line, "BEGIN:%s is never ended", open.name)
	}
	return out, nil
}

// contentLine is one unfolded line: "NAME;PARAM=V1,V2;…:VALUE" (RFC 5545 §3.1).
type contentLine struct {
	name   string
	params [][2][]byte // upper-cased name, the values as written (quotes and commas kept)
	value  string      // of BEGIN and END the component's name, upper-cased
	raw    []byte      // the value as written
	values int         // of all parameters
}

func (p *contentLine) appendTo(b []byte) []byte {
	b = append(b, p.name...)
	for _, pr := range p.params {
		b = append(append(append(append(b, ';'), pr[0]...), '='), pr[1]...)
	}
	return append(append(b, ':'), p.raw...)
}

// parseContentLine reads a content line as golang-ical v0.3.4 does (property.go: ParseProperty,
// parsePropertyParam, parsePropertyParamValue), refusing what it refuses and what it
// silently misreads (a name not at the start of the line), in one pass and counting what the
// bounds limit.
func parseContentLine(lineNo int, s []byte) (*contentLine, error) {
	n := tokenLen(s)
	if n == 0 {
		return nil, malformed(lineNo, "a line begins with a property name, not %s", quoteByte(s[0]))
	}
	p := &contentLine{name: upper(s[:n])}
	i := n
	for {
		if i >= len(s) {
			return nil, malformed(lineNo, "%s has no ':' before its value", p.name)
		}
		switch s[i] {
		case ':':
			p.raw = s[i+1:]
			if p.name == "BEGIN" || p.name == "END" {
				if len(p.params) > 0 || len(p.raw) == 0 || tokenLen(p.raw) != len(p.raw) {
					return nil, malformed(lineNo, "%s names no component", p.name)
				}
				p.value = upper(p.raw)
			}
			return p, nil
		case ';':
		default:
			return nil, malformed(lineNo, "%s followed by %s, not ';' or ':'", p.name, quoteByte(s[i]))
		}
		if len(p.params) == MaxParams {
			return nil, overBound(lineNo, "parameters per property", "%s has more than %d parameters", p.name, MaxParams)
		}
		i++
		k := tokenLen(s[i:])
		if k == 0 {
			return nil, malformed(lineNo, "a parameter of %s has no name", p.name)
		}
		name := upper(s[i : i+k])
		i += k
		if i >= len(s) || s[i] != '=' {
			return nil, malformed(lineNo, "parameter %s of %s has no '='", name, p.name)
		}
		i++
		start := i
		for values := 1; ; values++ {
			if values > MaxParamValues {
				return nil, overBound(lineNo, "values per parameter", "parameter %s of %s has more than %d values", name, p.name, MaxParamValues)
			}
			if p.values++; p.values > MaxValues {
				return nil, overBound(lineNo, "parameter values per property", "%s has more than %d parameter values", p.name, MaxValues)
			}
			if i >= len(s) {
				return nil, malformed(lineNo, "parameter %s of %s ends the line", name, p.name)
			}
			var err error
			if i, err = paramValueEnd(s, i); err != nil {
				return nil, malformed(lineNo, "parameter %s of %s: %v", name, p.name, err)
			}
			if i >= len(s) {
				return nil, malformed(lineNo, "parameter %s of %s ends the line", name, p.name)
			}
			if s[i] != ',' {
				break
			}
			i++
		}
		p.params = append(p.params, [2][]byte{[]byte(name), s[start:i]})
	}
}

// paramValueEnd is where the parameter value at s[i:] ends (RFC 5545 §3.1: a quoted string,
// or characters but controls, DQUOTE, ';', ':' and ','), with golang-ical's reading of a
// backslash, which takes the next character as it is.
func paramValueEnd(s []byte, i int) (int, error) {
	start, quoted := i, false
	for i < len(s) {
		switch c := s[i]; {
		case c < 0x20 && c != '\t':
			return 0, fmt.Errorf("control character %s", quoteByte(c))
		case c == '\\':
			if i+2 >= len(s) {
				return 0, errors.New("a backslash at its end")
			}
			i += 2
			continue
		case (c == ';' || c == ':' || c == ',') && !quoted:
			return i, nil
		case c == '"':
			switch {
			case i == start:
				quoted = true
			case quoted:
				return i + 1, nil
			default:
				return 0, errors.New("a double quote inside it")
			}
		}
		i++
	}
	return i, nil
}

// tokenLen is the length of the name (RFC 5545 §3.1: iana-token, x-name) at the start of s.
func tokenLen(s []byte) int {
	for i, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return i
		}
	}
	return len(s)
}

func upper(b []byte) string { return string(bytes.ToUpper(b)) }

// quoteByte shows a byte of a stranger's calendar safely, as Go would write it ('\x1b').
func quoteByte(c byte) string {
	if c >= 0x80 {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return strconv.QuoteRuneToASCII(rune(c))
}
