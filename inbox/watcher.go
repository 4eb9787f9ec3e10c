package inbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"sort"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/store"
)

// Handler acts on new messages.
type Handler interface {
	// Handle acts on a message read from its header alone; body fetches the whole message
	// (nil when it is gone) for the few that need their text. An error leaves the message
	// unhandled: the watcher stops there and tries it again later.
	Handle(ctx context.Context, m *Message, body func() (*Message, error)) (Outcome, error)
	// Skip records a message that cannot be handled (a header that does not parse, a
	// handling that ran over its time budget) so that the watcher moves past it for good.
	Skip(ctx context.Context, m *Message, cause error) (Outcome, error)
}

// Cursors keeps where the watcher stopped in each folder; *store.Store is the real one.
type Cursors interface {
	Cursor(ctx context.Context, folder string) (store.Cursor, error)
	SetCursor(ctx context.Context, c store.Cursor) error
}

// HandleBudget bounds the handling of one message: one that runs over it is skipped, not
// retried, so that no message can keep the watcher from the next one.
const HandleBudget = 30 * time.Second

// Outcome is what a handler did with a message.
type Outcome struct {
	Seen     bool // mark it \Seen
	Recorded bool // the store changed: the cursor moves past it at once
}

// Watcher follows one folder: it catches up by UID from the stored cursor, then waits in
// IDLE (or polls, when the server has no IDLE) for more. go-imap has no reconnect and no
// context (its maintainer says so, issue #602): this loop is ours. Any error closes the
// connection; the watcher backs off (capped, exponential, jittered) and starts over.
type Watcher struct {
	Config   config.IMAP
	Folder   string
	Password func(context.Context) (string, error)
	Cursors  Cursors
	Handler  Handler
	Logger   *slog.Logger
	// FirstScan is where a folder with no cursor (or a changed UIDVALIDITY) is read from.
	FirstScan func(context.Context) time.Time

	MinBackoff, MaxBackoff time.Duration
	// Liveness is how often the watcher leaves IDLE to check with NOOP that the connection
	// is alive: a half-open TCP connection is not noticed otherwise.
	Liveness time.Duration

	// Stuck, when set, is called once when the same message has failed StuckAfter times
	// in a row: the watcher keeps trying it (a store error must not lose the owner's
	// word), and the owner is told why nothing happens.
	Stuck func(ctx context.Context, m *Message, attempts int, err error)

	failing struct { // the message whose handling keeps failing
		uid      imap.UID
		attempts int
	}

	ready atomic.Bool  // the current session got as far as watching
	alive atomic.Int64 // unix nanoseconds of the last turn of the loop (connected or not)
	// Connected, when set, is called each time a session is ready (after the catch-up).
	Connected func()
}

// LastAlive is when the watcher's loop last turned: connected, backing off, or woken in
// IDLE. A watcher stuck in a hung command stops turning.
func (w *Watcher) LastAlive() time.Time { return time.Unix(0, w.alive.Load()) }

func (w *Watcher) markAlive() { w.alive.Store(time.Now().UnixNano()) }

// ErrAuth is a login the server refused: the watcher backs off to its maximum, loudly.
var ErrAuth = errors.New("imap login refused")

// Run watches until ctx is done.
func (w *Watcher) Run(ctx context.Context) error {
	if w.MinBackoff == 0 {
		w.MinBackoff = time.Second
	}
	if w.MaxBackoff == 0 {
		w.MaxBackoff = 5 * time.Minute
	}
	if w.Liveness == 0 {
		w.Liveness = 10 * time.Minute
	}
	log := w.Logger.With("folder", w.Folder)
	backoff := w.MinBackoff
	for ctx.Err() == nil {
		w.markAlive()
		w.ready.Store(false)
		err := w.safeSession(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if w.ready.Load() {
			// The session got going (logged in, caught up): a server that drops a good
			// connection gets a prompt reconnect; one that keeps failing before that
			// gets ever longer waits.
			backoff = w.MinBackoff
		}
		wait := backoff/2 + rand.N(backoff/2+1)
		level := slog.LevelWarn
		if errors.Is(err, ErrAuth) {
			level, wait = slog.LevelError, w.MaxBackoff
		}
		// A session that never got going (dial, TLS, login, select, catch-up) is a failure
		// to connect, not the end of one: the log says which, with the reason.
		msg := "imap session ended; reconnecting"
		if !w.ready.Load() {
			msg = "imap: could not connect; retrying"
		}
		log.Log(ctx, level, msg, "addr", w.Config.Addr(), "err", err, "retry_in", wait.Round(time.Millisecond))
		w.markAlive()
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		backoff = min(backoff*2, w.MaxBackoff)
	}
	return nil
}

func (w *Watcher) safeSession(ctx context.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in imap session: %v\n%s", r, debug.Stack())
		}
	}()
	return w.session(ctx)
}

func (w *Watcher) session(ctx context.Context) error {
	kick := make(chan struct{}, 1)
	notify := func() {
		select {
		case kick <- struct{}{}:
		default:
		}
	}
	opts := &imapclient.Options{
		// Runs on the reader goroutine: only a non-blocking send, never a command.
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(*imapclient.UnilateralDataMailbox) { notify() },
			Expunge: func(uint32) {},
		},
	}
	pw, err := w.Password(ctx)
	if err != nil {
		return err
	}
	dialCtx, cancel := context.WithTimeout(ctx, w.Config.TimeoutDuration+time.Second)
	c, err := Dial(dialCtx, w.Config, pw, opts)
	cancel()
	if err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) && (ie.Code == imap.ResponseCodeAuthenticationFailed || ie.Type == imap.StatusResponseTypeNo) {
			return fmt.Errorf("%w: %v", ErrAuth, err)
		}
		return err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()

	sel, err := c.Select(w.Folder, nil).Wait()
	if err != nil {
		return fmt.Errorf("imap select %s: %w", w.Folder, err)
	}
	if err := w.guard(c, func(touch func()) error { return w.catchUp(ctx, c, sel.UIDValidity, touch) }); err != nil {
		return err
	}
	w.markAlive()
	canIdle := c.Caps().Has(imap.CapIdle) && (w.Config.IDLE == nil || *w.Config.IDLE)
	w.Logger.Info("watching", "folder", w.Folder, "idle", canIdle)
	w.ready.Store(true)
	if w.Connected != nil {
		w.Connected()
	}
	for {
		wake := w.Liveness
		if !canIdle {
			wake = w.Config.Poll
		}
		timer := time.NewTimer(wake)
		var idle *imapclient.IdleCommand
		if canIdle {
			// Starting IDLE waits for the server's "+ idling": bounded too.
			if err = w.guard(c, func(func()) (err error) { idle, err = c.Idle(); return err }); err != nil {
				timer.Stop()
				return fmt.Errorf("imap idle: %w", err)
			}
		}
		idleDone := make(chan error, 1)
		if idle != nil {
			go func() { idleDone <- idle.Wait() }()
		}
		timedOut := false
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-kick:
		case <-timer.C:
			timedOut = true
		case err := <-idleDone:
			timer.Stop()
			return fmt.Errorf("imap idle ended: %w", err)
		}
		timer.Stop()
		w.markAlive()
		if idle != nil {
			if err := idle.Close(); err != nil {
				return fmt.Errorf("imap idle done: %w", err)
			}
			// The server must answer DONE; a dead one never does, and go-imap has no
			// deadline of its own.
			select {
			case err := <-idleDone:
				if err != nil {
					return fmt.Errorf("imap idle: %w", err)
				}
			case <-time.After(w.Config.TimeoutDuration):
				c.Close()
				return fmt.Errorf("imap idle: no answer to DONE within %s", w.Config.TimeoutDuration)
			}
		}
		if timedOut || !canIdle {
			if err := w.noop(c); err != nil {
				return err
			}
		}
		if err := w.guard(c, func(touch func()) error { return w.catchUp(ctx, c, sel.UIDValidity, touch) }); err != nil {
			return err
		}
		w.markAlive()
	}
}

// guard runs fn and closes the connection when fn makes no progress (fn calls touch to
// report some) for the configured timeout: go-imap has no deadlines, and a dead server
// would otherwise hang any command. The blocked command then fails and the session ends.
func (w *Watcher) guard(c *imapclient.Client, fn func(touch func()) error) error {
	var last atomic.Int64
	touch := func() { last.Store(time.Now().UnixNano()) }
	touch()
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(max(w.Config.TimeoutDuration/4, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if time.Since(time.Unix(0, last.Load())) > w.Config.TimeoutDuration {
					c.Close()
					return
				}
			}
		}
	}()
	err := fn(touch)
	close(done)
	return err
}

// noop checks the connection with a deadline: a dead server cannot hang the watcher.
func (w *Watcher) noop(c *imapclient.Client) error {
	done := make(chan error, 1)
	go func() { done <- c.Noop().Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("imap noop: %w", err)
		}
		return nil
	case <-time.After(w.Config.TimeoutDuration):
		c.Close()
		return fmt.Errorf("imap noop: no answer within %s", w.Config.TimeoutDuration)
	}
}

// catchUp handles every message above the cursor, in UID order, advancing the cursor after
// each one. A folder seen for the first time, or whose UIDVALIDITY changed, is read from
// FirstScan's date; Message-IDs already recorded are not acted on twice.
func (w *Watcher) catchUp(ctx context.Context, c *imapclient.Client, uidValidity uint32, touch func()) error {
	cur, err := w.Cursors.Cursor(ctx, w.Folder)
	if err != nil {
		return err
	}
	var uids []imap.UID
	if cur.UIDValidity != uidValidity {
		since := time.Now().Add(-24 * time.Hour)
		if w.FirstScan != nil {
			since = w.FirstScan(ctx)
		}
		if cur.UIDValidity != 0 {
			w.Logger.Warn("UIDVALIDITY changed; rescanning", "folder", w.Folder, "old", cur.UIDValidity, "new", uidValidity, "since", since.Format("2006-01-02"))
		}
		res, err := c.UIDSearch(&imap.SearchCriteria{Since: since}, nil).Wait()
		if err != nil {
			return fmt.Errorf("imap search since %s: %w", since.Format("2006-01-02"), err)
		}
		touch()
		uids = res.AllUIDs()
		cur = store.Cursor{Folder: w.Folder, UIDValidity: uidValidity}
		if err := w.Cursors.SetCursor(ctx, cur); err != nil {
			return err
		}
	} else {
		// n:* always returns the highest message, even when its UID is below n: drop it.
		res, err := c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{{imap.UIDRange{Start: imap.UID(cur.LastUID + 1), Stop: 0}}}}, nil).Wait()
		if err != nil {
			return fmt.Errorf("imap search: %w", err)
		}
		touch()
		for _, u := range res.AllUIDs() {
			if uint32(u) > cur.LastUID {
				uids = append(uids, u)
			}
		}
	}
	sort.Slice(uids, func(i, j int) bool { return uids[i] < uids[j] })
	// Headers come in batches, one FETCH per batch: a catch-up over thousands of messages
	// costs a few round trips, not one per message. The cursor moves at the end of each
	// batch and after every message that changed the store, so that a crash acts on nothing
	// twice (what was not recorded was not acted on).
	for len(uids) > 0 {
		batch := uids[:min(len(uids), fetchBatch)]
		uids = uids[len(batch):]
		hdrs, err := fetchHeaders(c, batch, touch)
		if err != nil {
			return err
		}
		for _, uid := range batch {
			hdr, ok := hdrs[uid]
			if !ok {
				continue // expunged meanwhile
			}
			recorded, err := w.one(ctx, c, uidValidity, uid, hdr)
			if err != nil {
				if uint32(uid) > cur.LastUID+1 {
					cur.LastUID = uint32(uid) - 1
					if serr := w.Cursors.SetCursor(ctx, cur); serr != nil {
						return errors.Join(err, serr)
					}
				}
				return err
			}
			cur.LastUID = uint32(uid)
			if recorded {
				if err := w.Cursors.SetCursor(ctx, cur); err != nil {
					return err
				}
			}
			touch()
		}
		if err := w.Cursors.SetCursor(ctx, cur); err != nil {
			return err
		}
	}
	return nil
}

// fetchBatch is how many headers one FETCH asks for.
const fetchBatch = 500

// fetched is a message's header and when the server took the message (INTERNALDATE).
type fetched struct {
	header   []byte
	arrived  time.Time
	calendar bool // its structure holds an iCalendar part
}

// fetchHeaders fetches the headers of uids in one command, calling touch as each arrives.
func fetchHeaders(c *imapclient.Client, uids []imap.UID, touch func()) (map[imap.UID]fetched, error) {
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: maxHeader}}
	// The structure (not the body) says whether a message carries a calendar invitation,
	// whose body is then fetched: a few hundred bytes a message, not its text.
	cmd := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, InternalDate: true, BodyStructure: &imap.FetchItemBodyStructure{},
		BodySection: []*imap.FetchItemBodySection{section}})
	out := make(map[imap.UID]fetched, len(uids))
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		buf, err := msg.Collect()
		if err != nil {
			cmd.Close()
			return nil, fmt.Errorf("imap fetch headers: %w", err)
		}
		touch()
		for _, b := range buf.BodySection {
			out[buf.UID] = fetched{b.Bytes, buf.InternalDate, hasCalendar(buf.BodyStructure)}
		}
	}
	if err := cmd.Close(); err != nil {
		return nil, fmt.Errorf("imap fetch headers: %w", err)
	}
	return out, nil
}

// one hands a message, read from its header, to the handler, which fetches the body when
// it needs it. A message that cannot be parsed is logged, recorded and skipped: it never
// stops the watcher. It reports whether the store changed.
func (w *Watcher) one(ctx context.Context, c *imapclient.Client, uidValidity uint32, uid imap.UID, f fetched) (bool, error) {
	m, perr := Parse(f.header)
	if perr != nil {
		m = &Message{Subject: "(a header that does not parse)"}
	}
	arrived := f.arrived
	m.Folder, m.UIDValidity, m.UID, m.Arrived, m.HasCalendar, m.HeaderOnly = w.Folder, uidValidity, uint32(uid), arrived, f.calendar, true
	if perr != nil {
		out, err := w.Handler.Skip(ctx, m, fmt.Errorf("%w: header: %v", ErrUnreadable, perr))
		return out.Recorded, err
	}
	body := func() (*Message, error) {
		raw, err := fetchSection(c, uid, &imap.FetchItemBodySection{Peek: true})
		if err != nil || raw == nil {
			return nil, err
		}
		full, err := Parse(raw)
		if err != nil {
			return nil, nil // the header parsed; a broken body is read as none
		}
		full.Folder, full.UIDValidity, full.UID, full.Arrived, full.HasCalendar = w.Folder, uidValidity, uint32(uid), arrived, f.calendar
		return full, nil
	}
	hctx, cancel := context.WithTimeout(ctx, HandleBudget)
	out, err := w.Handler.Handle(hctx, m, body)
	overrun := errors.Is(hctx.Err(), context.DeadlineExceeded)
	cancel()
	if err != nil && overrun && ctx.Err() == nil {
		out, err = w.Handler.Skip(ctx, m, fmt.Errorf("%w: handling it took over %s", ErrUnreadable, HandleBudget))
	}
	if err != nil {
		w.failed(ctx, uid, m, err)
		return false, fmt.Errorf("handle uid %d: %w", uid, err)
	}
	w.failing.uid, w.failing.attempts = 0, 0
	if out.Seen {
		if err := c.Store(imap.UIDSetNum(uid), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
			return out.Recorded, fmt.Errorf("imap store \\Seen: %w", err)
		}
	}
	return out.Recorded, nil
}

// StuckAfter is how many failed attempts in a row at one message make the watcher tell
// the owner (through Stuck); it goes on trying, with its backoff, however many there are.
const StuckAfter = 5

// failed counts a failed attempt at uid, and reports it once it has failed StuckAfter times.
func (w *Watcher) failed(ctx context.Context, uid imap.UID, m *Message, err error) {
	if w.failing.uid != uid {
		w.failing.uid, w.failing.attempts = uid, 0
	}
	w.failing.attempts++
	if w.failing.attempts == StuckAfter && w.Stuck != nil {
		w.Stuck(ctx, m, w.failing.attempts, err)
	}
}

// maxMessage bounds what is fetched of one message.
const maxMessage = 10 << 20

func fetchSection(c *imapclient.Client, uid imap.UID, section *imap.FetchItemBodySection) ([]byte, error) {
	section.Partial = &imap.SectionPartial{Offset: 0, Size: maxMessage}
	msgs, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return nil, fmt.Errorf("imap fetch uid %d: %w", uid, err)
	}
	for _, m := range msgs {
		for _, b := range m.BodySection {
			return b.Bytes, nil
		}
	}
	return nil, nil
}

// hasCalendar reports whether a body structure holds an iCalendar part, looking at most
// MaxParts parts and MaxDepth levels deep.
func hasCalendar(bs imap.BodyStructure) bool {
	found, n := false, 0
	var walk func(bs imap.BodyStructure, depth int)
	walk = func(bs imap.BodyStructure, depth int) {
		if found || bs == nil || depth > MaxDepth || n > MaxParts {
			return
		}
		n++
		switch b := bs.(type) {
		case *imap.BodyStructureSinglePart:
			found = isCalendarType(b.MediaType())
		case *imap.BodyStructureMultiPart:
			for _, c := range b.Children {
				walk(c, depth+1)
			}
		}
	}
	walk(bs, 0)
	return found
}
