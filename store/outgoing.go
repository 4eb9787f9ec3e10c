package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/followupd/followup/policy"
)

// OutKind is what a queued mail is.
type OutKind string

const (
	KindFollowUp OutKind = "followup" // the sending of a draft: a follow-up to a contact, or the move-on notice
	KindApproval OutKind = "approval" // an approval request (or the question about an unknown send)
	KindNotice   OutKind = "notice"   // a notice or a confirmation
	KindDigest   OutKind = "digest"
)

// OutState is where a queued mail stands: queued → sending → sent | failed | unknown, or
// cancelled before it left.
type OutState string

const (
	OutQueued    OutState = "queued"
	OutSending   OutState = "sending" // taken by the deliver loop; the SMTP transaction may be under way
	OutSent      OutState = "sent"
	OutFailed    OutState = "failed"
	OutUnknown   OutState = "unknown" // it may or may not have gone out: never sent again without the owner's word
	OutCancelled OutState = "cancelled"
)

// Outgoing is one mail in the one outgoing queue.
type Outgoing struct {
	ID      int64
	Kind    OutKind
	DraftID int64 // a follow-up's draft, or the draft an approval request asks about
	State   OutState
	// ToOwner: to the owner, at the address configured when it leaves. No approval is
	// needed, and a second copy harms nobody, so an unclear outcome is retried.
	ToOwner    bool
	ToName     string
	To         string
	Subject    string
	Body       string
	HTML       string
	Headers    map[string]string
	MessageID  string // without angle brackets
	InReplyTo  string
	References string
	// Polite mail leaves only inside the send window, on the clock of TZ (the recipient's
	// zone; "" for the owner's).
	Polite   bool
	TZ       string
	Holidays string // the recipient's holiday calendar ("us", "de/by"; "" for the owner's)
	// Key coalesces notices: while one with the same key was queued within
	// CoalesceWindow, a new one is dropped.
	Key       string
	Due       time.Time // the queue leaves in this order
	NextAt    time.Time // not before: a retry, or the queue held
	Attempts  int
	LastError string
	CreatedAt time.Time
	TriedAt   time.Time
	SentAt    time.Time
}

// CoalesceWindow is how long a notice's key keeps others with the same key out.
const CoalesceWindow = time.Hour

// ErrCancelled is a queued mail that must not leave any more: its draft was skipped or
// cancelled, its application ended, or the approval request it is no longer awaited.
var ErrCancelled = errors.New("cancelled")

const outColumns = `id, kind, coalesce(draft_id, 0), state, to_owner, to_name, to_addr, subject, body, html, headers, message_id,
	in_reply_to, refs, polite, tz, holidays, coalesce_key, due_at, next_at, attempts, last_error, created_at, tried_at, sent_at`

func scanOutgoing(sc interface{ Scan(...any) error }) (Outgoing, error) {
	var o Outgoing
	var kind, state, headers, due, next, created, tried, sent string
	err := sc.Scan(&o.ID, &kind, &o.DraftID, &state, &o.ToOwner, &o.ToName, &o.To, &o.Subject, &o.Body, &o.HTML, &headers, &o.MessageID,
		&o.InReplyTo, &o.References, &o.Polite, &o.TZ, &o.Holidays, &o.Key, &due, &next, &o.Attempts, &o.LastError, &created, &tried, &sent)
	if err != nil {
		return o, err
	}
	o.Kind, o.State = OutKind(kind), OutState(state)
	o.Due, o.NextAt, o.CreatedAt, o.TriedAt, o.SentAt = parseTime(due), parseTime(next), parseTime(created), parseTime(tried), parseTime(sent)
	if headers != "" {
		if err := json.Unmarshal([]byte(headers), &o.Headers); err != nil {
			return o, fmt.Errorf("outgoing %d: headers: %w", o.ID, err)
		}
	}
	return o, nil
}

// Enqueue queues a mail, due at o.Due (at once when zero). It returns 0 when o has a key and
// a mail with the same key was queued within CoalesceWindow.
func (s *Store) Enqueue(ctx context.Context, o Outgoing) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = enqueue(ctx, tx, o)
		return err
	})
	return id, err
}

func enqueue(ctx context.Context, tx *sql.Tx, o Outgoing) (int64, error) {
	if o.Kind == "" {
		o.Kind = KindNotice
	}
	if o.Due.IsZero() {
		o.Due = o.CreatedAt
	}
	if o.NextAt.Before(o.Due) {
		o.NextAt = o.Due
	}
	if o.Key != "" {
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM outgoing WHERE coalesce_key = ? AND created_at > ?`,
			o.Key, fmtTime(o.CreatedAt.Add(-CoalesceWindow))).Scan(&dup); err != nil {
			return 0, err
		}
		if dup > 0 {
			return 0, nil
		}
	}
	headers := ""
	if len(o.Headers) > 0 {
		b, err := json.Marshal(o.Headers)
		if err != nil {
			return 0, err
		}
		headers = string(b)
	}
	var draft any
	if o.DraftID != 0 {
		draft = o.DraftID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outgoing (kind, draft_id, state, to_owner, to_name, to_addr, subject, body, html, headers,
		message_id, in_reply_to, refs, polite, tz, holidays, coalesce_key, due_at, next_at, created_at)
		VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(o.Kind), draft, o.ToOwner, o.ToName, o.To, o.Subject, o.Body, o.HTML, headers,
		o.MessageID, o.InReplyTo, o.References, o.Polite, o.TZ, o.Holidays, o.Key, fmtTime(o.Due), fmtTime(o.NextAt), fmtTime(o.CreatedAt))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// DueOutgoing returns at most limit queued mails that may leave by now, in the order they
// were due; polite mail (to contacts) only when open(tz, holidays) says the send window is
// open on that recipient's clock and calendar.
func (s *Store) DueOutgoing(ctx context.Context, now time.Time, open func(tz, holidays string) bool, limit int) ([]Outgoing, error) {
	closed := []any{}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT tz, holidays FROM outgoing WHERE state = 'queued' AND polite = 1 AND next_at <= ?`, fmtTime(now))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var tz, hol string
		if err := rows.Scan(&tz, &hol); err != nil {
			rows.Close()
			return nil, err
		}
		if open == nil || !open(tz, hol) {
			closed = append(closed, tz+"|"+hol)
		}
	}
	rows.Close()
	cond := ``
	if len(closed) > 0 {
		cond = ` AND NOT (polite = 1 AND tz || '|' || holidays IN (?` + strings.Repeat(`, ?`, len(closed)-1) + `))`
	}
	args := append(append([]any{fmtTime(now)}, closed...), limit)
	// Follow-ups first, then what the owner's own mail and the company's answers call for;
	// the strangers' notice and the digest wait behind them.
	return s.outgoing(ctx, ` WHERE state = 'queued' AND next_at <= ?`+cond+
		` ORDER BY CASE WHEN kind = 'followup' THEN 0 WHEN kind = 'digest' OR coalesce_key = '`+StrangersKey+`' THEN 2 ELSE 1 END, due_at, id LIMIT ?`, args...)
}

// OutgoingIn returns the mail in the queue in one of states, oldest first.
func (s *Store) OutgoingIn(ctx context.Context, states ...OutState) ([]Outgoing, error) {
	if len(states) == 0 {
		return nil, nil
	}
	args := make([]any, len(states))
	for i, st := range states {
		args[i] = string(st)
	}
	return s.outgoing(ctx, ` WHERE state IN (?`+strings.Repeat(`, ?`, len(states)-1)+`) ORDER BY id`, args...)
}

// OutgoingFor returns the mail queued for a draft (its sending and its approval requests).
func (s *Store) OutgoingFor(ctx context.Context, draftID int64) ([]Outgoing, error) {
	return s.outgoing(ctx, ` WHERE draft_id = ? ORDER BY id`, draftID)
}

func (s *Store) outgoing(ctx context.Context, where string, args ...any) ([]Outgoing, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outColumns+` FROM outgoing`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Outgoing
	for rows.Next() {
		o, err := scanOutgoing(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// NextOutgoing is when the earliest queued mail may leave: mail that needs no window (zero
// when there is none), and polite mail by the recipient's zone and holiday calendar,
// "tz|holidays" (it also waits for the send window on that clock and calendar).
func (s *Store) NextOutgoing(ctx context.Context) (any time.Time, polite map[string]time.Time, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT polite, tz || '|' || holidays, min(next_at) FROM outgoing WHERE state = 'queued' GROUP BY polite, tz, holidays`)
	if err != nil {
		return time.Time{}, nil, err
	}
	defer rows.Close()
	polite = map[string]time.Time{}
	for rows.Next() {
		var p bool
		var tz, next string
		if err := rows.Scan(&p, &tz, &next); err != nil {
			return time.Time{}, nil, err
		}
		if t := parseTime(next); !p && (any.IsZero() || t.Before(any)) {
			any = t
		} else if p {
			polite[tz] = t
		}
	}
	return any, polite, rows.Err()
}

// Take moves a queued mail to sending before its SMTP transaction, with its attempt counted
// and, for a draft's sending, the draft moved from approved to sending in the same
// transaction, which checks that the application is still active. A mail that must not
// leave any more (its draft no longer approved, its application ended, an approval request
// no longer awaited) is cancelled instead, and ErrCancelled returned. newID makes a
// Message-ID for a mail that has none yet.
func (s *Store) Take(ctx context.Context, id int64, now time.Time, newID func() string) (Outgoing, error) {
	var o Outgoing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if o, err = outgoingByID(ctx, tx, id); err != nil {
			return err
		}
		if o.State != OutQueued {
			return fmt.Errorf("outgoing %d is %s: %w", id, o.State, ErrTransition)
		}
		if o.MessageID == "" {
			o.MessageID = newID()
		}
		if why, err := s.stillWanted(ctx, tx, o); err != nil {
			return err
		} else if why != "" {
			o.State, o.LastError = OutCancelled, why
			_, err := tx.ExecContext(ctx, `UPDATE outgoing SET state = 'cancelled', last_error = ? WHERE id = ?`, why, id)
			return err
		}
		if o.Kind == KindFollowUp && o.DraftID != 0 {
			if _, err := s.transition(ctx, tx, o.DraftID, []State{Approved}, Sending, func(m *Message) {
				m.MessageID = o.MessageID
				m.Attempts++
			}); err != nil {
				return err
			}
		}
		o.State, o.Attempts, o.TriedAt = OutSending, o.Attempts+1, now
		_, err = tx.ExecContext(ctx, `UPDATE outgoing SET state = 'sending', attempts = ?, tried_at = ?, message_id = ? WHERE id = ?`,
			o.Attempts, fmtTime(now), o.MessageID, id)
		return err
	})
	if err == nil && o.State == OutCancelled {
		return o, fmt.Errorf("outgoing %d: %s: %w", id, o.LastError, ErrCancelled)
	}
	return o, err
}

func outgoingByID(ctx context.Context, tx *sql.Tx, id int64) (Outgoing, error) {
	o, err := scanOutgoing(tx.QueryRowContext(ctx, `SELECT `+outColumns+` FROM outgoing WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("outgoing %d: %w", id, ErrNotFound)
	}
	return o, err
}

// stillWanted says why a queued mail must not leave any more, or "" when it may.
func (s *Store) stillWanted(ctx context.Context, tx *sql.Tx, o Outgoing) (string, error) {
	if o.DraftID == 0 {
		return "", nil
	}
	var state, approvalID, status, kind string
	err := tx.QueryRowContext(ctx, `SELECT m.state, m.approval_msgid, a.status, m.kind FROM messages m JOIN applications a ON a.id = m.application_id
		WHERE m.id = ?`, o.DraftID).Scan(&state, &approvalID, &status, &kind)
	if errors.Is(err, sql.ErrNoRows) {
		return "the draft is gone", nil
	} else if err != nil {
		return "", err
	}
	switch {
	case o.Kind == KindFollowUp && State(state) != Approved:
		return "the draft is " + state, nil
	case o.Kind == KindFollowUp && !MayGo(policy.Status(status), policy.Kind(kind)):
		return "the application is " + status, nil
	case o.Kind == KindApproval && (approvalID != o.MessageID || (State(state) != AwaitingApproval && State(state) != Unknown)):
		return "no longer needed: the draft is " + state, nil
	}
	return "", nil
}

// Settlement is how a send ended, for Settle.
type Settlement struct {
	To     OutState // OutSent, OutFailed, OutUnknown, or OutQueued to try again at NextAt
	At     time.Time
	NextAt time.Time
	Error  string
}

// Settle records how the sending of a mail ended, and for a draft's sending moves the draft
// the same way in the same transaction: sent, failed, unknown (its approval token cleared:
// the owner is asked afresh), or back to approved for another try.
func (s *Store) Settle(ctx context.Context, id int64, st Settlement) (Outgoing, error) {
	var o Outgoing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if o, err = outgoingByID(ctx, tx, id); err != nil {
			return err
		}
		if o.State != OutSending {
			return fmt.Errorf("outgoing %d is %s, cannot become %s: %w", id, o.State, st.To, ErrTransition)
		}
		o.State, o.LastError = st.To, st.Error
		if st.To == OutSent {
			o.SentAt = st.At
		}
		if st.To == OutQueued {
			o.NextAt = st.NextAt
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outgoing SET state = ?, last_error = ?, sent_at = ?, next_at = ? WHERE id = ?`,
			string(o.State), o.LastError, fmtTime(o.SentAt), fmtTime(o.NextAt), id); err != nil {
			return err
		}
		if o.Kind != KindFollowUp || o.DraftID == 0 {
			return nil
		}
		draft := map[OutState]State{OutSent: Sent, OutFailed: Failed, OutUnknown: Unknown, OutQueued: Approved}[st.To]
		if draft == "" {
			return fmt.Errorf("outgoing %d: cannot settle as %s", id, st.To)
		}
		_, err = s.transition(ctx, tx, o.DraftID, []State{Sending}, draft, func(m *Message) {
			m.LastError = st.Error
			switch draft {
			case Sent:
				m.SentAt = st.At
			case Unknown:
				m.Token, m.ApprovalID = "", "" // not asked yet: the owner is asked until they are
			case Approved:
				m.NextAttempt = st.NextAt
			}
		})
		return err
	})
	return o, err
}

// HoldQueue makes every queued mail wait until at least until (one whose retry is later
// keeps it). After a failure that would fail any mail, such as the SMTP server being
// unreachable, the queue waits as one and resumes in the order it was due, rather than each
// mail retrying on its own backoff and overtaking the others.
func (s *Store) HoldQueue(ctx context.Context, until time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE outgoing SET next_at = ? WHERE state = 'queued' AND next_at < ?`,
		fmtTime(until), fmtTime(until))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// SentSince counts the mail that may have left at or after t, for the hourly and daily
// limits, which count everything: sent, being sent, or unknown (the provider may have
// counted it).
func (s *Store) SentSince(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM outgoing WHERE tried_at >= ? AND tried_at != ''
		AND state IN ('sent', 'sending', 'unknown')`, fmtTime(t)).Scan(&n)
	return n, err
}

// EnqueueWith is Transition and, in the same transaction, the queueing of the mail that
// follows from the move (a draft's approval request, or its sending once approved), built
// by mail from the message as moved: the draft never waits for an answer to a request that
// was not queued, nor is approved without its sending queued.
func (s *Store) EnqueueWith(ctx context.Context, id int64, from []State, to State, edit func(*Message), mail func(Message) Outgoing) (Message, error) {
	var m Message
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if m, err = s.transition(ctx, tx, id, from, to, edit); err != nil {
			return err
		}
		o := mail(m)
		o.DraftID = id
		_, err = enqueue(ctx, tx, o)
		return err
	})
	return m, err
}

// StrangersKey is the key of the one notice an hour that lists the mail strangers can cause
// (EnqueueListed): it waits behind every other mail, and takes no part of the hourly limit
// kept for follow-ups and approval requests.
const StrangersKey = "strangers"

// ListedItems bounds how many items one listed notice holds; more are counted, not listed.
const ListedItems = 40

// EnqueueListed adds item to the one notice with o's key that is still queued, or queues a
// new notice o holding it: due at once, or an hour after the last one with that key. Every
// notice a stranger can cause goes this way, so that strangers get the owner at most one
// notice an hour in all, listing what came, and nothing they send goes unsaid. Items are
// listed at the end of the body, above its signature ("-- "); past ListedItems they are
// counted instead, except an item to keep (one the owner may act on, such as an invitation
// to track): it goes into the next notice, an hour after the full one. A kept item also
// gives the notice o's subject.
func (s *Store) EnqueueListed(ctx context.Context, o Outgoing, item string, keep bool) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = enqueueListed(ctx, tx, o, item, keep)
		return err
	})
	return id, err
}

func enqueueListed(ctx context.Context, tx *sql.Tx, o Outgoing, item string, keep bool) (id int64, err error) {
	if o.Key == "" {
		return 0, errors.New("a listed notice needs a key")
	}
	item = "- " + strings.ReplaceAll(strings.TrimSpace(item), "\n", "\n  ") + "\n"
	var body string
	err = tx.QueryRowContext(ctx, `SELECT id, body FROM outgoing WHERE coalesce_key = ? AND state = 'queued' ORDER BY id DESC LIMIT 1`,
		o.Key).Scan(&id, &body)
	switch {
	case err == nil && (!keep || listed(body) < ListedItems):
		subject := ""
		if keep {
			subject = o.Subject
		}
		_, err = tx.ExecContext(ctx, `UPDATE outgoing SET body = ?, subject = CASE WHEN ? != '' THEN ? ELSE subject END WHERE id = ?`,
			listItem(body, item), subject, subject, id)
		return id, err
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	// None queued, or the one queued is full: a new notice, an hour after the last.
	var last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT max(due_at) FROM outgoing WHERE coalesce_key = ?`, o.Key).Scan(&last); err != nil {
		return 0, err
	}
	o.Due = o.CreatedAt
	if last.Valid {
		if t := parseTime(last.String).Add(CoalesceWindow); t.After(o.Due) {
			o.Due = t
		}
	}
	o.Body = listItem(o.Body, item)
	key := o.Key
	o.Key = "" // coalesced here: enqueue would drop it
	if id, err = enqueue(ctx, tx, o); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE outgoing SET coalesce_key = ? WHERE id = ?`, key, id)
	return id, err
}

// listed counts the items a listed notice's body holds.
func listed(body string) int {
	if at := strings.LastIndex(body, "\n-- \n"); at >= 0 {
		body = body[:at]
	}
	return strings.Count(body, "\n- ")
}

// listItem adds item to the list at the end of body, above its signature; past ListedItems
// it counts them instead.
func listItem(body, item string) string {
	at := strings.LastIndex(body, "\n-- \n")
	if at < 0 {
		at = len(body)
	}
	head, sig := body[:at], body[at:]
	const more = "- and more: "
	if listed(body) < ListedItems {
		return strings.TrimRight(head, "\n") + "\n" + item + sig
	}
	n := 0
	if i := strings.LastIndex(head, more); i >= 0 {
		fmt.Sscanf(head[i+len(more):], "%d", &n)
		head = head[:i]
	}
	return strings.TrimRight(head, "\n") + "\n" + fmt.Sprintf("%s%d (followup's log lists every one)\n", more, n+1) + sig
}

// ListedNotice returns the strangers' notice (StrangersKey) with Message-ID id, the one the
// owner answers "resume 3" to; found is false when there is none.
func (s *Store) ListedNotice(ctx context.Context, id string) (o Outgoing, found bool, err error) {
	if id == "" {
		return Outgoing{}, false, nil
	}
	list, err := s.outgoing(ctx, ` WHERE message_id = ? COLLATE NOCASE AND coalesce_key = ? LIMIT 1`, id, StrangersKey)
	if err != nil || len(list) == 0 {
		return Outgoing{}, false, err
	}
	return list[0], true, nil
}
