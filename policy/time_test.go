package policy

import (
	"errors"
	"fmt"
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

// TestSpread: a send time moves by minutes and seconds, the same for the same draft,
// differently for another, and never out of the window or past a thank-you's deadline.
func TestSpread(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	w := Weekdays9to5(loc)
	nine := time.Date(2026, 12, 7, 9, 0, 0, 0, loc)
	seen := map[time.Time]bool{}
	for i := 0; i < 6; i++ {
		key := fmt.Sprintf("1/thank_you/%d/0", i)
		got := Spread(w, nine, key, time.Time{}, time.Time{})
		if got != Spread(w, nine, key, time.Time{}, time.Time{}) {
			t.Fatalf("Spread is not deterministic for %s", key)
		}
		if !w.Contains(got) || got.Equal(nine) || got.Second() == 0 && got.Minute() == 0 {
			t.Errorf("%s: %s, want a time inside the window off the minute", key, got)
		}
		seen[got] = true
	}
	if len(seen) < 5 {
		t.Errorf("six drafts spread over %d times", len(seen))
	}
	// At the window's end: earlier, not the next morning.
	end := time.Date(2026, 12, 7, 16, 59, 0, 0, loc)
	if got := Spread(w, end, "x", time.Time{}, time.Time{}); !w.Contains(got) || got.Day() != 7 {
		t.Errorf("at 16:59: %s", got)
	}
	// A deadline one minute away and the interview's end just before: nothing fits, t is kept.
	if got := Spread(w, nine.Add(time.Hour), "x", nine.Add(time.Hour), nine.Add(time.Hour+time.Minute)); got.Before(nine.Add(time.Hour)) || got.After(nine.Add(time.Hour+time.Minute)) {
		t.Errorf("bounded: %s", got)
	}
}
