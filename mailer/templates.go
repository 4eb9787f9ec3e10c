package mailer

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"github.com/followupd/followup/internal/textsafe"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/followupd/followup/policy"
)

//go:embed templates/*.tmpl
var builtin embed.FS

// Data is what a follow-up template sees. The built-in templates use the letter Render
// composes (Subject, Body, SignOff); the other fields are there for templates of the
// owner's own.
type Data struct {
	Owner         Person
	Contact       Person
	Company       string
	Role          string
	InterviewWhen string // "on Tuesday, November 17"
	// KeyPoints, Fit and Accomplishment are the owner's notes; Render puts them in the forms
	// they read in (Notes), unless Notes is set already.
	KeyPoints      []string
	Fit            string
	Accomplishment string
	Notes          Notes
	Seq            int // the check-in's number
	// Greeting is the salutation line: "Dear Jane,", or "Hello," when the contact has no
	// usable name (Greeting).
	Greeting string
	// Last is set on the last check-in: it says so and leaves the door open.
	Last bool
	// Start and End are the interview's, and SendAt when the letter goes, on the
	// recipient's clock: the letter says "today", "yesterday" or "on Tuesday" from them,
	// and a thank-you sent more than a day after the interview says it is late. Without
	// them, the letter names the day (InterviewWhen).
	Start, End, SendAt time.Time
	// DecisionBy is the day the employer said they would decide by, zero when they did not
	// say: the first check-in refers to it as a person would ("you hoped to decide by the end
	// of last week"), and never to a day no one gave.
	DecisionBy time.Time
	// Medium is how the interview was held (MediumCall, MediumVideo, MediumOnSite), or ""
	// when the owner did not say: the letter then says nothing of it.
	Medium string
	// Thanked is set when a thank-you to this person went out: only then does a check-in
	// thank them "again".
	Thanked bool
	// ThankYou is the body of the thank-you that went to them, when the caller has it: a
	// check-in does not give the result it told them as news again.
	ThankYou string

	// seedCompany is the company as the owner typed it, which seeds the letters' choices.
	seedCompany string
	// Index is the person's place among the interview's contacts: each of a panel gets
	// different phrasings.
	Index int
	// Heard are the bodies of the owner's letters written before this one (the latest few
	// dozen, to anyone): of the phrasings that fit, the one they say least is chosen, so
	// that no two of the owner's letters share a stock sentence by chance.
	Heard []string
	// FitPhrase and FitSentence are Fit made ready by Render: a phrase to put in a sentence
	// ("five years of Go"), or a sentence of its own ("I have five years of Go.").
	FitPhrase, FitSentence string
	// Signature is what the owner signs under their name (owner.signature: a phone number,
	// a profile's address), "" when nothing.
	Signature string
	// Subject, Body and SignOff are the letter Render composed, for the templates.
	Subject, Body, SignOff string
}

// Person is a name and an address.
type Person struct {
	Name      string
	Email     string
	FirstName string
}

// NewPerson fills FirstName from the name as the owner wrote it (ParseName), and leaves it
// empty when the name names no person: a first name is never made up from an address.
func NewPerson(name, email string) Person {
	return Person{Name: strings.TrimSpace(name), Email: email, FirstName: ParseName(name).First}
}

// KeyPoints splits the owner's notes ("a; b\nc", or sentences "We discussed a. We
// talked about b.") into points, as they were typed.
func KeyPoints(notes string) []string { return splitPoints(notes) }

// When says when the interview was, the way a person writes it.
func When(t time.Time) string { return "on " + t.Format("Monday, January 2") }

// Renderer renders the follow-up templates: the embedded ones, each replaceable by a file of
// the same name in a directory.
type Renderer struct {
	t map[policy.Kind]*template.Template
}

var funcs = template.FuncMap{"join": strings.Join, "sentence": sentence, "capital": upperFirst}

// NewRenderer loads the templates; dir may be empty.
func NewRenderer(dir string) (*Renderer, error) {
	r := &Renderer{t: map[policy.Kind]*template.Template{}}
	for _, k := range []policy.Kind{policy.ThankYou, policy.ThankCoordinator, policy.CheckIn, policy.RejectionReply} {
		name := string(k) + ".tmpl"
		src, err := builtin.ReadFile("templates/" + name)
		if err != nil {
			return nil, err
		}
		if dir != "" {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				src = b
			} else if !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
		}
		t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		r.t[k] = t
	}
	return r, nil
}

// Render returns the subject and body of a follow-up. A template starts with a
// "Subject: " line and a blank line; the rest is the plain-text body.
func (r *Renderer) Render(kind policy.Kind, d Data) (subject, body string, err error) {
	t, ok := r.t[kind]
	if !ok {
		return "", "", fmt.Errorf("no template for %s", kind)
	}
	if d.Greeting == "" {
		d.Greeting, _ = Greeting(d.Contact.Name, "", FirstName)
	}
	d = d.normalized()
	compose(kind, &d)
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return "", "", fmt.Errorf("template %s: %w", kind, err)
	}
	text := strings.ReplaceAll(b.String(), "\r\n", "\n")
	first, rest, _ := strings.Cut(text, "\n")
	subj, ok := strings.CutPrefix(first, "Subject:")
	if !ok {
		return "", "", fmt.Errorf("template %s: the first line must be \"Subject: …\"", kind)
	}
	return HeaderSafe(tidyBody(subj)), tidyBody(strings.TrimSpace(rest)) + "\n", nil
}

// HeaderSafe makes s fit in one header field: line breaks, other control characters and
// bidi overrides become spaces (textsafe.Line), so that no text (a name, a subject, a
// company) can add a header or reorder what the reader sees.
func HeaderSafe(s string) string { return textsafe.Line(s) }
