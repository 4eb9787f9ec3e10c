package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	sddaemon "github.com/coreos/go-systemd/v22/daemon"

	"github.com/robfig/cron/v3"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/store"
)

// Run runs the daemon until ctx is done: one inbox watcher per folder, the cron schedule
// that kicks the planner, and the outbox loop. A server that is down is retried, not fatal.
func (d *Daemon) Run(ctx context.Context) error {
	log := d.Logger
	if err := d.recoverWithRetry(ctx); err != nil {
		return err
	}
	if err := d.ReplanIfChanged(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	watchers := &watcherSet{}
	for _, folder := range d.watchedFolders() {
		w := d.Watcher(folder)
		watchers.add(w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Run(ctx)
		}()
	}
	if d.Config.IMAP.SentFolder == "" {
		// The Sent folder, found by its SPECIAL-USE mark, is watched too: the owner's own
		// mail to a contact shows there.
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.watchFoundSent(ctx, watchers)
		}()
	}

	c := cron.New(cron.WithLocation(d.Config.Owner.Location), cron.WithLogger(cronLogger{log}),
		cron.WithChain(cron.Recover(cronLogger{log}), cron.SkipIfStillRunning(cronLogger{log})))
	tick, err := config.ParseCron(d.Config.Schedule.Tick)
	if err != nil {
		return fmt.Errorf("schedule.tick: %w", err)
	}
	c.Schedule(tick, cron.FuncJob(d.Kick))
	digest, err := config.ParseCron(d.Config.Schedule.Digest)
	if err != nil {
		return fmt.Errorf("schedule.digest: %w", err)
	}
	c.Schedule(digest, cron.FuncJob(func() { d.digest(ctx) }))
	c.Start()
	if missed, err := d.DigestMissed(ctx); err != nil {
		log.Warn("digest catch-up", "err", err)
	} else if missed {
		go d.digest(ctx)
	}
	defer func() { <-c.Stop().Done() }()

	d.Kick()
	d.lastTick.Store(time.Now().UnixNano())
	sdnotify(log, "READY=1\nSTATUS=watching "+strings.Join(d.watchedFolders(), ", "))
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.watchdog(ctx, watchers.list)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.heartbeat(ctx)
	}()
	d.outboxLoop(ctx)
	cancel()
	wg.Wait()
	return nil
}

// watchdog pings systemd's watchdog at half its interval, but only while the daemon is
// healthy: the outbox loop turned within two minutes and no watcher is stuck (its loop
// turned within its liveness interval and a timeout). A wedged daemon is then restarted.
func (d *Daemon) watchdog(ctx context.Context, watchers func() []*inbox.Watcher) {
	interval, err := sddaemon.SdWatchdogEnabled(false)
	if err != nil || interval == 0 {
		return
	}
	t := time.NewTicker(interval / 2)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if time.Since(time.Unix(0, d.lastTick.Load())) > 2*time.Minute {
			d.Logger.Error("watchdog: the outbox loop is stuck; not pinging")
			continue
		}
		stuck := false
		for _, w := range watchers() {
			if time.Since(w.LastAlive()) > 10*time.Minute+2*d.Config.IMAP.TimeoutDuration+time.Minute {
				d.Logger.Error("watchdog: an inbox watcher is stuck; not pinging", "folder", w.Folder)
				stuck = true
			}
		}
		if !stuck {
			sdnotify(d.Logger, "WATCHDOG=1")
		}
	}
}

// heartbeat keeps the store's heartbeat fresh while the daemon runs, and marks it stopped
// at the end, so that the commands (digest --send, drafts) say truly whether a daemon will
// act on what they queue.
func (d *Daemon) heartbeat(ctx context.Context) {
	hb := store.Heartbeat{Started: d.Now(), PID: os.Getpid()}
	beat := func(ctx context.Context) {
		hb.At = d.Now()
		if err := d.Store.Beat(ctx, hb); err != nil {
			d.Logger.Warn("heartbeat", "err", err)
		}
	}
	beat(ctx)
	t := time.NewTicker(store.HeartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			hb.Stopped = true
			stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			beat(stopCtx)
			cancel()
			return
		case <-t.C:
			beat(ctx)
		}
	}
}

// watcherSet is the running watchers, for the watchdog; the Sent folder's joins once found.
type watcherSet struct {
	mu sync.Mutex
	ws []*inbox.Watcher
}

func (s *watcherSet) add(w *inbox.Watcher) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws = append(s.ws, w)
}

func (s *watcherSet) list() []*inbox.Watcher {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*inbox.Watcher(nil), s.ws...)
}

// watchFoundSent finds the folder the server marks \Sent and watches it, trying again with
// backoff while the server is away; a server that marks none is logged once (then
// imap.sent_folder must name it).
func (d *Daemon) watchFoundSent(ctx context.Context, watchers *watcherSet) {
	backoff := time.Second
	for {
		pw, err := d.Config.IMAP.Secret(ctx)
		var name string
		if err == nil {
			dctx, cancel := context.WithTimeout(ctx, d.Config.IMAP.TimeoutDuration+time.Second)
			name, err = inbox.FindSent(dctx, d.Config.IMAP, pw)
			cancel()
		}
		switch {
		case err == nil && slices.Contains(d.Config.IMAP.Folders, name):
			return // watched already
		case err == nil:
			d.Logger.Info("the Sent folder found by its SPECIAL-USE mark", "folder", name)
			w := d.Watcher(name)
			watchers.add(w)
			w.Run(ctx)
			return
		case errors.Is(err, inbox.ErrNoSent):
			d.Logger.Warn("no Sent folder to watch: the owner's own mail to a contact will not be seen", "err", err)
			return
		}
		d.Logger.Warn("finding the Sent folder; will retry", "retry_in", backoff, "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Minute)
	}
}

// watchedFolders are the configured folders and the Sent folder, where the owner's
// hand-written mail to a contact shows.
func (d *Daemon) watchedFolders() []string {
	folders := append([]string(nil), d.Config.IMAP.Folders...)
	if sent := d.Config.IMAP.SentFolder; sent != "" && !slices.Contains(folders, sent) {
		folders = append(folders, sent)
	}
	return folders
}

// Watcher returns the inbox watcher of one folder, handing messages to the daemon.
func (d *Daemon) Watcher(folder string) *inbox.Watcher {
	return &inbox.Watcher{
		Config: d.Config.IMAP, Folder: folder, Cursors: d.Store, Handler: d.Assistant, Connected: d.OnWatcherReady, Stuck: d.Assistant.Stuck,
		Logger:   d.Logger.With("component", "inbox"),
		Password: func(ctx context.Context) (string, error) { return d.Config.IMAP.Secret(ctx) },
		FirstScan: func(ctx context.Context) time.Time {
			// Mail older than the earliest interview still followed cannot be a reply to it.
			since := d.Now().AddDate(0, 0, -1)
			if apps, err := d.Store.Applications(ctx); err == nil {
				for _, a := range apps {
					if a.Status == "active" && a.Interview.Start.Before(since) {
						since = a.Interview.Start.AddDate(0, 0, -1)
					}
				}
			}
			return since
		},
	}
}

func (d *Daemon) recoverWithRetry(ctx context.Context) error {
	backoff := time.Second
	for {
		err := d.out().Recover(ctx)
		if err == nil {
			return nil
		}
		d.Logger.Warn("recovering unfinished sends; will retry", "err", err, "retry_in", backoff)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Minute)
	}
}

// outboxLoop runs Tick on each kick (cron, a command, a new draft), and at the latest a
// minute after the last one, until ctx is done. A panic in a tick is logged and survived.
// A shutdown comes in two stages: when ctx ends no new send starts, and a send in flight
// may finish for ShutdownGrace; then its connection is closed (its outcome is then unknown
// if the end of DATA was written, and the owner is asked at the next start).
func (d *Daemon) outboxLoop(ctx context.Context) {
	send, cancelSend := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSend()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(d.ShutdownGrace, cancelSend) })
	defer stop()
	timer := time.NewTimer(time.Minute)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.kick:
		case <-timer.C:
		}
		began := time.Now()
		d.safeTick(ctx, send)
		d.lastTick.Store(time.Now().UnixNano())
		if d.OnTurn != nil {
			d.OnTurn(time.Since(began))
		}
		timer.Reset(d.out().NextWake(ctx))
	}
}

func (d *Daemon) safeTick(ctx, send context.Context) {
	defer func() {
		if r := recover(); r != nil {
			d.Logger.Error("panic in tick", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	if err := d.Tick(ctx, send); err != nil && !errors.Is(err, context.Canceled) {
		d.Logger.Warn("tick", "err", err)
	}
}

// digest queues the digest; cron runs it (cron only enqueues).
func (d *Daemon) digest(ctx context.Context) {
	if _, err := d.QueueDigest(ctx, false); err != nil {
		d.Logger.Warn("digest", "err", err)
	}
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
