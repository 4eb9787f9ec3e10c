package e2e

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRun_Systemd runs `followup run` as systemd would, with a NOTIFY_SOCKET of the
// test's: it reports READY, pings the watchdog, survives a SIGHUP with a broken
// configuration (keeping the old one), reloads a good one, and reports STOPPING on SIGTERM.
func TestRun_Systemd(t *testing.T) {
	e := newEnv(t)
	sock := filepath.Join(t.TempDir(), "notify.sock")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	msgs := make(chan string, 100)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, _, err := conn.ReadFromUnix(buf)
			if err != nil {
				close(msgs)
				return
			}
			msgs <- string(buf[:n])
		}
	}()
	await := func(want string) {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					t.Fatalf("notify socket closed before %q", want)
				}
				if strings.Contains(m, want) {
					return
				}
			case <-timeout:
				t.Fatalf("no %q on the notify socket", want)
			}
		}
	}
	d := e.start("NOTIFY_SOCKET="+sock, "WATCHDOG_USEC=400000")
	await("READY=1")
	await("WATCHDOG=1")

	good, _ := os.ReadFile(e.config)
	os.WriteFile(e.config, []byte("owner: {email: broken\n"), 0o600)
	d.cmd.Process.Signal(syscall.SIGHUP)
	waitLog(t, d, "reload refused")
	await("WATCHDOG=1") // still alive, on the old configuration

	os.WriteFile(e.config, good, 0o600)
	d.cmd.Process.Signal(syscall.SIGHUP)
	waitLog(t, d, "reloading the configuration")
	await("READY=1")

	d.cmd.Process.Signal(syscall.SIGTERM)
	await("STOPPING=1")
	if err := d.wait(t, 10*time.Second); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, d.stderr.String())
	}
}

func waitLog(t *testing.T, d *daemon, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(d.stderr.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never said %q:\n%s", want, d.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
