-- Mijn Lexus: wallet and payments (F2).

-- Saved payment cards. Never a card number or CVC: the payment provider
-- keeps those; we keep its reusable reference (`provider_token`) and what it
-- tells about the card. `fingerprint` is equal for equal card numbers (the
-- provider's keyed hash): the same card added twice is one card.
CREATE TABLE payment_cards (
    id                INTEGER PRIMARY KEY,
    public_id         TEXT    NOT NULL UNIQUE,
    user_id           INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_token    TEXT    NOT NULL,
    brand             TEXT    NOT NULL CHECK (brand IN ('visa', 'mastercard')),
    funding           TEXT    NOT NULL CHECK (funding IN ('credit', 'debit', 'prepaid')),
    last4             TEXT    NOT NULL,
    exp_month         INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year          INTEGER NOT NULL,
    holder            TEXT    NOT NULL,
    fingerprint       TEXT    NOT NULL,
    is_main           INTEGER NOT NULL DEFAULT 0 CHECK (is_main IN (0, 1)),
    -- The wallet's billing address (one per user, kept equal on every card:
    -- the provider registers it with each card). Country = account country.
    billing_street        TEXT    NOT NULL,
    billing_house_number  TEXT    NOT NULL,
    billing_box_number    TEXT    NOT NULL DEFAULT '',
    billing_postcode      TEXT    NOT NULL,
    billing_city          TEXT    NOT NULL,
    billing_country       TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    UNIQUE (user_id, fingerprint)
);
-- One main card per user.
CREATE UNIQUE INDEX payment_cards_one_main ON payment_cards (user_id) WHERE is_main = 1;

-- Subscriptions to services (F1). Created here so that the wallet's
-- removal rule can ask about them; the services area owns the table
-- ('cancelled' = cancellation requested, runs until cancel_at; 'ended' = over).
CREATE TABLE subscriptions (
    id                    INTEGER PRIMARY KEY,
    public_id             TEXT    NOT NULL UNIQUE,
    user_id               INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vehicle_id            INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    service               TEXT    NOT NULL,
    plan                  TEXT    NOT NULL CHECK (plan IN ('trial', 'monthly', 'yearly', 'multi_year')),
    status                TEXT    NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled', 'ended')),
    card_id               INTEGER REFERENCES payment_cards (id) ON DELETE RESTRICT,
    started_at            INTEGER NOT NULL,
    current_period_start  INTEGER NOT NULL,
    current_period_end    INTEGER NOT NULL,
    cancel_at             INTEGER,
    ended_at              INTEGER,
    created_at            INTEGER NOT NULL
);
CREATE INDEX subscriptions_user ON subscriptions (user_id, status);
CREATE INDEX subscriptions_card ON subscriptions (card_id);

-- ---- the sandbox payment provider (crate::payments::sandbox) ----
-- Its own storage, as a real provider's would be. No card number, no CVC:
-- the fingerprint (HMAC-SHA256 of the number with the sandbox's secret) and
-- the behaviour class the test-card table gave the number.
CREATE TABLE sandbox_cards (
    id           INTEGER PRIMARY KEY,
    -- The reusable reference handed to the merchant (`pm_...`).
    reference    TEXT    NOT NULL UNIQUE,
    brand        TEXT    NOT NULL,
    funding      TEXT    NOT NULL,
    last4        TEXT    NOT NULL,
    exp_month    INTEGER NOT NULL,
    exp_year     INTEGER NOT NULL,
    holder       TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    behaviour    TEXT    NOT NULL CHECK (behaviour IN ('succeeds', 'declined',
                     'insufficient_funds', 'expired', 'sca_required', 'attach_then_fail')),
    created_at   INTEGER NOT NULL
);

-- Single-use tokens from the tokenisation endpoint (`tok_...`).
CREATE TABLE sandbox_tokens (
    token       TEXT    PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES sandbox_cards (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

CREATE TABLE sandbox_charges (
    id               INTEGER PRIMARY KEY,
    charge_id        TEXT    NOT NULL UNIQUE,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    -- SHA-256 of the request's parameters: the same key with others is refused.
    request_hash     TEXT    NOT NULL,
    card_id          INTEGER NOT NULL REFERENCES sandbox_cards (id) ON DELETE CASCADE,
    amount_cents     INTEGER NOT NULL CHECK (amount_cents > 0),
    currency         TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    initiated        TEXT    NOT NULL CHECK (initiated IN ('customer', 'merchant')),
    return_url       TEXT,
    status           TEXT    NOT NULL CHECK (status IN ('requires_action', 'succeeded', 'failed')),
    decline_reason   TEXT,
    refunded_cents   INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

CREATE TABLE sandbox_refunds (
    id               INTEGER PRIMARY KEY,
    refund_id        TEXT    NOT NULL UNIQUE,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    charge_id        INTEGER NOT NULL REFERENCES sandbox_charges (id) ON DELETE CASCADE,
    amount_cents     INTEGER NOT NULL CHECK (amount_cents > 0),
    created_at       INTEGER NOT NULL
);
