package holidays_test

import (
	"testing"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/holidays"
	"github.com/followupd/followup/policy"
)

func loc(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestZoneCode: a zone names its country's calendar; every code it gives is one New knows.
func TestZoneCode(t *testing.T) {
	for zone, want := range map[string]string{"Asia/Tokyo": "jp", "America/Los_Angeles": "us", "Europe/Berlin": "de",
		"Australia/Sydney": "au/nsw", "America/Indiana/Indianapolis": "us", "Asia/Kolkata": "", "UTC": ""} {
		if got := holidays.ZoneCode(loc(t, zone)); got != want {
			t.Errorf("ZoneCode(%s) = %q, want %q", zone, got, want)
		}
	}
	b, err := holidays.NewByZone(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, zone := range []string{"Europe/Vienna", "Europe/Brussels", "America/Toronto", "Europe/Zurich", "Europe/Copenhagen",
		"Europe/Madrid", "Europe/Paris", "Europe/London", "Europe/Dublin", "Europe/Rome", "Europe/Amsterdam", "Europe/Oslo",
		"Pacific/Auckland", "Europe/Warsaw", "Europe/Stockholm", "Australia/Perth", "Australia/Hobart", "Australia/Darwin",
		"Australia/Adelaide", "Australia/Brisbane", "Australia/Melbourne", "Australia/Canberra"} {
		if b.ForZone(loc(t, zone)) == nil {
			t.Errorf("no calendar for %s", zone)
		}
	}
}

// TestDefaultConfig_RecipientsHolidays: in the shipped configuration (no holidays set), no
// thank-you and no check-in lands on a public holiday of its recipient's country — the
// owner's in Berlin, an interviewer in Tokyo, one in Los Angeles — over every weekday
// interview of a year, at every hour of the working day.
func TestDefaultConfig_RecipientsHolidays(t *testing.T) {
	cfg, err := config.Parse("t.yaml", []byte(`owner: {name: Alice Example, email: alice@owner.test, timezone: Europe/Berlin}
imap: {host: 127.0.0.1, security: none, username: a, password: x}
smtp: {host: 127.0.0.1, security: none, username: a, password: x}
`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Rules.Window.Holidays == nil || cfg.Rules.ZoneHolidays == nil {
		t.Fatalf("holidays are off in the default configuration: %v", cfg.Rules.Window)
	}
	tokyo, la := loc(t, "Asia/Tokyo"), loc(t, "America/Los_Angeles")
	calendars := map[int64]policy.Holidays{}
	for id, code := range map[int64]string{1: "de", 2: "jp", 3: "us", 4: "de"} {
		c, err := holidays.Parse(code)
		if err != nil {
			t.Fatal(err)
		}
		calendars[id] = c
	}
	zones := map[int64]*time.Location{1: cfg.Owner.Location, 2: tokyo, 3: la, 4: cfg.Owner.Location}
	pol := policy.New(cfg.Rules)
	hits := map[string]bool{}
	for day := time.Date(2026, 11, 2, 0, 0, 0, 0, cfg.Owner.Location); day.Year() < 2028; day = day.AddDate(0, 0, 1) {
		if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			continue
		}
		for _, hour := range []int{9, 11, 14, 16} {
			start := time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, cfg.Owner.Location)
			app := policy.Application{ID: 1, Status: policy.Active, InterviewStart: start, InterviewLength: time.Hour,
				Contacts: []policy.Contact{
					{ID: 1, Email: "jane@acme.test", Role: policy.Interviewer},
					{ID: 2, Email: "sato@acme.test", Role: policy.Interviewer, Loc: tokyo},
					{ID: 3, Email: "art@acme.test", Role: policy.Interviewer, Loc: la},
					{ID: 4, Email: "sam@acme.test", Role: policy.Coordinator},
				}}
			if hour == 11 {
				app.DecisionBy = start.AddDate(0, 0, 10)
			}
			for _, a := range pol.Compute(app, policy.History{}).Actions {
				if !a.Kind.IsEmail() {
					continue
				}
				at := a.Due.In(zones[a.ContactID])
				if calendars[a.ContactID].IsHoliday(at) {
					hits[a.Rule] = true
					t.Errorf("%s to contact %d on %s, a public holiday there (interview %s)", a.Kind, a.ContactID, at.Format("Mon 2006-01-02 15:04 MST"), start.Format("2006-01-02 15:04"))
				}
			}
		}
	}
	if len(hits) > 0 {
		t.Logf("rules of the actions on holidays: %v", hits)
	}
}

// TestDefaultConfig_HolidaysOff: country none turns them off.
func TestDefaultConfig_HolidaysOff(t *testing.T) {
	cfg, err := config.Parse("t.yaml", []byte(`owner: {name: Alice Example, email: alice@owner.test, timezone: Europe/Berlin}
imap: {host: 127.0.0.1, security: none, username: a, password: x}
smtp: {host: 127.0.0.1, security: none, username: a, password: x}
policy: {holidays: {country: none}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Rules.Window.Holidays != nil || cfg.Rules.ZoneHolidays != nil {
		t.Errorf("country none left holidays on: %v %v", cfg.Rules.Window.Holidays, cfg.Rules.ZoneHolidays)
	}
}

// TestByZone_OwnersRegion: a recipient in the owner's country keeps the owner's regional
// calendar (Bavaria's Epiphany), which their zone alone cannot tell.
func TestByZone_OwnersRegion(t *testing.T) {
	by, err := holidays.New("de", "by", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := holidays.NewByZone(nil, by)
	if err != nil {
		t.Fatal(err)
	}
	berlin := loc(t, "Europe/Berlin")
	epiphany := time.Date(2027, 1, 6, 10, 0, 0, 0, berlin)
	if h := b.ForZone(berlin); h == nil || !h.IsHoliday(epiphany) {
		t.Errorf("a recipient in Germany lost the owner's Bavarian calendar: %v", h)
	}
	if h := b.ForZone(loc(t, "Asia/Tokyo")); h == nil || h.IsHoliday(epiphany.In(loc(t, "Asia/Tokyo"))) {
		t.Errorf("a recipient in Tokyo got Bavarian holidays: %v", h)
	}
}
