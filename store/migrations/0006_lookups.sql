-- Indexes for the lookups the watcher makes for every incoming message: a Message-ID among
-- the daemon's own (compared without case), and the active applications at a domain.
CREATE INDEX messages_message_id_nocase ON messages (message_id COLLATE NOCASE) WHERE message_id != '';
CREATE INDEX applications_domain ON applications (company_domain) WHERE company_domain != '';
