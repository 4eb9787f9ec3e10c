package holidays

import (
	"testing"
	"time"
)

func TestCalendar(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.ParseInLocation("2006-01-02", s, time.FixedZone("x", 9*3600))
		return d
	}
	by, err := New("DE", "BY", []string{"2026-12-24"})
	if err != nil {
		t.Fatal(err)
	}
	national, err := New("de", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		cal  *Calendar
		date string
		want bool
	}{
		{by, "2026-12-25", true}, // Christmas
		{by, "2026-06-04", true}, // Corpus Christi, in Bavaria
		{national, "2026-06-04", false},
		{by, "2026-12-24", true}, // an extra date
		{by, "2026-12-23", false},
		{national, "2027-01-01", true},
	} {
		if got := c.cal.IsHoliday(day(c.date)); got != c.want {
			t.Errorf("%s %s: %v, want %v", c.cal, c.date, got, c.want)
		}
	}
	for _, bad := range [][3]string{{"xx", "", ""}, {"de", "zz", ""}, {"au", "", ""}, {"", "", "24.12.2026"}} {
		var extra []string
		if bad[2] != "" {
			extra = []string{bad[2]}
		}
		if _, err := New(bad[0], bad[1], extra); err == nil {
			t.Errorf("New(%q, %q, %v) accepted", bad[0], bad[1], extra)
		}
	}
	if by.String() != "de-by+2026-12-24" {
		t.Errorf("String() = %q", by.String())
	}
}
