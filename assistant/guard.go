package assistant

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
)

// Guard refuses text that must never reach a contact (defence in depth: the answer parser
// should never let it through, and this is checked again before SMTP): an approval token,
// a line of an approval request, or a quoted ("> ") line — signs that a mail client's
// quotation of followup's own mail was taken for the owner's text.
func Guard(text string) error {
	if tokenTag.MatchString(text) {
		return fmt.Errorf("it contains an approval token (%s)", clean(tokenTag.FindString(text), 60))
	}
	for _, m := range tokenLike.FindAllString(strings.ToLower(text), 100) {
		if strings.ContainsAny(m, "234567") {
			return fmt.Errorf("it contains an approval token (%s)", m)
		}
	}
	lines := approvalLines()
	for _, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, ">") {
			return fmt.Errorf("it contains a quoted line (%q)", clean(t, 60))
		}
		c := collapse(t)
		for _, a := range lines {
			if strings.HasPrefix(c, a) {
				return fmt.Errorf("it contains a line of followup's approval request (%q)", clean(t, 60))
			}
		}
	}
	return nil
}

// tokenTag is an approval token in its subject tag; tokenLike one alone (taken for a token
// when it has a digit: the tokens are base32, and no word of 26 letters has digits).
var (
	tokenTag  = regexp.MustCompile(`(?i)followup [a-z2-7]{26}\b`)
	tokenLike = regexp.MustCompile(`\b[a-z2-7]{26}\b`)
)

// approvalLines are the fixed beginnings of the approval request's lines (its template's
// text before any value; spaces collapsed and lower-cased, as a client may have rendered
// them): its field labels ("why: ", "goes out: ") and its sentences. A thank-you never
// begins a line with them.
var approvalLines = sync.OnceValue(func() []string {
	src, err := fs.ReadFile(textFS, "texts/approval.tmpl")
	if err != nil {
		panic(err)
	}
	var out []string
	for _, l := range strings.Split(string(src), "\n")[1:] { // the subject is not in the body
		if i := strings.Index(l, "{{"); i >= 0 {
			l = l[:i]
		}
		l = collapse(strings.TrimLeft(l, " "))
		if len(l) >= 10 || (len(l) >= 4 && strings.HasSuffix(l, ": ")) {
			out = append(out, l)
		}
	}
	return out
})

// collapse lower-cases s and makes every run of spaces one.
func collapse(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " ")) + map[bool]string{true: " "}[strings.HasSuffix(s, " ")]
}
