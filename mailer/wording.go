package mailer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// trimPhrase removes the spaces and the end punctuation a phrase must not bring into a
// sentence, and joins its lines.
func trimPhrase(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRight(s, " .,;:!")
}

// sentence makes s a sentence: a capital first letter and a full stop (or the mark it ends
// with). Templates of the owner's own use it.
func sentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s = strings.TrimRight(s, ",;:") + "."
	}
	return s
}

// normalized is d with what the owner typed made ready for the letters: the role without an
// article or gender note, the notes in the forms they read in (ReadNotes), the letter
// composed; the fields templates of the owner's own use are filled from the same notes, so
// that they read as well.
func (d Data) normalized() Data {
	d.Role = roleName(d.Role)
	d.seedCompany = d.Company // the choices stay the owner's company's, whatever its name becomes
	d.Company = companyName(d.Company)
	if d.Notes.empty() {
		d.Notes = ReadNotes(strings.Join(d.KeyPoints, "\n"), d.Fit, d.Accomplishment, d.Company)
	}
	d.Notes = d.Notes.Besides(d.Role)
	d.KeyPoints = d.Notes.Points
	if f := d.Notes.Fit; f != "" {
		d.FitSentence = "I " + f + "."
		if p, ok := strings.CutPrefix(f, "bring "); ok {
			d.FitPhrase = p
		}
	}
	d.Fit = d.Notes.Fit
	d.Accomplishment = d.Notes.Accomplishment
	if d.Accomplishment == "" && d.Notes.AccomplishmentNoun != "" {
		d.Accomplishment = "I am proud of this recent result: " + d.Notes.AccomplishmentNoun
	}
	return d
}

func (n Notes) empty() bool {
	return len(n.Points) == 0 && len(n.Remarks) == 0 && n.Fit == "" && n.Accomplishment == "" && n.AccomplishmentNoun == "" && len(n.LeftOut) == 0
}
