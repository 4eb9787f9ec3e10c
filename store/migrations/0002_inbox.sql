-- What the inbox watcher has seen, where it stopped in each folder, and out-of-office holds.
CREATE TABLE inbound (
	id             INTEGER PRIMARY KEY,
	message_id     TEXT NOT NULL,
	folder         TEXT NOT NULL,
	uidvalidity    INTEGER NOT NULL,
	uid            INTEGER NOT NULL,
	kind           TEXT NOT NULL, -- command, reply, auto_reply, bounce, own, other
	reason         TEXT NOT NULL DEFAULT '',
	application_id INTEGER REFERENCES applications (id) ON DELETE SET NULL,
	from_addr      TEXT NOT NULL DEFAULT '',
	subject        TEXT NOT NULL DEFAULT '',
	received_at    TEXT NOT NULL,
	UNIQUE (folder, uidvalidity, uid)
);
CREATE INDEX inbound_message_id ON inbound (message_id);

CREATE TABLE imap_cursors (
	folder      TEXT PRIMARY KEY,
	uidvalidity INTEGER NOT NULL,
	last_uid    INTEGER NOT NULL
);

CREATE TABLE holds (
	id         INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
	until_at   TEXT NOT NULL,
	reason     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE owner_mail (
	id         INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
	at         TEXT NOT NULL,
	message_id TEXT NOT NULL DEFAULT ''
);
