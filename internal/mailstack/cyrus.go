package mailstack

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Cyrus reports whether the stack's IMAP server is Cyrus.
func (s *Stack) Cyrus() bool { return s.Server == "cyrus" }

// NeedDovecot skips a test that needs a part only the Dovecot stack has (its oauth2 passdb,
// say), saying which; on the Dovecot stack it does nothing.
func (s *Stack) NeedDovecot(tb testing.TB, what string) {
	tb.Helper()
	if s.Server != "dovecot" {
		tb.Skipf("needs Dovecot's %s; this stack's IMAP server is %s", what, s.Server)
	}
}

// manageSieve puts script as user's active Sieve script over ManageSieve (RFC 5804), as a
// mail client's "vacation" settings do with Cyrus; an empty script makes none active.
func (s *Stack) manageSieve(user, name, script string) error {
	conn, err := net.DialTimeout("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.SievePort)), 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	r := bufio.NewReader(conn)
	// await reads lines up to the server's OK (capabilities come before it) and fails on NO or BYE.
	await := func(r *bufio.Reader) error {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return err
			}
			switch {
			case strings.HasPrefix(line, "OK"):
				return nil
			case strings.HasPrefix(line, "NO"), strings.HasPrefix(line, "BYE"):
				return fmt.Errorf("managesieve: %s", strings.TrimSpace(line))
			}
		}
	}
	if err := await(r); err != nil {
		return err
	}
	fmt.Fprint(conn, "STARTTLS\r\n")
	if err := await(r); err != nil {
		return err
	}
	tc := tls.Client(conn, s.tlsConfig())
	r = bufio.NewReader(tc)
	if err := await(r); err != nil { // the capabilities again, now over TLS
		return err
	}
	cmds := []string{fmt.Sprintf("AUTHENTICATE \"PLAIN\" \"%s\"\r\n", base64.StdEncoding.EncodeToString([]byte("\x00"+user+"\x00"+s.Password)))}
	if script == "" {
		cmds = append(cmds, "SETACTIVE \"\"\r\n")
	} else {
		cmds = append(cmds,
			fmt.Sprintf("PUTSCRIPT %q {%d+}\r\n%s\r\n", name, len(script), script),
			fmt.Sprintf("SETACTIVE %q\r\n", name))
	}
	for _, c := range cmds {
		if _, err := fmt.Fprint(tc, c); err != nil {
			return err
		}
		if err := await(r); err != nil {
			return fmt.Errorf("%s: %w", strings.Fields(c)[0], err)
		}
	}
	fmt.Fprint(tc, "LOGOUT\r\n")
	return nil
}

// killCyrusIMAP kills (SIGKILL) the imapd processes serving user. Cyrus writes what each of
// its processes is doing to a file named by its pid under proc_path: "imaps localhost
// [127.0.0.1] alice@owner.test owner.test!user.alice Idle".
func (s *Stack) killCyrusIMAP(user string) int {
	dir := filepath.Join(s.Dir, "cyrus", "run", "proc")
	ents, _ := os.ReadDir(dir)
	n := 0
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		f := strings.Fields(string(data))
		if len(f) < 4 || !strings.HasPrefix(f[0], "imap") || f[3] != user {
			continue
		}
		if p, err := os.FindProcess(pid); err == nil && p.Signal(syscall.SIGKILL) == nil {
			n++
		}
	}
	return n
}
