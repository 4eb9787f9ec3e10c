package invite

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// seeds are the calendars of testdata, the hostile shapes (small, as the fuzzer grows them)
// and the oddities calendars write.
func seeds(f *testing.F) {
	files, err := filepath.Glob("testdata/*.ics")
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, shape := range []string{"values", "params"} {
		f.Add(hostile(shape, 300))
	}
	head := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\n"
	for _, s := range []string{
		head + "ATTENDEE;CN=\"Doe, Jane\";X=\"a\\\"b\",c:mailto:j@acme.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		head + "SUMMARY:a\r\n  b\r\n\tc\r\n\r\n d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\ntrailing",
		"\xef\xbb\xbfbegin:vcalendar\nbegin:vevent\ndtstart;tzid=W. Europe Standard Time:20261201T100000\nend:vevent\nmethod:CANCEL\nend:vcalendar",
		head + "BEGIN:VALARM\r\nEND:VEVENT\r\n",
		" BEGIN:VCALENDAR\r\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzRead: the bounded reader never panics, and what it accepts is what golang-ical reads
// without an error, within every bound: the same names, parameters and values line by line.
func FuzzRead(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cal, err := readCalendar(data)
		if err != nil {
			var ce *CalendarError
			if !errors.As(err, &ce) || strings.Contains(err.Error(), "line 0") {
				t.Fatalf("%T %v", err, err)
			}
			return
		}
		if len(cal.text) > len(data)+len(data)/2+64 {
			t.Fatalf("%d bytes written from %d", len(cal.text), len(data))
		}
		lines := strings.Split(strings.TrimSuffix(string(cal.text), "\r\n"), "\r\n")
		for i, line := range lines {
			mine, err := parseContentLine(i+1, []byte(line))
			if err != nil {
				t.Fatalf("line %q of the output: %v", line, err)
			}
			if len(line) > MaxLine || len(mine.params) > MaxParams || mine.values > MaxValues {
				t.Fatalf("over a bound: %q", line)
			}
			theirs, err := ics.ParseProperty(ics.ContentLine(line))
			if err != nil || theirs == nil {
				t.Fatalf("golang-ical refuses %q: %v", line, err)
			}
			values := 0
			for _, v := range theirs.ICalParameters {
				values += len(v)
			}
			if theirs.IANAToken != mine.name || values != mine.values {
				t.Fatalf("%q: golang-ical reads %s with %d values, readCalendar %s with %d", line, theirs.IANAToken, values, mine.name, mine.values)
			}
		}
		if _, err := ics.ParseCalendarWithOptions(bytes.NewReader(cal.text), ics.WithUnknownPropertyHandler(ics.AcceptUnknownPropertyHandler)); err != nil {
			t.Fatalf("golang-ical refuses what readCalendar accepts: %v\n%q", err, cal.text)
		}
	})
}

// allocatedAbout is the bytes f allocates, read without stopping the world (runtime/metrics),
// so that the fuzzer runs thousands of inputs a second instead of hundreds: it misses what
// the processors' caches have not yet counted, a few spans (tens of kilobytes), which a
// quadratic cost would not hide.
//
// The count is the process's: a goroutine of the runtime or of an earlier test allocating
// at the same moment adds to it (seen once, on a loaded machine). f is pure, so it runs
// three times and the least is its own.
func allocatedAbout(f func()) uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	least := uint64(math.MaxUint64)
	for range 3 {
		metrics.Read(s)
		before := s[0].Value.Uint64()
		f()
		metrics.Read(s)
		least = min(least, s[0].Value.Uint64()-before)
	}
	return least
}

// FuzzParse: Parse never panics, refuses only with a *CalendarError that names its line
// (never "line 0"), keeps within what it promises, and works in proportion to the size it is
// given: the bytes it allocates stand for its time, as they do not depend on the machine.
// What it reads proposes a role that names no one.
func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			inv *Invitation
			err error
		)
		work := allocatedAbout(func() { inv, err = Parse(data) })
		if limit := uint64(len(data))*(MaxParams+MaxValues+16) + 4*MaxLine; work > limit && !raceEnabled {
			t.Fatalf("%d bytes allocated for %d, more than %d", work, len(data), limit)
		}
		if err != nil {
			var ce *CalendarError
			if !errors.As(err, &ce) || strings.Contains(err.Error(), "line 0") || strings.ContainsAny(err.Error(), "\x1b\x07\u009b") {
				t.Fatalf("%T %q", err, err)
			}
			return
		}
		if len(inv.Attendees) > maxAttendees || len(inv.Summary) > maxText || len(inv.Description) > maxText || len(inv.UID) > 255 ||
			inv.End.Sub(inv.Start) <= 0 {
			t.Fatalf("%+v", inv)
		}
		owner := Person{Name: "Alice Example", Email: "alice.example@owner.test"}
		p := inv.Propose(owner, inv.Organizer, Person{}, func(string) bool { return false })
		names := namesOf(owner, append([]Person{inv.Organizer}, inv.Attendees...)...)
		if names.mentioned(p.Role) || (p.Interview == (p.Refusal() != nil)) {
			t.Fatalf("role %q of %q names a person, or refusal %v of an interview %v", p.Role, inv.Summary, p.Refusal(), p.Interview)
		}
	})
}
