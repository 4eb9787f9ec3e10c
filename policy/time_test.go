package policy

import (
	"errors"
	"testing"
	"time"
)

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in   string
		want Span
	}{
		{"36h", Span{Duration: 36 * time.Hour}},
		{"7d", Days(7)},
		{"2w", Days(14)},
		{"1d12h", Span{Duration: 36 * time.Hour}},
		{"90m", Span{Duration: 90 * time.Minute}},
		{"3 business days", BusinessDays(3)},
		{"1 Business Day", BusinessDays(1)},
	}
	for _, tc := range tests {
		got, err := ParseSpan(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSpan(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if back, err := ParseSpan(got.String()); err != nil || back != got {
			t.Errorf("ParseSpan(%q.String() = %q) = %v, %v", tc.in, got.String(), back, err)
		}
	}
	for _, bad := range []string{"", "soon", "-3d", "3 business", "x business days", "7 days ago", "5y"} {
		if _, err := ParseSpan(bad); !errors.Is(err, ErrSpan) {
			t.Errorf("ParseSpan(%q): err = %v, want ErrSpan", bad, err)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	tests := []struct {
		from, want string
		n          int
	}{
		{"2026-11-20 10:00", "2026-11-25 10:00", 3}, // Friday + 3 = Wednesday
		{"2026-11-17 10:00", "2026-11-18 10:00", 1},
		{"2026-11-21 10:00", "2026-11-23 10:00", 1}, // Saturday + 1 = Monday
		{"2026-11-17 10:00", "2026-11-17 10:00", 0},
	}
	for _, tc := range tests {
		if got := AddBusinessDays(at(tc.from), tc.n); !got.Equal(at(tc.want)) {
			t.Errorf("AddBusinessDays(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestWindow_Next(t *testing.T) {
	w := Weekdays9to5(berlin)
	tests := []struct{ in, want string }{
		{"2026-11-17 08:00", "2026-11-17 09:00"},
		{"2026-11-17 09:00", "2026-11-17 09:00"},
		{"2026-11-17 16:59", "2026-11-17 16:59"},
		{"2026-11-17 17:00", "2026-11-18 09:00"}, // the end is exclusive
		{"2026-11-20 18:00", "2026-11-23 09:00"}, // Friday evening → Monday
		{"2026-11-22 12:00", "2026-11-23 09:00"}, // Sunday
		{"2026-03-28 10:00", "2026-03-30 09:00"}, // Saturday before the spring DST change
	}
	for _, tc := range tests {
		got := w.Next(at(tc.in))
		if !got.Equal(at(tc.want)) {
			t.Errorf("Next(%s) = %s, want %s", tc.in, got.In(berlin), tc.want)
		}
		if !w.Contains(got) {
			t.Errorf("Next(%s) = %s is not inside the window", tc.in, got)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"2026-11-17 18:00", "2026-11-17 16:59"},
		{"2026-11-17 10:00", "2026-11-17 10:00"},
		{"2026-11-23 08:00", "2026-11-20 16:59"}, // Monday morning → Friday afternoon
	} {
		got, ok := w.Prev(at(tc.in))
		if !ok || !got.Equal(at(tc.want)) || !w.Contains(got) {
			t.Errorf("Prev(%s) = %s, %v; want %s", tc.in, got.In(berlin), ok, tc.want)
		}
	}
	var none Window
	if got := none.Next(at("2026-11-22 03:00")); !got.Equal(at("2026-11-22 03:00")) {
		t.Errorf("an empty window moved the time to %s", got)
	}
}
