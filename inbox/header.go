package inbox

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	gotextproto "github.com/emersion/go-message/textproto"
)

// textprotoHeader reads a header block leniently: an mbox "From " line at the top and
// lines that are not header fields (real bounces carry both) are dropped rather than
// making the whole message unreadable.
func textprotoHeader(br *bufio.Reader) (gotextproto.Header, error) {
	var clean bytes.Buffer
	first := true
	for {
		line, err := br.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			if err == io.EOF {
				break
			}
			return gotextproto.Header{}, fmt.Errorf("read header: %w", err)
		}
		trimmed := bytes.TrimRight(line, "\r\n")
		if len(trimmed) == 0 {
			break
		}
		if first && bytes.HasPrefix(trimmed, []byte("From ")) {
			first = false
			continue
		}
		first = false
		if trimmed[0] == ' ' || trimmed[0] == '\t' || validField(trimmed) {
			clean.Write(trimmed)
			clean.WriteString("\r\n")
		}
		if err != nil {
			break
		}
	}
	clean.WriteString("\r\n")
	h, err := gotextproto.ReadHeader(bufio.NewReader(&clean))
	if err != nil {
		return gotextproto.Header{}, fmt.Errorf("read header: %w", err)
	}
	return h, nil
}

// validField reports whether line starts with a field name and a colon (RFC 5322 §2.2).
func validField(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	for _, c := range line[:i] {
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}
