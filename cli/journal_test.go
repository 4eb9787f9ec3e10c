package cli

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestJournal: when stderr is the journal's stream, every line starts with its syslog
// priority (so that journalctl -p warning finds the warnings) and carries no second time.
func TestJournal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stream"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var st syscall.Stat_t
	if err := syscall.Fstat(int(f.Fd()), &st); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "JOURNAL_STREAM" {
			return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
		}
		return ""
	}
	if !toJournal(f, env) || toJournal(f, func(string) string { return "1:2" }) || toJournal(&bytes.Buffer{}, env) {
		t.Fatal("the journal's stream is not told from other writers")
	}
	var b bytes.Buffer
	l := slog.New(newJournalHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug})).With("component", "inbox")
	l.Error("boom", "n", 1)
	l.Warn("careful")
	l.Info("fine")
	l.Debug("detail")
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	for i, want := range []string{"<3>level=ERROR msg=boom component=inbox n=1", "<4>level=WARN", "<6>level=INFO", "<7>level=DEBUG"} {
		if i >= len(lines) || !strings.HasPrefix(lines[i], want) || strings.Contains(lines[i], "time=") {
			t.Errorf("line %d = %q, want it to begin %q, with no time", i, lines[i], want)
		}
	}
}
