package textsafe

import (
	"bytes"
	"encoding/json"
	"testing"
)

// hostile holds what strangers put in names and subjects: an OSC retitle, a hidden-text SGR,
// a C1 CSI, a right-to-left override, an isolate, a line separator.
const hostile = "Jane\x1b]0;pwned\x07 \x1b[8mhidden\x1b[0m \u009b2J \u202egnp.exe\u2066x\u2069 a\u2028b"

func TestLine(t *testing.T) {
	got := Line(hostile)
	for _, r := range got {
		if Unsafe(r) {
			t.Fatalf("Line left %U in %q", r, got)
		}
	}
	if want := "Jane ]0;pwned [8mhidden [0m 2J gnp.exe x a b"; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := Writer(&b)
	// Written one byte at a time: runes split across writes are kept whole.
	for _, c := range []byte(hostile + "\nnext\tline é\n") {
		w.Write([]byte{c})
	}
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e", "\u2066", "\u2028"} {
		if bytes.Contains(b.Bytes(), []byte(bad)) {
			t.Errorf("%q reached the output: %q", bad, b.String())
		}
	}
	if want := `Jane\u001b]0;pwned\u0007 \u001b[8mhidden\u001b[0m \u009b2J \u202egnp.exe\u2066x\u2069 a\u2028b` + "\nnext\tline é\n"; b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
	// JSON through it stays JSON, with the same text.
	b.Reset()
	js, _ := json.Marshal(map[string]string{"from": hostile})
	Writer(&b).Write(js)
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["from"] != hostile {
		t.Errorf("JSON through the writer: %v, %q", err, back["from"])
	}
}
