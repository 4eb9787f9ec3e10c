package e2e

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRun_Systemd runs `followup run` as systemd would, with a NOTIFY_SOCKET of the
// test's: it reports READY, pings the watchdog, survives a SIGHUP with a broken
// configuration (keeping the old one), reloads a good one (RELOADING=1 with MONOTONIC_USEC,
// then READY=1, and the new configuration in force), and reports STOPPING only on SIGTERM:
// systemd takes a STOPPING=1 from a running service as the start of its stop, and kills it.
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
	stopping := false // a STOPPING=1 seen
	var seen []string
	await := func(want string) string {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					t.Fatalf("notify socket closed before %q", want)
				}
				seen = append(seen, m)
				if strings.Contains(m, "STOPPING=1") {
					stopping = true
				}
				if strings.Contains(m, want) {
					return m
				}
			case <-timeout:
				t.Fatalf("no %q on the notify socket; seen %q", want, seen)
			}
		}
	}
	noStopping := func(when string) {
		t.Helper()
		if stopping {
			t.Fatalf("STOPPING=1 %s: systemd would stop the service (messages: %q)", when, seen)
		}
	}
	d := e.start("NOTIFY_SOCKET="+sock, "WATCHDOG_USEC=400000")
	await("READY=1")
	await("WATCHDOG=1")

	good, _ := os.ReadFile(e.config)
	os.WriteFile(e.config, []byte("owner: {email: broken\n"), 0o600)
	d.cmd.Process.Signal(syscall.SIGHUP)
	reloading := await("RELOADING=1")
	if !regexp.MustCompile(`MONOTONIC_USEC=[1-9][0-9]*`).MatchString(reloading) {
		t.Errorf("RELOADING=1 without MONOTONIC_USEC: %q", reloading)
	}
	await("READY=1") // the reload is over, refused
	waitLog(t, d, "reload refused")
	await("WATCHDOG=1") // still alive, on the old configuration
	noStopping("on a refused reload")

	// The new configuration logs at debug level: lines the old one did not write appear.
	os.WriteFile(e.config, append(good, []byte("log: {level: debug}\n")...), 0o600)
	if strings.Contains(d.stderr.String(), "level=DEBUG") {
		t.Fatal("debug lines before the reload")
	}
	d.cmd.Process.Signal(syscall.SIGHUP)
	await("RELOADING=1")
	await("READY=1")
	noStopping("on a reload")
	waitLog(t, d, "reloading the configuration")
	waitLog(t, d, "level=DEBUG")

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
