package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/followupd/followup/policy"
)

// State is where an outgoing message stands.
type State string

const (
	Drafted          State = "drafted"
	AwaitingApproval State = "awaiting_approval"
	Approved         State = "approved"
	Sending          State = "sending" // its Message-ID is committed; the SMTP transaction may be under way
	Sent             State = "sent"
	Skipped          State = "skipped"
	Cancelled        State = "cancelled"
	Failed           State = "failed"
	Unknown          State = "unknown" // a crash left it unclear whether it went out: the owner decides
)

// transitions is the state machine. A message is never moved back from sent, and it
// reaches sending only from approved, so nothing is sent without approval.
var transitions = map[State][]State{
	Drafted:          {AwaitingApproval, Approved, Skipped, Cancelled},
	AwaitingApproval: {Approved, Skipped, Cancelled},
	Approved:         {Sending, Skipped, Cancelled},
	Sending:          {Sent, Approved, Failed, Unknown, Cancelled},
	Unknown:          {Sent, Approved, Skipped, Cancelled},
}

// CanMove reports whether the state machine allows from → to.
func CanMove(from, to State) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Final reports whether nothing more can happen to a message in this state.
func (s State) Final() bool { return len(transitions[s]) == 0 }

// Message is an outgoing follow-up (or a notice to the owner, for MoveOn).
type Message struct {
	ID          int64
	AppID       int64
	ContactID   int64 // 0 for notices to the owner
	Kind        policy.Kind
	Seq         int
	State       State
	Due         time.Time
	Rule        string
	Subject     string
	Body        string
	MessageID   string // without angle brackets
	InReplyTo   string
	References  string // space-separated, with angle brackets
	Token       string
	ApprovalID  string // the Message-ID of the approval request sent to the owner
	Attempts    int
	NextAttempt time.Time
	LastError   string
	SentAt      time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

const msgColumns = `id, application_id, coalesce(contact_id, 0), kind, seq, state, due_at, rule, subject, body, message_id,
	in_reply_to, refs, token, approval_msgid, attempts, next_attempt, last_error, sent_at, created_at, updated_at`

func scanMessage(sc interface{ Scan(...any) error }) (Message, error) {
	var m Message
	var kind, state, due, next, sent, created, updated string
	err := sc.Scan(&m.ID, &m.AppID, &m.ContactID, &kind, &m.Seq, &state, &due, &m.Rule, &m.Subject, &m.Body, &m.MessageID,
		&m.InReplyTo, &m.References, &m.Token, &m.ApprovalID, &m.Attempts, &next, &m.LastError, &sent, &created, &updated)
	m.Kind, m.State = policy.Kind(kind), State(state)
	m.Due, m.NextAttempt, m.SentAt = parseTime(due), parseTime(next), parseTime(sent)
	m.CreatedAt, m.UpdatedAt = parseTime(created), parseTime(updated)
	return m, err
}

// MessageFilter selects messages; zero fields select all.
type MessageFilter struct {
	AppID  int64
	States []State
}

// Messages returns the messages that match f, by due time.
func (s *Store) Messages(ctx context.Context, f MessageFilter) ([]Message, error) {
	var cond string
	var args []any
	if f.AppID != 0 {
		cond += ` AND application_id = ?`
		args = append(args, f.AppID)
	}
	if len(f.States) > 0 {
		cond += ` AND state IN (?` + strings.Repeat(`, ?`, len(f.States)-1) + `)`
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	return s.messages(ctx, cond, args)
}

// messages returns the messages that match the conditions cond (" AND …"), by due time.
func (s *Store) messages(ctx context.Context, cond string, args []any) ([]Message, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+msgColumns+` FROM messages WHERE 1=1`+cond+` ORDER BY due_at, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// LatestLetters returns the bodies of the n letters to contacts drafted last (thank-yous,
// the thanks to a coordinator, check-ins), the latest first, whatever became of them: a new
// letter is written apart from them (mailer.Data.Heard).
func (s *Store) LatestLetters(ctx context.Context, n int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT body FROM messages WHERE kind IN (?, ?, ?) AND body != '' ORDER BY id DESC LIMIT ?`,
		string(policy.ThankYou), string(policy.ThankCoordinator), string(policy.CheckIn), n)
	if err != nil {
		return nil, fmt.Errorf("latest letters: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("latest letters: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// Message returns one message.
func (s *Store) Message(ctx context.Context, id int64) (Message, error) {
	m, err := scanMessage(s.db.QueryRowContext(ctx, `SELECT `+msgColumns+` FROM messages WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("draft %d: %w", id, ErrNotFound)
	}
	return m, err
}

// AddMessage queues a drafted message. A message for the same follow-up (application,
// kind, contact, sequence) that already exists is left alone: created is false. A message
// for an application that is no longer active is refused with ErrTransition.
func (s *Store) AddMessage(ctx context.Context, m Message) (id int64, created bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = ?`, m.AppID).Scan(&status); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("application %d: %w", m.AppID, ErrNotFound)
			}
			return err
		}
		if !MayGo(policy.Status(status), m.Kind) {
			return fmt.Errorf("application %d is %s: %w", m.AppID, status, ErrTransition)
		}
		if m.State == "" {
			m.State = Drafted
		}
		var contact any
		if m.ContactID != 0 {
			contact = m.ContactID
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO messages (application_id, contact_id, kind, seq, state, due_at, rule, subject, body,
			message_id, in_reply_to, refs, token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`,
			m.AppID, contact, string(m.Kind), m.Seq, string(m.State), fmtTime(m.Due), m.Rule, m.Subject, m.Body,
			m.MessageID, m.InReplyTo, m.References, m.Token, now, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			id, _ = res.LastInsertId()
			created = true
			return addEvent(ctx, tx, m.AppID, s.Now(), "drafted", fmt.Sprintf("%s drafted (draft %d), due %s", m.Kind, id, fmtTime(m.Due)))
		}
		return tx.QueryRowContext(ctx, `SELECT id FROM messages WHERE application_id = ? AND kind = ? AND coalesce(contact_id, 0) = ? AND seq = ?`,
			m.AppID, string(m.Kind), m.ContactID, m.Seq).Scan(&id)
	})
	return id, created, err
}

// Transition moves message id from one of the states in from to state to, applying edit to
// it in the same transaction (edit may be nil; to may be the current state, to edit only). It refuses, with ErrTransition, a message
// that is not in one of from, a move the state machine forbids, and any move of a message
// towards sending whose application is no longer active.
func (s *Store) Transition(ctx context.Context, id int64, from []State, to State, edit func(*Message)) (Message, error) {
	var m Message
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = s.transition(ctx, tx, id, from, to, edit)
		return err
	})
	return m, err
}

func (s *Store) transition(ctx context.Context, tx *sql.Tx, id int64, from []State, to State, edit func(*Message)) (Message, error) {
	var m Message
	err := func() error {
		var err error
		m, err = scanMessage(tx.QueryRowContext(ctx, `SELECT `+msgColumns+` FROM messages WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("draft %d: %w", id, ErrNotFound)
		} else if err != nil {
			return err
		}
		ok := len(from) == 0
		for _, f := range from {
			ok = ok || m.State == f
		}
		if !ok || (to != m.State && !CanMove(m.State, to)) {
			return fmt.Errorf("draft %d is %s, cannot become %s: %w", id, m.State, to, ErrTransition)
		}
		if to == Approved || to == Sending {
			var status, reason string
			if err := tx.QueryRowContext(ctx, `SELECT status, status_reason FROM applications WHERE id = ?`, m.AppID).Scan(&status, &reason); err != nil {
				return err
			}
			if !MayGo(policy.Status(status), m.Kind) {
				return fmt.Errorf("draft %d: application %d is %s: %w", id, m.AppID, status, ErrTransition)
			}
		}
		from := m.State
		m.State = to
		if edit != nil {
			edit(&m)
		}
		m.UpdatedAt = s.Now()
		_, err = tx.ExecContext(ctx, `UPDATE messages SET state = ?, due_at = ?, subject = ?, body = ?, message_id = ?, in_reply_to = ?,
			refs = ?, token = ?, approval_msgid = ?, attempts = ?, next_attempt = ?, last_error = ?, sent_at = ?, updated_at = ? WHERE id = ?`,
			string(m.State), fmtTime(m.Due), m.Subject, m.Body, m.MessageID, m.InReplyTo, m.References, m.Token, m.ApprovalID, m.Attempts,
			fmtTime(m.NextAttempt), m.LastError, fmtTime(m.SentAt), fmtTime(m.UpdatedAt), id)
		if err != nil {
			return err
		}
		return addEvent(ctx, tx, m.AppID, s.Now(), string(to), fmt.Sprintf("draft %d (%s): %s → %s", id, m.Kind, from, to))
	}()
	return m, err
}

// MessageByToken returns the message whose approval request carries token.
func (s *Store) MessageByToken(ctx context.Context, token string) (Message, error) {
	if token == "" {
		return Message{}, fmt.Errorf("empty token: %w", ErrNotFound)
	}
	m, err := scanMessage(s.db.QueryRowContext(ctx, `SELECT `+msgColumns+` FROM messages WHERE token = ?`, token))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("no draft has that token: %w", ErrNotFound)
	}
	return m, err
}

// MessageByMessageID returns the message the daemon sent (or is sending) with this Message-ID.
func (s *Store) MessageByMessageID(ctx context.Context, id string) (Message, error) {
	st, err := s.stmt(ctx, `SELECT `+msgColumns+` FROM messages WHERE message_id = ? COLLATE NOCASE AND message_id != ''`)
	if err != nil {
		return Message{}, err
	}
	m, err := scanMessage(st.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("message-id %s: %w", id, ErrNotFound)
	}
	return m, err
}

// LastSentTo returns the latest message sent to a contact, for threading.
func (s *Store) LastSentTo(ctx context.Context, contactID int64) (Message, bool, error) {
	m, err := scanMessage(s.db.QueryRowContext(ctx, `SELECT `+msgColumns+` FROM messages
		WHERE contact_id = ? AND state IN ('sent', 'unknown') AND message_id != '' ORDER BY sent_at DESC, id DESC LIMIT 1`, contactID))
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	return m, err == nil, err
}
