package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Cursor is where the watcher stopped in a folder.
type Cursor struct {
	Folder      string
	UIDValidity uint32
	LastUID     uint32
}

// Cursor returns the folder's cursor; a folder never seen has the zero cursor.
func (s *Store) Cursor(ctx context.Context, folder string) (Cursor, error) {
	c := Cursor{Folder: folder}
	err := s.db.QueryRowContext(ctx, `SELECT uidvalidity, last_uid FROM imap_cursors WHERE folder = ?`, folder).Scan(&c.UIDValidity, &c.LastUID)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	return c, err
}

// SetCursor stores the folder's cursor.
func (s *Store) SetCursor(ctx context.Context, c Cursor) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO imap_cursors (folder, uidvalidity, last_uid) VALUES (?, ?, ?)
			ON CONFLICT (folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid`,
			c.Folder, c.UIDValidity, c.LastUID)
		return err
	})
}

// Inbound is a message the watcher has seen and what it took it for.
type Inbound struct {
	MessageID   string
	Folder      string
	UIDValidity uint32
	UID         uint32
	Kind        string
	Reason      string
	AppID       int64
	From        string
	Subject     string
	ReceivedAt  time.Time
}

// RecordInbound stores what the watcher made of a message. It reports false when a
// message with that Message-ID was already recorded (a re-scan after a UIDVALIDITY change,
// or the same mail in two folders), so the caller does not act on it twice.
func (s *Store) RecordInbound(ctx context.Context, in Inbound) (first bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if in.MessageID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM inbound WHERE message_id = ?`, in.MessageID).Scan(&n); err != nil {
				return err
			}
			first = n == 0
		} else {
			first = true
		}
		var app any
		if in.AppID != 0 {
			app = in.AppID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO inbound (message_id, folder, uidvalidity, uid, kind, reason, application_id, from_addr, subject, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (folder, uidvalidity, uid) DO NOTHING`,
			in.MessageID, in.Folder, in.UIDValidity, in.UID, in.Kind, in.Reason, app, in.From, in.Subject, fmtTime(in.ReceivedAt))
		return err
	})
	return first, err
}

// ContactMatch is a contact of an active application.
type ContactMatch struct {
	AppID     int64
	ContactID int64
	Name      string
	Email     string
}

// ActiveContacts returns the contacts with this address on active applications.
func (s *Store) ActiveContacts(ctx context.Context, email string) ([]ContactMatch, error) {
	st, err := s.stmt(ctx, `SELECT c.application_id, c.id, c.name, c.email FROM contacts c
		JOIN applications a ON a.id = c.application_id WHERE a.status = 'active' AND c.email = lower(?)`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, email)
	if err != nil {
		return nil, err
	}
	return scanMatches(rows)
}

// scanMatches reads rows of (application_id, id, name, email).
func scanMatches(rows *sql.Rows) ([]ContactMatch, error) {
	defer rows.Close()
	var out []ContactMatch
	for rows.Next() {
		var m ContactMatch
		if err := rows.Scan(&m.AppID, &m.ContactID, &m.Name, &m.Email); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// EndedContacts returns the contacts with this address of applications that had ended
// (replied, stopped, moved on, an offer, a rejection) when a message arrived: a reply from
// them is still the owner's to know of, also one written just before the end that arrives
// after it. Mail that arrived before the end is old news: it was read then (a rescan of the
// mailbox finds such mail again).
func (s *Store) EndedContacts(ctx context.Context, email string, arrived time.Time) ([]ContactMatch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.application_id, c.id, c.name, c.email FROM contacts c
		JOIN applications a ON a.id = c.application_id WHERE a.status != 'active' AND c.email = lower(?) AND a.updated_at <= ?
		ORDER BY a.updated_at DESC LIMIT 5`, email, fmtTime(arrived))
	if err != nil {
		return nil, err
	}
	return scanMatches(rows)
}

// ActiveAppsAtDomain returns the active applications whose company uses this mail domain
// (its own, or one more given for it).
func (s *Store) ActiveAppsAtDomain(ctx context.Context, domain string) ([]int64, error) {
	st, err := s.stmt(ctx, `SELECT id FROM applications WHERE status = 'active' AND company_domain = lower(?1) AND company_domain != ''
		UNION SELECT a.id FROM app_domains d JOIN applications a ON a.id = d.application_id WHERE a.status = 'active' AND d.domain = lower(?1)`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, domain)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// AddHold keeps check-ins to a contact back until a time (an out-of-office return date).
func (s *Store) AddHold(ctx context.Context, contactID int64, until time.Time, reason string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var appID int64
		if err := tx.QueryRowContext(ctx, `SELECT application_id FROM contacts WHERE id = ?`, contactID).Scan(&appID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO holds (contact_id, until_at, reason) VALUES (?, ?, ?)`, contactID, fmtTime(until), reason); err != nil {
			return err
		}
		// A check-in already drafted for before the hold waits too.
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET due_at = ?, updated_at = ? WHERE contact_id = ? AND kind = 'check_in'
			AND state IN ('drafted', 'awaiting_approval', 'approved') AND due_at < ?`, fmtTime(until), s.now(), contactID, fmtTime(until)); err != nil {
			return err
		}
		return addEvent(ctx, tx, appID, s.Now(), "hold", fmt.Sprintf("check-ins wait until %s: %s", until.Format("2006-01-02"), reason))
	})
}

// AddOwnerMail records mail the owner wrote to a contact by hand.
func (s *Store) AddOwnerMail(ctx context.Context, contactID int64, at time.Time, messageID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var appID int64
		var email string
		if err := tx.QueryRowContext(ctx, `SELECT application_id, email FROM contacts WHERE id = ?`, contactID).Scan(&appID, &email); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO owner_mail (contact_id, at, message_id) VALUES (?, ?, ?)`, contactID, fmtTime(at), messageID); err != nil {
			return err
		}
		return addEvent(ctx, tx, appID, s.Now(), "owner_mail", "you wrote to "+email+" yourself: the next check-in counts from then")
	})
}

// SetUndeliverable marks a contact undeliverable and cancels the messages to it that have
// not gone out, in one transaction. It returns how many it cancelled.
func (s *Store) SetUndeliverable(ctx context.Context, contactID int64, reason string) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var appID int64
		var email string
		if err := tx.QueryRowContext(ctx, `SELECT application_id, email FROM contacts WHERE id = ?`, contactID).Scan(&appID, &email); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET undeliverable = 1 WHERE id = ?`, contactID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE messages SET state = 'cancelled', last_error = ?, updated_at = ?
			WHERE contact_id = ? AND state IN ('drafted', 'awaiting_approval', 'approved')`, "undeliverable: "+reason, s.now(), contactID)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return addEvent(ctx, tx, appID, s.Now(), "undeliverable", fmt.Sprintf("%s is undeliverable (%s); %d queued cancelled", email, reason, n))
	})
	return int(n), err
}

// InboundKind returns what an incoming message was taken for, or "" when it was not seen.
func (s *Store) InboundKind(ctx context.Context, messageID string) (kind, reason string, err error) {
	st, err := s.stmt(ctx, `SELECT kind, reason FROM inbound WHERE message_id = ? ORDER BY id LIMIT 1`)
	if err != nil {
		return "", "", err
	}
	err = st.QueryRowContext(ctx, messageID).Scan(&kind, &reason)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return kind, reason, err
}

// Reply is a human reply the watcher recorded.
type Reply struct {
	AppID      int64
	From       string
	Subject    string
	ReceivedAt time.Time
}

// RepliesSince returns the replies recorded after t.
func (s *Store) RepliesSince(ctx context.Context, t time.Time) ([]Reply, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(application_id, 0), from_addr, subject, received_at FROM inbound
		WHERE kind = 'reply' AND received_at > ? ORDER BY received_at`, fmtTime(t))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reply
	for rows.Next() {
		var r Reply
		var at string
		if err := rows.Scan(&r.AppID, &r.From, &r.Subject, &at); err != nil {
			return nil, err
		}
		r.ReceivedAt = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ActiveAppsOfCompany returns the active applications at a company of this name (any case).
func (s *Store) ActiveAppsOfCompany(ctx context.Context, company string) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM applications WHERE status = 'active' AND lower(company) = lower(?) LIMIT 20`, company)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// scanIDs reads a column of ids.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
