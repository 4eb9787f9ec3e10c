package holidays

import (
	"strings"
	"sync"
	"time"

	"github.com/followupd/followup/policy"
)

// zoneCodes are the time zones of the countries (and Australian states) followup has
// calendars for, from the IANA tz database's zone1970.tab and its aliases. A person's zone
// says which public holidays they keep: a Tokyo interviewer keeps Shōwa Day, not German
// Unity Day, whatever the owner's country.
var zoneCodes = map[string]string{
	"Europe/Berlin": "de", "Europe/Busingen": "de", "Europe/Vienna": "at", "Europe/Brussels": "be",
	"Europe/Zurich": "ch", "Europe/Copenhagen": "dk", "Europe/Madrid": "es", "Atlantic/Canary": "es", "Africa/Ceuta": "es",
	"Europe/Paris": "fr", "Europe/London": "gb", "Europe/Belfast": "gb", "GB": "gb", "Europe/Dublin": "ie", "Eire": "ie",
	"Europe/Rome": "it", "Asia/Tokyo": "jp", "Japan": "jp", "Europe/Amsterdam": "nl", "Europe/Oslo": "no",
	"Pacific/Auckland": "nz", "NZ": "nz", "Pacific/Chatham": "nz", "Europe/Warsaw": "pl", "Poland": "pl",
	"Europe/Stockholm": "se",
	"America/Toronto":  "ca", "America/Montreal": "ca", "America/Vancouver": "ca", "America/Edmonton": "ca",
	"America/Winnipeg": "ca", "America/Halifax": "ca", "America/St_Johns": "ca", "America/Regina": "ca",
	"America/Moncton": "ca", "America/Whitehorse": "ca", "America/Iqaluit": "ca", "America/Yellowknife": "ca",
	"Canada/Eastern": "ca", "Canada/Pacific": "ca", "Canada/Central": "ca", "Canada/Mountain": "ca", "Canada/Atlantic": "ca",
	"America/New_York": "us", "America/Chicago": "us", "America/Denver": "us", "America/Los_Angeles": "us",
	"America/Phoenix": "us", "America/Anchorage": "us", "America/Juneau": "us", "America/Detroit": "us",
	"America/Boise": "us", "America/Menominee": "us", "America/Sitka": "us", "America/Nome": "us", "America/Adak": "us",
	"Pacific/Honolulu": "us", "US/Eastern": "us", "US/Central": "us", "US/Mountain": "us", "US/Pacific": "us",
	"US/Arizona": "us", "US/Alaska": "us", "US/Hawaii": "us", "US/Michigan": "us", "EST5EDT": "us", "CST6CDT": "us",
	"MST7MDT": "us", "PST8PDT": "us",
	"Australia/Sydney": "au/nsw", "Australia/NSW": "au/nsw", "Australia/Broken_Hill": "au/nsw",
	"Australia/Canberra": "au/act", "Australia/ACT": "au/act", "Australia/Melbourne": "au/vic", "Australia/Victoria": "au/vic",
	"Australia/Brisbane": "au/qld", "Australia/Queensland": "au/qld", "Australia/Lindeman": "au/qld",
	"Australia/Adelaide": "au/sa", "Australia/South": "au/sa", "Australia/Perth": "au/wa", "Australia/West": "au/wa",
	"Australia/Hobart": "au/tas", "Australia/Tasmania": "au/tas", "Australia/Darwin": "au/nt", "Australia/North": "au/nt",
}

// ZoneCode is the calendar code ("de", "au/nsw") of the country whose time zone is loc, or ""
// when followup has no calendar for it.
func ZoneCode(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	name := loc.String()
	if c, ok := zoneCodes[name]; ok {
		return c
	}
	for _, prefix := range []string{"America/Indiana/", "America/Kentucky/", "America/North_Dakota/"} {
		if strings.HasPrefix(name, prefix) {
			return "us"
		}
	}
	return ""
}

// ByZone gives each recipient the public holidays of their own zone's country, with the
// owner's extra dates (days the owner sends nothing) added to every calendar.
type ByZone struct {
	extra []string
	owner *Calendar // the owner's calendar, with its region, for recipients in the owner's country
	cache sync.Map  // code → *Calendar
}

// NewByZone returns the calendars by zone, each with the extra dates. A recipient in the
// owner's country keeps owner's calendar (nil: none), whose region the zone cannot tell.
func NewByZone(extra []string, owner *Calendar) (*ByZone, error) {
	if _, err := New("", "", extra); err != nil {
		return nil, err
	}
	return &ByZone{extra: extra, owner: owner}, nil
}

// ForZone is the calendar of loc's country, or nil when followup has none for it.
func (b *ByZone) ForZone(loc *time.Location) policy.Holidays {
	code := ZoneCode(loc)
	if code == "" {
		return nil
	}
	if b.owner != nil && b.owner.country != "" {
		if country, _, _ := strings.Cut(code, "/"); country == b.owner.country {
			return b.owner
		}
	}
	if c, ok := b.cache.Load(code); ok {
		return c.(*Calendar)
	}
	country, region, _ := strings.Cut(code, "/")
	c, err := New(country, region, b.extra)
	if err != nil {
		return nil // every code of zoneCodes is known: TestZoneCodes
	}
	b.cache.Store(code, c)
	return c
}

func (b *ByZone) String() string {
	return "by the recipient's zone, +" + strings.Join(b.extra, ",")
}
