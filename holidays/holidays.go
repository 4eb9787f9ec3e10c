// Package holidays gives the policy the public holidays of a country (and region), from
// rickar/cal, plus dates the owner names: no business day is counted, no check-in planned
// and nothing sent on them.
package holidays

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"
)

// countries are the calendars followup knows: the national list under "", and regions by
// their code.
var countries = map[string]map[string][]*cal.Holiday{
	"at": {"": at.Holidays}, "be": {"": be.Holidays}, "ca": {"": ca.Holidays}, "dk": {"": dk.Holidays},
	"es": {"": es.Holidays}, "fr": {"": fr.Holidays}, "gb": {"": gb.Holidays}, "ie": {"": ie.Holidays},
	"it": {"": it.Holidays}, "jp": {"": jp.Holidays}, "nl": {"": nl.Holidays}, "no": {"": no.Holidays},
	"nz": {"": nz.Holidays}, "pl": {"": pl.Holidays}, "se": {"": se.Holidays}, "us": {"": us.Holidays},
	"de": {"": de.Holidays, "bw": de.HolidaysBW, "by": de.HolidaysBY, "be": de.HolidaysBE, "bb": de.HolidaysBB,
		"hb": de.HolidaysHB, "hh": de.HolidaysHH, "he": de.HolidaysHE, "mv": de.HolidaysMV, "ni": de.HolidaysNI,
		"nw": de.HolidaysNW, "rp": de.HolidaysRP, "sl": de.HolidaysSL, "sn": de.HolidaysSN, "st": de.HolidaysST,
		"sh": de.HolidaysSH, "th": de.HolidaysTH},
	"ch": {"": ch.Holidays, "zh": ch.HolidaysZH, "be": ch.HolidaysBE, "lu": ch.HolidaysLU, "bs": ch.HolidaysBS,
		"bl": ch.HolidaysBL, "sg": ch.HolidaysSG, "ag": ch.HolidaysAG, "vd": ch.HolidaysVD, "ti": ch.HolidaysTI,
		"vs": ch.HolidaysVS, "ge": ch.HolidaysGE},
	"au": {"act": au.HolidaysACT, "nsw": au.HolidaysNSW, "nt": au.HolidaysNT, "qld": au.HolidaysQLD,
		"sa": au.HolidaysSA, "tas": au.HolidaysTAS, "vic": au.HolidaysVIC, "wa": au.HolidaysWA},
}

// Calendar is a country's (and region's) public holidays and the owner's extra dates. Its
// String names them, so that a change of holidays plans every application afresh.
type Calendar struct {
	name    string
	country string // "" for extra dates alone
	cal     *cal.Calendar
	extra   map[string]bool // YYYY-MM-DD
}

// New builds the calendar of country (an ISO 3166 code: de, us, gb, …) and region (de: by,
// nw, …; ch: zh, ge, …; au: nsw, vic, …), or of the extra dates alone when country is "".
func New(country, region string, extra []string) (*Calendar, error) {
	country, region = strings.ToLower(strings.TrimSpace(country)), strings.ToLower(strings.TrimSpace(region))
	c := &Calendar{cal: &cal.Calendar{}, extra: map[string]bool{}, country: country}
	if country != "" {
		regions, ok := countries[country]
		if !ok {
			return nil, fmt.Errorf("no holidays known for country %q (known: %s)", country, strings.Join(Countries(), ", "))
		}
		list, ok := regions[region]
		if !ok {
			var known []string
			for r := range regions {
				if r != "" {
					known = append(known, r)
				}
			}
			sort.Strings(known)
			if region == "" {
				return nil, fmt.Errorf("country %q needs a region (one of %s)", country, strings.Join(known, ", "))
			}
			return nil, fmt.Errorf("no region %q in %q (known: %s)", region, country, strings.Join(known, ", "))
		}
		c.cal.AddHoliday(list...)
	}
	for _, d := range extra {
		t, err := time.Parse("2006-01-02", strings.TrimSpace(d))
		if err != nil {
			return nil, fmt.Errorf("extra holiday %q is not a date like 2026-12-24", d)
		}
		c.extra[t.Format("2006-01-02")] = true
	}
	sorted := append([]string(nil), extra...)
	sort.Strings(sorted)
	c.name = strings.Trim(country+"-"+region, "-") + "+" + strings.Join(sorted, ",")
	return c, nil
}

// Countries lists the country codes New knows.
func Countries() []string {
	var out []string
	for c := range countries {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// IsHoliday reports whether t's date, in t's own zone, is a public holiday (or the day it is
// observed on) or one of the extra dates.
func (c *Calendar) IsHoliday(t time.Time) bool {
	if c == nil {
		return false
	}
	if c.extra[t.Format("2006-01-02")] {
		return true
	}
	actual, observed, _ := c.cal.IsHoliday(t)
	return actual || observed
}

func (c *Calendar) String() string {
	if c == nil {
		return "none"
	}
	return c.name
}

// Code is a country and region as the command line and the store write them: "us",
// "de/by".
func Code(country, region string) string {
	if region == "" {
		return strings.ToLower(country)
	}
	return strings.ToLower(country + "/" + region)
}

var byCode sync.Map // code → *Calendar

// Parse builds the calendar of a code ("us", "de/by"), cached: the planner asks for the same
// few calendars for every application.
func Parse(code string) (*Calendar, error) {
	if c, ok := byCode.Load(code); ok {
		return c.(*Calendar), nil
	}
	country, region, _ := strings.Cut(code, "/")
	c, err := New(country, region, nil)
	if err != nil {
		return nil, err
	}
	byCode.Store(code, c)
	return c, nil
}
