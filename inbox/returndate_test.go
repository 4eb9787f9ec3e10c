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
