-- Notices to the owner (a reply came, a bounce, an ignored command, a failed send): queued
-- here and sent by the outbox loop, so that reading mail never waits on SMTP and a notice
-- outlives an SMTP outage or a restart.
CREATE TABLE notices (
	id         INTEGER PRIMARY KEY,
	subject    TEXT NOT NULL,
	body       TEXT NOT NULL,
	message_id TEXT NOT NULL,
	created_at TEXT NOT NULL,
	attempts   INTEGER NOT NULL DEFAULT 0,
	next_at    TEXT NOT NULL,
	sent_at    TEXT,
	failed     TEXT
);
CREATE INDEX notices_pending ON notices (next_at) WHERE sent_at IS NULL AND failed IS NULL;
