-- Key points of the conversation with this contact ('' for none): their letters name these
-- first, before the interview's shared points.
ALTER TABLE contacts ADD COLUMN points TEXT NOT NULL DEFAULT '';
