-- Mijn Lexus: accounts, sign-in and legal records (features A1-A4).
--
-- Every point in time is an INTEGER of seconds since the Unix epoch (UTC),
-- taken from the server's Clock. E-mail addresses are stored lower-cased.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    email               TEXT    NOT NULL UNIQUE,
    password_hash       TEXT    NOT NULL,
    salutation          TEXT    NOT NULL CHECK (salutation IN ('mr', 'ms', 'mx')),
    first_name          TEXT    NOT NULL,
    last_name           TEXT    NOT NULL,
    country             TEXT    NOT NULL,
    language            TEXT    NOT NULL CHECK (language IN ('nl', 'fr', 'en')),
    mobile_phone        TEXT,
    email_confirmed_at  INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    last_sign_in_at     INTEGER
);

-- Links sent by e-mail. Only the SHA-256 (hex) of the token is stored.
CREATE TABLE email_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL CHECK (purpose IN ('confirm_email', 'password_reset')),
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

-- Signed-in sessions. Only the SHA-256 (hex) of the cookie's id is stored.
CREATE TABLE sessions (
    id_hash       TEXT    PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    user_agent    TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every published version of every legal text, as shipped with the server.
CREATE TABLE legal_documents (
    kind            TEXT    NOT NULL CHECK (kind IN ('terms', 'privacy')),
    version         INTEGER NOT NULL,
    language        TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    effective_date  TEXT    NOT NULL,  -- ISO date, YYYY-MM-DD
    content_sha256  TEXT    NOT NULL,
    content         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (kind, version, language)
);

-- Who accepted which version of which document, when, on which device.
CREATE TABLE legal_acceptances (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    language     TEXT    NOT NULL,
    accepted_at  INTEGER NOT NULL,
    user_agent   TEXT,
    FOREIGN KEY (kind, version, language) REFERENCES legal_documents (kind, version, language)
);
CREATE INDEX legal_acceptances_user ON legal_acceptances (user_id, kind);

-- Consents (marketing e-mail, ...): every choice is a new row, so the
-- history (given, withdrawn) is kept. The latest row per kind is current.
CREATE TABLE consents (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    granted      INTEGER NOT NULL CHECK (granted IN (0, 1)),
    recorded_at  INTEGER NOT NULL,
    user_agent   TEXT,
    source       TEXT    NOT NULL
);
CREATE INDEX consents_user ON consents (user_id, kind);

-- Mails written while no SMTP server is configured (development, tests).
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    to_address  TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body_text   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX outbox_to ON outbox (to_address);
