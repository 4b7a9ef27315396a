-- Mijn Lexus: services, subscriptions, payments of ours, invoices (F1, F3).
-- Money in integer cents with a currency; times in Unix seconds.

-- The subscriptions table of 0010, rebuilt with the status 'incomplete'
-- (a first payment waiting for strong customer authentication) and the
-- columns the services need. Nothing references it yet.
CREATE TABLE subscriptions_new (
    id                    INTEGER PRIMARY KEY,
    public_id             TEXT    NOT NULL UNIQUE,
    user_id               INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vehicle_id            INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    service               TEXT    NOT NULL,
    plan                  TEXT    NOT NULL CHECK (plan IN ('trial', 'monthly', 'yearly', 'multi_year')),
    status                TEXT    NOT NULL CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'cancelled', 'ended')),
    card_id               INTEGER REFERENCES payment_cards (id) ON DELETE RESTRICT,
    started_at            INTEGER NOT NULL,
    current_period_start  INTEGER NOT NULL,
    current_period_end    INTEGER NOT NULL,
    cancel_at             INTEGER,
    ended_at              INTEGER,
    created_at            INTEGER NOT NULL,
    -- Price per period, VAT included, and the VAT rate (account country).
    price_cents           INTEGER NOT NULL DEFAULT 0,
    currency              TEXT    NOT NULL DEFAULT 'EUR',
    vat_rate_bp           INTEGER NOT NULL DEFAULT 0,
    -- The client's key of the activation request (one outcome per key).
    idempotency_key       TEXT,
    -- End of the right of withdrawal; NULL: no right (trial, trial exception).
    withdrawal_until      INTEGER,
    -- Dunning: failed attempts for the current renewal and the next one.
    failed_attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt_at       INTEGER,
    -- The renewal (current_period_end) an expiring card was announced for.
    card_warned_for       INTEGER
);
INSERT INTO subscriptions_new (id, public_id, user_id, vehicle_id, service, plan, status, card_id,
        started_at, current_period_start, current_period_end, cancel_at, ended_at, created_at)
    SELECT id, public_id, user_id, vehicle_id, service, plan, status, card_id,
        started_at, current_period_start, current_period_end, cancel_at, ended_at, created_at
    FROM subscriptions;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_new RENAME TO subscriptions;
CREATE INDEX subscriptions_user ON subscriptions (user_id, status);
CREATE INDEX subscriptions_card ON subscriptions (card_id);
CREATE INDEX subscriptions_due ON subscriptions (status, current_period_end);
CREATE UNIQUE INDEX subscriptions_idempotency ON subscriptions (user_id, idempotency_key);
-- At most one subscription per vehicle and service at a time (this also
-- stops two parallel purchases with different keys).
CREATE UNIQUE INDEX subscriptions_running ON subscriptions (vehicle_id, service)
    WHERE status IN ('incomplete', 'trialing', 'active', 'past_due', 'cancelled');

-- Free trials used: once per vehicle and service, ever, whoever owns the
-- vehicle (seeds/004 "Proefperiode"); kept when accounts go.
CREATE TABLE service_trials (
    vehicle_id   INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    service      TEXT    NOT NULL,
    -- The trial's length in days, for the withdrawal exception.
    length_days  INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    PRIMARY KEY (vehicle_id, service)
);

-- Money that moved (or tried to): a charge per period, a refund per
-- cancellation or withdrawal. Kept for the accounts when a user goes.
CREATE TABLE service_payments (
    id                  INTEGER PRIMARY KEY,
    public_id           TEXT    NOT NULL UNIQUE,
    user_id             INTEGER REFERENCES users (id) ON DELETE SET NULL,
    subscription_id     INTEGER REFERENCES subscriptions (id) ON DELETE SET NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('charge', 'refund')),
    status              TEXT    NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    amount_cents        INTEGER NOT NULL CHECK (amount_cents > 0),
    currency            TEXT    NOT NULL,
    vat_rate_bp         INTEGER NOT NULL,
    service             TEXT    NOT NULL,
    plan                TEXT    NOT NULL,
    vin                 TEXT    NOT NULL,
    period_start        INTEGER NOT NULL,
    period_end          INTEGER NOT NULL,
    card_last4          TEXT,
    provider_charge_id  TEXT,
    provider_refund_id  TEXT,
    challenge_url       TEXT,
    decline_reason      TEXT,
    -- A refund names the charge it returns money of.
    refund_of           INTEGER REFERENCES service_payments (id),
    idempotency_key     TEXT    NOT NULL UNIQUE,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX service_payments_user ON service_payments (user_id, created_at);

-- One gapless number sequence per year for invoices and credit notes.
CREATE TABLE invoice_sequences (
    year  INTEGER PRIMARY KEY,
    last  INTEGER NOT NULL
);

-- An invoice per succeeded charge, a credit note per refund; seller and
-- buyer as they were at the time (kept when the account goes).
CREATE TABLE invoices (
    id             INTEGER PRIMARY KEY,
    public_id      TEXT    NOT NULL UNIQUE,
    user_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    payment_id     INTEGER NOT NULL UNIQUE REFERENCES service_payments (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    number         TEXT    NOT NULL UNIQUE,
    corrects       INTEGER REFERENCES invoices (id),
    issued_at      INTEGER NOT NULL,
    buyer_name     TEXT    NOT NULL,
    -- Address lines joined with '\n'.
    buyer_address  TEXT    NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX invoices_user ON invoices (user_id, issued_at);
