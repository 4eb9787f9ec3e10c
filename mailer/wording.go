package mailer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The owner types phrases or sentences, with or without a full stop, with or without an
// article; the templates put them into sentences of their own. These turn what was typed
// into what a sentence needs, so that "five years of Go.", "I have five years of Go
// experience" and "an Engineer" all read well.

// trimPhrase removes the spaces and the end punctuation a phrase must not bring into a
// sentence, and joins its lines.
func trimPhrase(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRight(s, " .,;:!")
}

// roleName is a role as the templates name it ("the {{.Role}} role"): without an article or
// a trailing "role" of its own.
func roleName(s string) string {
	s = trimPhrase(s)
	for _, a := range []string{"a ", "an ", "the "} {
		if len(s) > len(a) && strings.EqualFold(s[:len(a)], a) {
			s = s[len(a):]
			break
		}
	}
	if len(s) > 5 && strings.EqualFold(s[len(s)-5:], " role") {
		s = s[:len(s)-5]
	}
	return s
}

// sentenceStarts are first words that make what the owner wrote a sentence of its own, not
// a phrase to put inside one.
var sentenceStarts = map[string]bool{"i": true, "i'm": true, "i’m": true, "i've": true, "i’ve": true, "i'd": true,
	"we": true, "we've": true, "having": true, "as": true, "since": true, "in": true, "during": true, "after": true,
	"over": true, "while": true, "when": true, "with": true, "at": true, "for": true, "my": false}

// isSentence reports whether s reads as a sentence of its own ("I have five years of Go")
// rather than a phrase ("five years of Go").
func isSentence(s string) bool {
	first, _, _ := strings.Cut(strings.ToLower(s), " ")
	return sentenceStarts[strings.Trim(first, ",")]
}

// sentence makes s a sentence: a capital first letter and a full stop (or the mark it ends
// with).
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

// pointLead are the words owners start a key point with that the template already says.
var pointLead = []string{"we discussed ", "we talked about ", "we spoke about ", "we covered ", "discussed ", "talked about ",
	"talking about ", "discussing ", "about "}

// lowerable are first words that start a phrase with a capital only because the owner
// wrote it as a sentence: inside a sentence they are lower case.
var lowerable = map[string]bool{"the": true, "a": true, "an": true, "our": true, "your": true, "their": true, "its": true,
	"how": true, "why": true, "what": true, "which": true, "when": true, "this": true, "that": true, "my": true}

// keyPoint is one key point as a phrase after "our conversation about".
func keyPoint(s string) string {
	s = trimPhrase(s)
	for _, lead := range pointLead {
		if len(s) > len(lead) && strings.EqualFold(s[:len(lead)], lead) {
			s = s[len(lead):]
			break
		}
	}
	first, _, _ := strings.Cut(s, " ")
	if lowerable[strings.ToLower(first)] {
		r, n := utf8.DecodeRuneInString(s)
		s = string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

// normalized is d with what the owner typed made ready for the templates: the role without
// an article, key points as phrases, fit as a phrase or a sentence, no stray end
// punctuation, and Last set by the caller.
func (d Data) normalized() Data {
	d.Role = roleName(d.Role)
	var points []string
	for _, p := range d.KeyPoints {
		if p = keyPoint(p); p != "" {
			points = append(points, p)
		}
	}
	d.KeyPoints = points
	d.Fit = trimPhrase(d.Fit)
	if d.Fit != "" {
		if isSentence(d.Fit) {
			d.FitSentence = sentence(d.Fit)
		} else {
			d.FitPhrase = d.Fit
		}
	}
	d.Accomplishment = trimPhrase(d.Accomplishment)
	return d
}
