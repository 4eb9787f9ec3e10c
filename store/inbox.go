package store

import (
	"context"
	"database/sql"
	"errors"
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
