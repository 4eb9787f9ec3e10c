-- How the interview was held (call, video, on site), as the owner recorded it: the
-- thank-you says "speaking with me" of a call, never "meeting with me".
ALTER TABLE interviews ADD COLUMN medium TEXT NOT NULL DEFAULT '';
