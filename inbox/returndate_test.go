package inbox

import (
	"strings"
	"testing"
	"time"
)

// TestReturnDate: numeric dates are read by the writer's convention when the message tells
// it, else as the nearer reading still to come; the case ("until 12/04" from a US
// sender, read as 12 April: check-ins held four and a half months) is 4 December.
func TestReturnDate(t *testing.T) {
	for _, c := range []struct {
		name, header, body, want string
	}{
		{"US sender (English, UTC-5)", "Date: Mon, 23 Nov 2026 09:00:00 -0500\r\n", "I am out of the office until 12/04 with limited access to email.", "2026-12-04"},
		{"unknown convention: the nearer reading", "", "Out of office until 12/04.", "2026-12-04"},
		{"German by Content-Language: day first", "Content-Language: de-DE\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\n", "Ich bin bis 12/04 nicht im Büro.", "2027-04-12"},
		{"written in Europe: day first", "Date: Mon, 23 Nov 2026 09:00:00 +0100\r\n", "I am away until 03/12.", "2026-12-03"},
		{"British by Content-Language", "Content-Language: en-GB\r\n", "Back on 07/12.", "2026-12-07"},
		{"Spanish in Mexico City (UTC-6) is not taken for the US", "Date: Mon, 23 Nov 2026 09:00:00 -0600\r\n", "Estoy fuera de la oficina; de vuelta el 03/12. Back 03/12.", "2026-12-03"},
		{"ISO", "", "Returning 2026-12-07.", "2026-12-07"},
		{"dotted", "", "Abwesend bis 03.12.", "2026-12-03"},
		{"words", "", "I will be back on December 3rd.", "2026-12-03"},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := "From: a@b.test\r\nSubject: Out of office\r\n" + c.header + "\r\n" + c.body
			m, err := Parse([]byte(raw))
			if err != nil {
				t.Fatal(err)
			}
			sent := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
			text := strings.TrimSpace(m.Text(1 << 16))
			got := ReturnDate(text, sent, MonthFirst(m, text))
			if got.Format("2006-01-02") != c.want {
				t.Errorf("%q: %s, want %s", c.body, got.Format("2006-01-02"), c.want)
			}
		})
	}
}

// TestReturnDate_Ranges: a stretch of absence is read to its end, day-first forms in the
// writers' languages are read, and the year is the message's own: an old message's date is
// never moved into a later year, and with no Date a date without a year is not read.
func TestReturnDate_Ranges(t *testing.T) {
	july := time.Date(2018, 7, 20, 9, 0, 0, 0, time.UTC) // the message's own Date, in 2018
	for _, c := range []struct {
		name, body string
		sent       time.Time
		want       string
	}{
		{"month and a day range", "I am out of the office July 10-31 with limited access to email.", july, "2018-07-31"},
		{"Polish dotted range with the year", "Dzień dobry, w dniach 30.07-17.08.2018 przebywam na urlopie.", july, "2018-08-17"},
		{"day range then the month", "I'm on leave 16-27 August.", july, "2018-08-27"},
		{"French words", "Je suis absente du 23 juillet au 6 août.", july, "2018-08-06"},
		{"German words", "Ich bin vom 23. Juli bis 6. August nicht im Büro.", july, "2018-08-06"},
		{"Spanish day first", "Estoy de vacaciones hasta el 6 de agosto.", july, "2018-08-06"},
		{"Italian", "Sono in ferie, rientro il 6 agosto.", july, "2018-08-06"},
		{"two ISO dates in any language", "Jeg er utilgjengelig fra 2018-07-27 til 2018-08-14.", july, "2018-08-14"},
		{"an old message keeps its year", "I will be back on July 25.", july, "2018-07-25"},
		{"no Date: a date without a year is not read", "Back on July 25.", time.Time{}, "0001-01-01"},
		{"no Date: a written year is read", "Back on 25 July 2018.", time.Time{}, "2018-07-25"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ReturnDate(c.body, c.sent, nil); got.Format("2006-01-02") != c.want {
				t.Errorf("%q: %s, want %s", c.body, got.Format("2006-01-02"), c.want)
			}
		})
	}
}

// FuzzReturnDate: any text gives a date within a year after the message, or none.
func FuzzReturnDate(f *testing.F) {
	f.Add("I am out of the office July 10-31.")
	f.Add("w dniach 30.07-17.08.2018")
	f.Add("du 23 juillet au 6 août")
	f.Fuzz(func(t *testing.T, text string) {
		sent := time.Date(2018, 7, 20, 9, 0, 0, 0, time.UTC)
		got := ReturnDate(text, sent, nil)
		if !got.IsZero() && (got.Before(sent.AddDate(0, 0, -1)) || got.After(sent.AddDate(1, 0, 0))) {
			t.Fatalf("%q: %s is outside the year after %s", text, got, sent)
		}
	})
}
