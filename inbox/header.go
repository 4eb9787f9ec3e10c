package inbox

import (
	"bufio"
	"fmt"

	gotextproto "github.com/emersion/go-message/textproto"
)

// textprotoHeader reads a header block.
func textprotoHeader(br *bufio.Reader) (gotextproto.Header, error) {
	h, err := gotextproto.ReadHeader(br)
	if err != nil {
		return gotextproto.Header{}, fmt.Errorf("read header: %w", err)
	}
	return h, nil
}
