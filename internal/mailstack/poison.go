package mailstack

import (
	"fmt"
	"strings"
)

// Poison builds the two messages of the bounded-parsing fault (issue 10): MIME nested depth deep, or
// one multipart of parts parts, each dressed as a bounce so that its body is read.
func Poison(depth, parts int) []byte {
	var b strings.Builder
	b.WriteString("From: MAILER-DAEMON@evil.test\r\nTo: alice@owner.test\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
		"Message-ID: <poison-" + fmt.Sprint(depth, "-", parts) + "@evil.test>\r\nMIME-Version: 1.0\r\n")
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i)
	}
	if parts > 0 {
		b.WriteString("Content-Type: multipart/mixed; boundary=p\r\n\r\n")
		for i := 0; i < parts; i++ {
			fmt.Fprintf(&b, "--p\r\nContent-Type: text/plain\r\n\r\npart %d: user unknown\r\n", i)
		}
		b.WriteString("--p--\r\n")
	} else {
		b.WriteString("Content-Type: text/plain\r\n\r\nuser unknown\r\n")
	}
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return []byte(b.String())
}
