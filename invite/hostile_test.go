package invite

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// hostile is a calendar whose one ATTENDEE line is about size bytes of parameter values:
// shape "values" writes one parameter with many values (X=a,a,a,…), "params" many
// parameters (;a=b;a=b;…). golang-ical v0.3.4 copies the rest of the line for every value
// and every parameter (parsePropertyParamValue's make([]byte, 0, len(s)), parsePropertyParam's
// []byte(contentLine[p:])): its work grows with the square of the line.
func hostile(shape string, size int) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T100000Z\r\nATTENDEE")
	switch shape {
	case "values":
		b.WriteString(";X=a")
		for b.Len() < size {
			b.WriteString(",a")
		}
	case "params":
		for b.Len() < size {
			b.WriteString(";a=b")
		}
	}
	b.WriteString(":mailto:p@evil.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	return []byte(b.String())
}

// BenchmarkGolangICal_Hostile measures golang-ical alone on the hostile line: four times the
// line, sixteen times the bytes (go test -run XXX -bench GolangICal -benchmem ./invite). The
// full 256 KB line (tens of gigabytes, most of a minute) runs only when
// FOLLOWUP_BENCH_256K=1 asks for it, so that -bench . stays cheap on a shared machine.
func BenchmarkGolangICal_Hostile(b *testing.B) {
	sizes := []int{8 << 10, 32 << 10}
	if os.Getenv("FOLLOWUP_BENCH_256K") == "1" {
		sizes = append(sizes, MaxSize-200)
	}
	for _, shape := range []string{"values", "params"} {
		for _, size := range sizes {
			data := hostile(shape, size)
			b.Run(fmt.Sprintf("%s/%dKB", shape, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := ics.ParseCalendar(bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// withinBounds is the costliest calendar for golang-ical that readCalendar lets through:
// lines as long as MaxLine, each with MaxParams parameters and MaxValues values, until
// MaxSize. BenchmarkParse_Hostile shows what it costs.
func withinBounds() []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T100000Z\r\n")
	full := (MaxValues - MaxParams) / (MaxParamValues - 1) // parameters with every value they may have
	params := strings.Repeat(";X=a"+strings.Repeat(",a", MaxParamValues-1), full) + strings.Repeat(";X=a", MaxParams-full)
	for b.Len()+MaxLine+40 < MaxSize {
		b.WriteString("DESCRIPTION" + params + ":" + strings.Repeat("d", MaxLine-len("DESCRIPTION")-len(params)-1) + "\r\n")
	}
	b.WriteString("END:VEVENT\r\nEND:VCALENDAR\r\n")
	return []byte(b.String())
}

// allocated is the bytes f allocates (TotalAlloc counts them whether collected or not): the
// measure of its work that depends neither on the machine nor on the clock.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestParse_Bounds: a calendar over any bound is refused before golang-ical reads it, with
// the bound and the line, at a cost that is a small multiple of its size: the 256 KB
// ATTENDEE lines that cost golang-ical 34 GB (BenchmarkGolangICal_Hostile) included.
func TestParse_Bounds(t *testing.T) {
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T100000Z\r\n"
	tail := "END:VEVENT\r\nEND:VCALENDAR\r\n"
	repeat := func(s string, n int) string { return strings.Repeat(s, n) }
	nested := head
	for range MaxDepth {
		nested += "BEGIN:X\r\n"
	}
	for _, tc := range []struct {
		name  string
		cal   []byte
		bound string
		line  int
	}{
		{"values of 256 KB", hostile("values", MaxSize-200), "line length", 7},
		{"parameters of 256 KB", hostile("params", MaxSize-200), "line length", 7},
		{"values of 32 KB", hostile("values", 32<<10), "values per parameter", 7},
		{"parameters of 32 KB", hostile("params", 32<<10), "parameters per property", 7},
		{"values", []byte(head + "ATTENDEE;CN=a;X=" + repeat("a,", MaxParamValues) + "a:mailto:p@evil.test\r\n" + tail), "values per parameter", 7},
		{"parameter values", []byte(head + "ATTENDEE" + repeat(";X=a,a,a,a", MaxValues/4) + ";Y=a:mailto:p@evil.test\r\n" + tail), "parameter values per property", 7},
		{"parameters", []byte(head + "ATTENDEE" + repeat(";A=b", MaxParams+1) + ":mailto:p@evil.test\r\n" + tail), "parameters per property", 7},
		{"folded parameters", []byte(head + "ATTENDEE" + repeat(";A=b\r\n ", MaxParams+1) + ":mailto:p@evil.test\r\n" + tail), "parameters per property", 7},
		{"line", []byte(head + "DESCRIPTION:" + repeat("a", MaxLine) + "\r\n" + tail), "line length", 7},
		{"folded line", []byte(head + "SUMMARY:x\r\nDESCRIPTION:" + repeat("aaaaaaaaaaaaaaaaaaaa\r\n ", MaxLine/20+1) + "\r\n" + tail), "line length", 8},
		{"properties", []byte(head + repeat("X-A:b\r\n", MaxProperties) + tail), "properties per component", 4 + MaxProperties + 1},
		{"components", []byte(head + repeat("BEGIN:VALARM\r\nEND:VALARM\r\n", MaxComponents) + tail), "components per calendar", 7 + 2*(MaxComponents-1)},
		{"depth", []byte(nested), "depth", 9},
		{"size", []byte(head + "DESCRIPTION:" + repeat("a", MaxSize) + "\r\n" + tail), "total size", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			bytes := allocated(func() { _, err = Parse(tc.cal) })
			var ce *CalendarError
			if !errors.As(err, &ce) || !errors.Is(err, ErrBound) || ce.Bound != tc.bound || ce.Line != tc.line {
				t.Fatalf("err = %v, want the bound %q at line %d", err, tc.bound, tc.line)
			}
			if want := fmt.Sprintf("line %d:", tc.line); tc.line > 0 && !strings.Contains(err.Error(), want) {
				t.Errorf("%q does not say %q", err, want)
			}
			if limit := uint64(4*len(tc.cal) + 2*MaxLine); bytes > limit && !raceEnabled {
				t.Errorf("refusing %d bytes allocated %d, more than %d", len(tc.cal), bytes, limit)
			}
		})
	}
	t.Run("within", func(t *testing.T) {
		cal := withinBounds()
		var err error
		bytes := allocated(func() { _, err = Parse(cal) })
		if err != nil {
			t.Fatal(err)
		}
		// golang-ical's copy of the line for each of the (at most MaxParams+MaxValues) values
		// and names: linear in the size, with that factor.
		if limit := uint64(len(cal)) * (MaxParams + MaxValues + 16); bytes > limit && !raceEnabled {
			t.Errorf("reading %d bytes allocated %d, more than %d", len(cal), bytes, limit)
		}
		t.Logf("%d bytes within every bound: %d bytes allocated", len(cal), bytes)
	})
}

// TestParse_Lines: a malformed calendar is refused with the line of the file where its fault
// is (folded lines counted as the file has them), never "line 0".
func TestParse_Lines(t *testing.T) {
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
	tail := "END:VEVENT\r\nEND:VCALENDAR\r\n"
	folded := "DESCRIPTION:a long\r\n  description\r\n  folded\r\n"
	for _, tc := range []struct {
		name, cal string
		line      int
		says      string
	}{
		{"no colon", head + folded + "SUMMARY Interview\r\n" + tail, 7, "SUMMARY followed by ' '"},
		{"no name", head + folded + ":mailto:x@y\r\n" + tail, 7, "begins with a property name"},
		{"junk before the name", head + "\x1b[8mATTENDEE:mailto:x@y\r\n" + tail, 4, `'\x1b'`},
		{"parameter without =", head + "ATTENDEE;CN:mailto:x@y\r\n" + tail, 4, "parameter CN of ATTENDEE has no '='"},
		{"quote inside", head + "ATTENDEE;CN=Ja\"ne:mailto:x@y\r\n" + tail, 4, "double quote"},
		{"unclosed quote", head + "ATTENDEE;CN=\"Jane:mailto:x@y\r\n" + tail, 4, "ends the line"},
		{"control in parameter", head + "ATTENDEE;CN=J\x07ne:mailto:x@y\r\n" + tail, 4, `'\a'`},
		{"continuation first", " BEGIN:VCALENDAR\r\n" + tail, 1, "continuation"},
		{"unbalanced", head + folded + "END:VTODO\r\nEND:VCALENDAR\r\n", 7, "END:VTODO where END:VEVENT (of line 3) was due"},
		{"never ended", head + "BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VEVENT\r\n", 6, "END:VEVENT where END:VALARM (of line 4) was due"},
		{"unterminated", head + "SUMMARY:x\r\n", 3, "BEGIN:VEVENT is never ended"},
		{"nested calendar", head + "BEGIN:VCALENDAR\r\n" + tail, 4, "inside VEVENT"},
		{"an event alone", "BEGIN:VEVENT\r\n" + tail, 1, "begins with BEGIN:VCALENDAR, not BEGIN:VEVENT"},
		{"not a calendar", "Subject:Hello\r\nBEGIN:VCALENDAR\r\n", 1, "begins with BEGIN:VCALENDAR, not SUBJECT"},
		{"not a line", "Hello\r\nBEGIN:VCALENDAR\r\n", 1, "HELLO has no ':'"},
		{"bad start", head + folded + "DTSTART:yesterday\r\n" + tail, 7, `DTSTART "yesterday" is no date`},
		{"bad end", head + "DTSTART:20261201T100000Z\r\nDTEND;TZID=Europe/Berlin:soon\r\n" + tail, 5, `DTEND "soon"`},
		{"no start", head + folded + "SUMMARY:x\r\n" + tail, 3, "no DTSTART"},
		{"LF only", strings.ReplaceAll(head+folded+"SUMMARY;X=\"a\"b:x\r\n"+tail, "\r\n", "\n"), 7, "SUMMARY followed by 'b'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.cal))
			var ce *CalendarError
			if !errors.As(err, &ce) || ce.Line != tc.line || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("err = %v, want line %d saying %q", err, tc.line, tc.says)
			}
			if want := fmt.Sprintf("calendar line %d: ", tc.line); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%q does not begin %q", err, want)
			}
			if strings.ContainsAny(err.Error(), "\x1b\x07") {
				t.Errorf("%q carries a control character", err)
			}
		})
	}
	for _, cal := range []string{"", "\r\n\r\n", "Hello"} {
		if _, err := Parse([]byte(cal)); err == nil || strings.Contains(err.Error(), "line 0") || !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: %v", cal, err)
		}
	}
}

// TestParse_Tolerated: what calendars write though RFC 5545 frowns on it still reads: a
// byte order mark, LF line ends, lower-case names, blank lines, a property between
// components, text after END:VCALENDAR.
func TestParse_Tolerated(t *testing.T) {
	cal := "\xef\xbb\xbfbegin:vcalendar\nversion:2.0\n\nbegin:vtimezone\ntzid:Europe/Berlin\nend:vtimezone\nmethod:REQUEST\n" +
		"begin:vevent\nuid:x\nsummary:Backend Engineer interv\n iew\ndtstart;tzid=Europe/Berlin:20261202T140000\n" +
		"attendee;cn=Jane Doe:mailto:jane@acme.test\nend:vevent\nend:vcalendar\n-- \nsent from my phone\n"
	inv, err := Parse([]byte(cal))
	if err != nil {
		t.Fatal(err)
	}
	if inv.Method != "REQUEST" || inv.Summary != "Backend Engineer interview" || inv.Zone != "Europe/Berlin" || names(inv.Attendees) != "Jane Doe <jane@acme.test>" {
		t.Errorf("%+v", inv)
	}
}

// BenchmarkParse_Hostile: the hostile lines of BenchmarkGolangICal_Hostile, refused by Parse
// at a cost linear in their size (go test -run XXX -bench Parse_Hostile -benchmem ./invite),
// and the costliest calendar within the bounds, read in full.
func BenchmarkParse_Hostile(b *testing.B) {
	for _, shape := range []string{"values", "params"} {
		for _, size := range []int{8 << 10, 32 << 10, MaxSize - 200} {
			data := hostile(shape, size)
			b.Run(fmt.Sprintf("%s/%dKB", shape, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Parse(data); !errors.Is(err, ErrBound) {
						b.Fatal(err)
					}
				}
			})
		}
	}
	data := withinBounds()
	b.Run("within-bounds", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParse_Testdata: what the bounded reader adds to reading a real invitation: Parse
// against golang-ical alone on Google's (go test -run XXX -bench Parse_Testdata -benchmem ./invite).
func BenchmarkParse_Testdata(b *testing.B) {
	data, err := os.ReadFile("testdata/google.ics")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("golang-ical", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ics.ParseCalendar(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
