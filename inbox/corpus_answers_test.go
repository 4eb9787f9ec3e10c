package inbox

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// plainVerbs are the ways owners write a plain verb: each must approve, skip or stop the
// draft unchanged.
var plainVerbs = []struct {
	text string
	verb Verb
}{
	{"send", Send}, {"Send", Send}, {"SEND", Send}, {"send.", Send}, {"Send!", Send}, {"send it", Send}, {"Send it.", Send},
	{"yes, send", Send}, {"Yes send it please", Send}, {"please send", Send}, {"ok send it", Send}, {"Send please, thanks!", Send},
	{"Send 👍", Send}, {"send\nBest,\nAlice", Send}, {"send\n\nThanks,\nAlice", Send}, {"Send\n\nAlice", Send},
	{"skip", Skip}, {"Skip.", Skip}, {"skip this one", Skip}, {"skip\n-A", Skip},
	{"stop", Stop}, {"STOP", Stop}, {"Stop please.", Stop},
}

// ownTexts are replies an owner writes in each language: as a new text after "send" and a
// blank line they are the draft's new text, exactly; alone they are not a command.
var ownTexts = map[string]string{
	"en": "Hi Jane,\n\nthank you again for yesterday: I enjoyed our talk about the queue redesign.\n\nBest,\nAlice",
	"de": "Hallo Jane,\n\nvielen Dank noch einmal für das Gespräch gestern.\n\nViele Grüße\nAlice",
	"fr": "Bonjour Jane,\n\nmerci encore pour notre échange d'hier.\n\nCordialement,\nAlice",
	"es": "Hola Jane,\n\nmuchas gracias de nuevo por la conversación de ayer.\n\nSaludos,\nAlice",
	"pt": "Olá Jane,\n\nmuito obrigada pela conversa de ontem.\n\nAbraços,\nAlice",
	"it": "Ciao Jane,\n\ngrazie ancora per il colloquio di ieri.\n\nCordiali saluti,\nAlice",
	"nl": "Hoi Jane,\n\nnogmaals bedankt voor het gesprek van gisteren.\n\nMet vriendelijke groet,\nAlice",
	"da": "Hej Jane,\n\ntak igen for samtalen i går.\n\nMed venlig hilsen\nAlice",
	"no": "Hei Jane,\n\ntakk igjen for samtalen i går.\n\nVennlig hilsen\nAlice",
	"sv": "Hej Jane,\n\ntack igen för samtalet i går.\n\nMed vänliga hälsningar\nAlice",
	"pl": "Dzień dobry,\n\ndziękuję jeszcze raz za wczorajszą rozmowę.\n\nPozdrawiam,\nAlice",
	"ru": "Здравствуйте, Джейн!\n\nЕщё раз спасибо за вчерашнюю беседу.\n\nС уважением,\nАлиса",
	"ja": "ジェーン様\n\n昨日はお時間をいただき、ありがとうございました。\n\nアリス",
	"zh": "Jane 您好，\n\n再次感谢您昨天抽出时间与我交流。\n\n此致\nAlice",
}

// answer is a corpus layout with the owner's text put where the client puts it.
func answer(layout, own string, isHTML bool) string {
	if isHTML {
		lines := strings.Split(own, "\n")
		for i, l := range lines {
			lines[i] = html.EscapeString(l)
		}
		own = strings.Join(lines, "<br>\n")
	}
	return strings.Replace(layout, "{{ANSWER}}", own, 1)
}

// readAnswer is what ParseCommand is given for an answer: the text, or an HTML-only body
// turned into text.
func readAnswer(t testing.TB, body string, isHTML bool) string {
	if !isHTML {
		return body
	}
	text, err := HTMLText(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// TestParseCommand_Corpus puts the owner's answer into the layout of every common mail
// client, in the languages of testdata/answers (see SOURCES.md there), plain and HTML-only:
// every plain verb is read as that verb with no new text; "send", a blank line and the
// owner's text gives exactly that text; the owner's text alone is not a command; the layout
// with nothing written is not a command. Figures per client family and language are logged
// (go test -run TestParseCommand_Corpus -v ./inbox).
func TestParseCommand_Corpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "answers", "*.*"))
	type tally struct{ plain, plainOK, wrong int }
	byFamily, byLang := map[string]*tally{}, map[string]*tally{}
	cases := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		layout, isHTML := string(raw), strings.HasSuffix(f, ".html")
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		lang := name[strings.LastIndex(name, "-")+1:]
		family := name[:strings.LastIndex(name, "-")]
		if isHTML {
			family += " (HTML)"
		}
		for _, k := range []string{family, lang} {
			m := byFamily
			if k == lang {
				m = byLang
			}
			if m[k] == nil {
				m[k] = &tally{}
			}
		}
		count := func(ok, wrong bool) {
			for _, tl := range []*tally{byFamily[family], byLang[lang]} {
				tl.plain++
				if ok {
					tl.plainOK++
				}
				if wrong {
					tl.wrong++
				}
			}
		}
		bottom := strings.Contains(name, "bottom")
		for _, pv := range plainVerbs {
			cases++
			cmd, ok := ParseCommand(readAnswer(t, answer(layout, pv.text, isHTML), isHTML))
			right := ok && cmd.Verb == pv.verb && cmd.Text == ""
			count(right, ok && !right)
			if !right {
				t.Errorf("%s: %q read as %+v, %v; want a plain %s", f, pv.text, cmd, ok, pv.verb)
			}
		}
		own, ok := ownTexts[lang]
		if !ok {
			t.Fatalf("%s: no owner's text for %q", f, lang)
		}
		cases += 3
		cmd, got := ParseCommand(readAnswer(t, answer(layout, "send\n\n"+own, isHTML), isHTML))
		switch {
		case bottom && got:
			t.Errorf("%s: a new text below the quotation was taken: %+v", f, cmd)
			count(false, true)
		case !bottom && (!got || cmd.Verb != Send || cmd.Text != own):
			t.Errorf("%s: send + new text read as %+v, %v; want exactly\n%s", f, cmd, got, own)
			count(false, got && cmd.Text != own)
		}
		if cmd, got := ParseCommand(readAnswer(t, answer(layout, own, isHTML), isHTML)); got {
			t.Errorf("%s: the owner's reply alone was taken for %+v", f, cmd)
			count(false, true)
		}
		if cmd, got := ParseCommand(readAnswer(t, answer(layout, "", isHTML), isHTML)); got {
			t.Errorf("%s: nothing written was taken for %+v", f, cmd)
			count(false, true)
		}
	}
	if len(files) < 150 {
		t.Errorf("%d layouts in testdata/answers, want the full corpus", len(files))
	}
	report := func(title string, m map[string]*tally) {
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			tl := m[k]
			fmt.Fprintf(&b, "  %-24s plain verbs %3d/%3d (%.1f %%), wrong actions %d\n", k, tl.plainOK, tl.plain, 100*float64(tl.plainOK)/float64(tl.plain), tl.wrong)
		}
		t.Logf("%s:\n%s", title, b.String())
	}
	report("by client family", byFamily)
	report("by language", byLang)
	t.Logf("%d layouts, %d answers read", len(files), cases)
}
