package mailstack

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"net"
	"os"
	"os/exec"
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

// stopCyrus stops the Cyrus master and every process it runs. Cyrus 3 shuts down
// gracefully on SIGTERM, and an imapd in IDLE waits for its client, which the daemon under
// test never lets go: what is still running after a few seconds is killed, as a crash would.
// The next start recovers the databases (ctl_cyrusdb -r in START).
func (s *Stack) stopCyrus(tb testing.TB) {
	tb.Helper()
	conf := filepath.Join(s.Dir, "cyrus", "imapd.conf")
	signal := func(sig syscall.Signal) (alive int) {
		for _, pid := range cyrusProcesses(conf) {
			if p, err := os.FindProcess(pid); err == nil && p.Signal(sig) == nil {
				alive++
			}
		}
		return alive
	}
	signal(syscall.SIGTERM)
	deadline := time.Now().Add(3 * time.Second)
	for len(cyrusProcesses(conf)) > 0 {
		if time.Now().After(deadline) {
			signal(syscall.SIGKILL)
			deadline = time.Now().Add(10 * time.Second)
			for len(cyrusProcesses(conf)) > 0 {
				if time.Now().After(deadline) {
					tb.Fatal("cyrus did not stop")
				}
				time.Sleep(25 * time.Millisecond)
			}
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// cyrusProcesses lists the live processes (the master and its services) started with this
// instance's configuration.
func cyrusProcesses(conf string) []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !strings.Contains(string(cmd), conf) || !processAlive(pid) {
			continue
		}
		out = append(out, pid)
	}
	return out
}

// startCyrus starts the Cyrus master again with the configuration the script wrote.
func (s *Stack) startCyrus() error {
	c := filepath.Join(s.Dir, "cyrus")
	cmd := exec.Command("/usr/lib/cyrus/bin/master", "-C", filepath.Join(c, "imapd.conf"), "-M", filepath.Join(c, "cyrus.conf"),
		"-p", filepath.Join(c, "run", "master.pid"), "-d")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("cyrus master: %v\n%s", err, out)
	}
	return nil
}

// processAlive reports whether pid runs (a zombie nobody reaped does not).
func processAlive(pid int) bool {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(stat), ')')
	return i < 0 || !strings.HasPrefix(string(stat[i+1:]), " Z")
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
