package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/store"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds cmd/followup once for the package's tests.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		root, err := mailstack.Root()
		if err != nil {
			buildErr = err
			return
		}
		dir, err := os.MkdirTemp("", "followup-bench-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "followup")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/followup")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// proc is a running `followup run`.
type proc struct {
	t    *testing.T
	cmd  *exec.Cmd
	log  *logBuffer
	done chan error
}

// logBuffer keeps the daemon's log and signals each new line.
type logBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.Write(p)
	close(l.changed)
	l.changed = make(chan struct{})
	return len(p), nil
}

func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// count is how many lines of the log contain s, and a channel closed at the next write.
func (l *logBuffer) count(s string) (int, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.b.String(), s), l.changed
}

func startDaemon(t *testing.T, config string, env ...string) *proc {
	t.Helper()
	p := &proc{t: t, cmd: exec.Command(binary(t), "--config", config, "run"), log: &logBuffer{changed: make(chan struct{})}, done: make(chan error, 1)}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.kill() })
	return p
}

// awaitLog waits until the log holds at least n lines containing s.
func (p *proc) awaitLog(s string, n int, timeout time.Duration) {
	p.t.Helper()
	deadline := time.After(timeout)
	for {
		got, changed := p.log.count(s)
		if got >= n {
			return
		}
		select {
		case <-changed:
		case err := <-p.done:
			p.done <- err
			p.t.Fatalf("followup run exited (%v) before %q appeared in its log:\n%s", err, s, p.log.String())
		case <-deadline:
			p.t.Fatalf("%q did not appear %d times in the log within %s:\n%s", s, n, timeout, p.log.String())
		}
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *proc) kill() {
	if p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	err := <-p.done
	p.done <- err
}

// cpu is the process's user + system CPU time so far.
func (p *proc) cpu() time.Duration {
	p.t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		p.t.Fatal(err)
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const hz = 100 // USER_HZ: 100 on every Linux Go supports
	return time.Duration(utime+stime) * time.Second / hz
}

// memory is the process's resident set now and at its peak, in bytes.
func (p *proc) memory() (rss, peak int64) {
	p.t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		p.t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, ":")
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			peak = kb << 10
		}
	}
	return rss, peak
}

// binaryConfig writes the owner's configuration for the built binary, with the store at
// db and a planner tick every tick.
func binaryConfig(t *testing.T, s *mailstack.Stack, db, tick string) string {
	t.Helper()
	path := s.OwnerConfig(t, db, "thank_coordinator: false")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Hundreds of sends within the hour: above the default limits (20 an hour).
	y := regexp.MustCompile(`(?m)^(smtp: \{.*)\}$`).ReplaceAllString(string(b), "$1, max_per_hour: 1000, max_per_day: 5000}")
	if y == string(b) {
		t.Fatalf("no smtp line to raise the limits in:\n%s", b)
	}
	y += fmt.Sprintf("schedule: {tick: %q}\nlog: {level: info}\n", tick)
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestFigureIdleCost: resident memory and CPU time of `followup run` over a stretch of
// IDLE on the owner's mailbox with 1,000 applications (10 minutes in the full size).
func TestFigureIdleCost(t *testing.T) {
	s := mailstack.Get(t)
	window := duration(20*time.Second, 10*time.Minute)
	st := openStore(t)
	seedApps(t, st, 1000, "idle")
	s.Prime(t, st, owner, "INBOX", "Sent")
	p := startDaemon(t, binaryConfig(t, s, st.Path(), "@every 1m"))
	p.awaitLog("msg=watching", 2, 30*time.Second)
	cpu0 := p.cpu()
	time.Sleep(window) // the measurement is this stretch of idleness itself
	cpu := p.cpu() - cpu0
	rss, peak := p.memory()
	if n, _ := p.log.count("level=ERROR"); n > 0 {
		t.Errorf("errors while idle:\n%s", p.log.String())
	}
	perTen := time.Duration(float64(cpu) * float64(10*time.Minute) / float64(window))
	report(t, fmt.Sprintf("idle cost, 1,000 apps, %s of IDLE", window),
		fmt.Sprintf("RSS %.1f MB (peak %.1f MB), CPU %.2f s (%.2f s per 10 min)", float64(rss)/(1<<20), float64(peak)/(1<<20), cpu.Seconds(), perTen.Seconds()),
		"< 30 MB, < 1 s CPU / 10 min", peak < 30<<20 && perTen < time.Second)
}
