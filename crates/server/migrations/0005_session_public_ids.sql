-- Issue 9 (ASVS 3.3.4): users list and end their own sessions. Sessions are
-- named by an opaque random public id, never by the cookie value or its hash.
ALTER TABLE sessions ADD COLUMN public_id TEXT;
UPDATE sessions SET public_id = lower(hex(randomblob(16))) WHERE public_id IS NULL;
CREATE UNIQUE INDEX sessions_public_id ON sessions (public_id);
