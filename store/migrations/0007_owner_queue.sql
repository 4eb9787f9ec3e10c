-- Every mail to the owner (approval requests, notices and confirmations, the digest) waits in
-- this queue and leaves by the deliver loop, the one way out, as follow-ups do: nothing is
-- sent inline, and a request outlives an SMTP outage or a restart.
ALTER TABLE notices ADD COLUMN kind TEXT NOT NULL DEFAULT 'notice' CHECK (kind IN ('notice', 'approval', 'digest'));
ALTER TABLE notices ADD COLUMN html TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN headers TEXT NOT NULL DEFAULT '';  -- JSON object of extra header fields
ALTER TABLE notices ADD COLUMN draft_id INTEGER REFERENCES messages (id) ON DELETE CASCADE; -- an approval request's draft
-- Notices with the same key are coalesced: one an hour (many refused commands from one
-- sender make one notice, so that nobody can spend the owner's sending quota).
ALTER TABLE notices ADD COLUMN coalesce_key TEXT NOT NULL DEFAULT '';
CREATE INDEX notices_coalesce ON notices (coalesce_key, created_at) WHERE coalesce_key != '';
CREATE INDEX notices_sent ON notices (sent_at) WHERE sent_at IS NOT NULL;
