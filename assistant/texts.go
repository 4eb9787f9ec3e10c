package assistant

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/followupd/followup/mailer"
)

// The texts followup writes to its owner, one template each: the first line is the
// subject, then a blank line, then the body. Values that came from incoming mail are made
// safe before they reach a template (quote, clean, firstLines). testdata/texts has each one
// rendered over realistic inputs (TestTexts_Golden).
//
//go:embed texts/*.tmpl
var textFS embed.FS

var textFuncs = template.FuncMap{
	"join": strings.Join,
	// capital writes the first letter in upper case.
	"capital": func(s string) string {
		if s == "" {
			return s
		}
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[n:]
	},
	// underline is a row of dashes as long as s.
	"underline": func(s string) string { return strings.Repeat("-", utf8.RuneCountInString(s)) },
	// count writes "1 check-in", "3 check-ins".
	"count": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	},
}

// texts holds each text as two templates, "name.subject" (its first line) and "name.body"
// (after the blank line); digest.tmpl is a body alone.
var texts = func() *template.Template {
	t := template.New("").Option("missingkey=error").Funcs(textFuncs)
	files, err := fs.Glob(textFS, "texts/*.tmpl")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		src, err := fs.ReadFile(textFS, f)
		if err != nil {
			panic(err)
		}
		name := strings.TrimSuffix(path.Base(f), ".tmpl")
		subject, body, ok := strings.Cut(string(src), "\n\n")
		if name == "digest" {
			subject, body, ok = "", string(src), true
		}
		if !ok || strings.Contains(subject, "\n") {
			panic(f + ": the first line is the subject, then a blank line")
		}
		template.Must(t.New(name + ".subject").Parse(subject))
		template.Must(t.New(name + ".body").Parse(body))
	}
	return t
}()

// text renders the owner-facing text name over data into its subject (one line, whatever
// the data held) and its body.
func text(name string, data any) (subject, body string, err error) {
	var s, b strings.Builder
	if err := texts.ExecuteTemplate(&s, name+".subject", data); err != nil {
		return "", "", fmt.Errorf("text %s: %w", name, err)
	}
	if err := texts.ExecuteTemplate(&b, name+".body", data); err != nil {
		return "", "", fmt.Errorf("text %s: %w", name, err)
	}
	return mailer.HeaderSafe(s.String()), strings.TrimRight(b.String(), "\n") + "\n", nil
}

// tell queues the owner-facing text name to the owner, coalesced by key when key is not
// empty (see notifyOnce). A text that does not render (a bug: every one is rendered by the
// tests) is still reported, in plain words, rather than lost.
func (a *Assistant) tell(ctx context.Context, key, name string, data any) {
	a.tellWith(ctx, key, nil, name, data)
}

// urgent marks a notice the owner must read now (an offer) for the clients that show it.
var urgent = map[string]string{"Importance": "high", "X-Priority": "1 (Highest)"}

// tellWith is tell with extra header fields.
func (a *Assistant) tellWith(ctx context.Context, key string, headers map[string]string, name string, data any) {
	subject, body, err := text(name, data)
	if err != nil {
		a.Logger.Error("notice", "text", name, "err", err)
		subject, body = "A notice followup could not write", fmt.Sprintf("followup meant to tell you something (%s) and could not write it: %v\nIts log has the details.", name, err)
	}
	a.notifyOnce(ctx, key, subject, strings.TrimRight(body, "\n"), headers)
}
