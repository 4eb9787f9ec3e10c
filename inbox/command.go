package inbox

import (
	"regexp"
	"strings"
)

// Verb is what the owner's reply to an approval request says.
type Verb string

const (
	Send Verb = "send"
	Skip Verb = "skip"
	Stop Verb = "stop"
)

// Command is an owner's answer to an approval request.
type Command struct {
	Verb Verb
	// Text replaces the draft's body when the owner wrote "send" followed by new text.
	Text string
}

var (
	wroteRe   = regexp.MustCompile(`(?i)^(on\s.+wrote:|am\s.+schrieb.*:|le\s.+a écrit\s*:|-+\s*original message\s*-+|_{10,})\s*$`)
	headerRe  = regexp.MustCompile(`^(From|Sent|To|Subject|Date|Von|Gesendet|An|Betreff):\s`)
	mobileSig = regexp.MustCompile(`(?i)^(sent from my |get outlook for |von meinem )`)
)

// ParseCommand reads the owner's own text in a reply (quoted text, the "On … wrote:" line
// and everything after it, and the signature are ignored) and returns the command on its
// first line. ok is false when the first line is not a command.
func ParseCommand(body string) (cmd Command, ok bool) {
	own := OwnText(body)
	first, rest, _ := strings.Cut(own, "\n")
	first = strings.TrimSpace(first)
	word, after, _ := strings.Cut(first, " ")
	verb := Verb(strings.ToLower(strings.TrimRight(word, ".,!:;")))
	switch verb {
	case Send, Skip, Stop:
	default:
		return Command{}, false
	}
	cmd.Verb = verb
	if verb == Send {
		text := strings.TrimSpace(strings.TrimSpace(after) + "\n" + rest)
		cmd.Text = text
	}
	return cmd, true
}

// OwnText returns the lines of body the writer wrote, before any quotation or signature.
func OwnText(body string) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	var out []string
	for _, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, ">") || wroteRe.MatchString(t) || line == "-- " || t == "--" ||
			mobileSig.MatchString(t) || (len(out) > 0 && headerRe.MatchString(t)) {
			break
		}
		if len(out) == 0 && t == "" {
			continue
		}
		out = append(out, strings.TrimRight(line, " \t"))
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
