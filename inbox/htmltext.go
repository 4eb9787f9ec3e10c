package inbox

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// QuoteMark is the line HTMLText writes where it dropped quoted material (a blockquote, a
// quoted reply's container): the answer parser sees a quotation there, as in plain text.
const QuoteMark = "> …"

// htmlMaxDepth bounds the walk of an HTML tree: deeper elements are dropped, as quoted
// material usually is. (The parser itself limits nothing; a stranger's HTML can nest
// deeply.)
const htmlMaxDepth = 100

// HTMLText turns an HTML body into the text a reader sees: block elements and <br> as line
// breaks, entities decoded, whitespace collapsed as a browser does (kept in <pre>), scripts,
// styles and the head dropped. Quoted material is dropped and marked with one QuoteMark
// line: <blockquote>, and the containers mail clients put a quoted reply in (Gmail's
// gmail_quote, Thunderbird's moz-cite-prefix attribution, Yahoo's yahoo_quoted, Outlook's
// divRplyFwdMsg header block and everything after it, Apple Mail's
// AppleOriginalContents). A horizontal rule becomes a rule of underscores, which the
// answer parser takes as the start of a quoted message.
func HTMLText(r io.Reader) (string, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return "", err
	}
	w := &htmlWriter{}
	w.node(doc, 0, false)
	return w.text(), nil
}

type htmlWriter struct {
	lines []string
	cur   strings.Builder
	space bool // a space is pending before the next word
	done  bool // everything after an Outlook header block is the quoted message
}

func (w *htmlWriter) breakLine() {
	w.lines = append(w.lines, strings.TrimSpace(w.cur.String()))
	w.cur.Reset()
	w.space = false
}

func (w *htmlWriter) quote() {
	w.breakLine()
	if n := len(w.lines); n < 2 || w.lines[n-2] != QuoteMark {
		w.lines = append(w.lines, QuoteMark)
	}
}

func (w *htmlWriter) text() string {
	if w.cur.Len() > 0 {
		w.breakLine()
	}
	// Collapse runs of empty lines to one, as block margins would.
	var out []string
	for _, l := range w.lines {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func (w *htmlWriter) words(s string, pre bool) {
	if pre {
		for i, l := range strings.Split(s, "\n") {
			if i > 0 {
				w.breakLine()
			}
			w.cur.WriteString(l)
		}
		return
	}
	if s != "" && isHTMLSpace(rune(s[0])) {
		w.space = true
	}
	for i, f := range strings.FieldsFunc(s, isHTMLSpace) {
		if (i > 0 || w.space) && w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		w.cur.WriteString(f)
		w.space = false
	}
	if s != "" && isHTMLSpace(rune(s[len(s)-1])) {
		w.space = true
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// quoted reports whether an element holds quoted material.
func quoted(n *html.Node) bool {
	if n.DataAtom == atom.Blockquote {
		return true
	}
	for _, a := range n.Attr {
		v := strings.ToLower(a.Val)
		switch strings.ToLower(a.Key) {
		case "class":
			for _, c := range strings.Fields(v) {
				switch c {
				case "gmail_quote", "gmail_extra", "moz-cite-prefix", "yahoo_quoted", "protonmail_quote", "applemailquote":
					return true
				}
			}
		case "id":
			switch strings.TrimPrefix(v, "x_") {
			case "divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container", "olk_src_body_section", "appleoriginalcontents":
				return true
			}
		case "type":
			if v == "cite" {
				return true
			}
		}
	}
	return false
}

// outlookRest: Outlook puts the quoted message after its header block, not inside it.
func outlookRest(n *html.Node) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, "id") {
			switch strings.TrimPrefix(strings.ToLower(a.Val), "x_") {
			case "divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container", "olk_src_body_section":
				return true
			}
		}
	}
	return false
}

func (w *htmlWriter) node(n *html.Node, depth int, pre bool) {
	if w.done || depth > htmlMaxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.words(n.Data, pre)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Head, atom.Script, atom.Style, atom.Title, atom.Template:
			return
		case atom.Br:
			w.breakLine()
			return
		case atom.Hr:
			w.breakLine()
			w.lines = append(w.lines, "________________________________")
			return
		case atom.Pre:
			pre = true
		}
		if quoted(n) {
			w.quote()
			if outlookRest(n) {
				w.done = true
			}
			return
		}
	}
	block := n.Type == html.ElementNode && htmlBlock[n.DataAtom]
	if block && w.cur.Len() > 0 {
		w.breakLine()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, depth+1, pre)
	}
	if block {
		if w.cur.Len() > 0 {
			w.breakLine()
		}
		if n.DataAtom == atom.P {
			w.lines = append(w.lines, "") // a paragraph's margin
		}
	}
}

var htmlBlock = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Tr: true, atom.Table: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Pre: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Body: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Address: true, atom.Center: true,
}
