package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"syscall"
)

// toJournal reports whether w is the journal's stream for this service (systemd sets
// JOURNAL_STREAM to the device and inode of the stream it connected to stderr).
func toJournal(w io.Writer, env func(string) string) bool {
	f, ok := w.(*os.File)
	v := env("JOURNAL_STREAM")
	if !ok || v == "" {
		return false
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(int(f.Fd()), &st); err != nil {
		return false
	}
	return v == fmt.Sprintf("%d:%d", st.Dev, st.Ino)
}

// journalHandler writes each record with its syslog priority in front ("<3>" for an error,
// sd-daemon(3)), so that `journalctl -p warning` finds the warnings; journald stamps the
// time itself, so the record's is left out.
type journalHandler struct {
	slog.Handler
	w *priorityWriter
}

type priorityWriter struct {
	mu     sync.Mutex
	out    io.Writer
	prefix string
}

func (p *priorityWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.out, p.prefix+string(b)); err != nil {
		return 0, err
	}
	return len(b), nil
}

func newJournalHandler(w io.Writer, opts *slog.HandlerOptions) slog.Handler {
	o := *opts
	o.ReplaceAttr = func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	pw := &priorityWriter{out: w}
	return journalHandler{Handler: slog.NewTextHandler(pw, &o), w: pw}
}

// priority is the syslog priority of a level: err, warning, info, debug.
func priority(l slog.Level) string {
	switch {
	case l >= slog.LevelError:
		return "<3>"
	case l >= slog.LevelWarn:
		return "<4>"
	case l >= slog.LevelInfo:
		return "<6>"
	}
	return "<7>"
}

func (h journalHandler) Handle(ctx context.Context, r slog.Record) error {
	h.w.mu.Lock()
	defer h.w.mu.Unlock()
	h.w.prefix = priority(r.Level)
	return h.Handler.Handle(ctx, r)
}

func (h journalHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return journalHandler{Handler: h.Handler.WithAttrs(as), w: h.w}
}

func (h journalHandler) WithGroup(name string) slog.Handler {
	return journalHandler{Handler: h.Handler.WithGroup(name), w: h.w}
}
