// Package store keeps followup's state in SQLite: applications, interviews, contacts, the
// outgoing-message queue with its state machine, what the inbox has seen, and IMAP cursors.
//
// Every state change is one IMMEDIATE transaction (so a second process, such as the CLI
// while the daemon runs, waits for the lock instead of failing), the database runs in WAL
// mode, and the schema is migrated at Open by numbered scripts tracked in PRAGMA user_version.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Sentinel errors callers decide on.
var (
	ErrNotFound   = errors.New("not found")
	ErrDuplicate  = errors.New("duplicate")
	ErrTransition = errors.New("not allowed in this state")
)

// Store is an open database.
type Store struct {
	db    *sql.DB
	path  string
	stmts sync.Map // query → *sql.Stmt: the lookups made for every incoming message
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// Open opens (creating if needed) the database at path and migrates it to the latest schema.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: no path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	// The store holds what the owner wrote about interviews and people: for them alone.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, Now: time.Now}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.migrate(ctx, len(migrations())); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn sets what must hold on every pooled connection: WAL, a busy timeout, foreign keys, and
// IMMEDIATE transactions, so that a transaction that reads then writes waits for the lock
// instead of failing with "database is locked".
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool { v.(*sql.Stmt).Close(); return true })
	return s.db.Close()
}

// stmt returns query prepared once: the watcher's per-message lookups skip SQLite's parse
// and plan each time (a catch-up over 20,000 messages makes 60,000 of them).
func (s *Store) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// DB is the database handle, for read-only inspection in tests and tools.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the database file.
func (s *Store) Path() string { return s.path }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			panic("store: migration without a number: " + e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("store: migrations must be numbered 1, 2, 3…: %s", m.name))
		}
	}
	return out
}

// SchemaVersion is the version Open migrates to.
func SchemaVersion() int { return len(migrations()) }

// migrate applies each migration above the database's version, up to target, each in one
// transaction together with the new user_version.
func (s *Store) migrate(ctx context.Context, target int) error {
	var cur int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if cur > len(migrations()) {
		return fmt.Errorf("store: %s has schema version %d, newer than this followup knows (%d): upgrade followup", s.path, cur, len(migrations()))
	}
	for _, m := range migrations() {
		if m.version <= cur || m.version > target {
			continue
		}
		var err error
		if strings.HasPrefix(m.sql, fkOff) {
			err = s.rebuild(ctx, m)
		} else {
			err = s.tx(ctx, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, m.sql); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
				return err
			})
		}
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	return nil
}

// fkOff opens a migration that rebuilds a table other tables refer to.
const fkOff = "-- followup: foreign keys off\n"

// rebuild runs a migration that replaces a table (SQLite's "12 steps": a new table, the rows
// copied, the old one dropped, the new one renamed) on one connection with foreign keys off,
// so that dropping the old table cascades to nothing, and legacy ALTER TABLE, so that the
// rename does not trip over triggers naming the table while it is away. Before the commit,
// every reference must still hold.
func (s *Store) rebuild(ctx context.Context, m migration) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		return errors.New("a reference no longer holds after the rebuild")
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	return tx.Commit()
}

// tx runs fn in one transaction, committed when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

const timeFormat = "2006-01-02T15:04:05.000000000Z"

// exec runs one statement in its own transaction.
func (s *Store) exec(ctx context.Context, q string, args ...any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func (s *Store) now() string { return fmtTime(s.Now()) }

const (
	selectMeta = `SELECT value FROM meta WHERE key = ?`
	upsertMeta = `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`
)

// Meta returns a stored value, or "" when there is none.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, selectMeta, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta stores a value.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, upsertMeta, key, value)
		return err
	})
}

// FormatTime and ParseTime are the store's time encoding, for values kept with SetMeta.
func FormatTime(t time.Time) string { return fmtTime(t) }

// ParseTime reads a time written by FormatTime; "" is the zero time.
func ParseTime(s string) time.Time { return parseTime(s) }
