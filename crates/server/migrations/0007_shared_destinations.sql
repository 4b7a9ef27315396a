-- Share to car (D3): destinations sent to a vehicle's navigation. Each send
-- is a new row (an edited destination sent again names its origin in
-- `resend_of`); rows only change status: queued -> delivered | failed, set
-- by the vehicle's acknowledgement through the ingest API.
CREATE TABLE shared_destinations (
    id             INTEGER PRIMARY KEY,
    vehicle_id     INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    -- The sender; their history goes with their account.
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label          TEXT    NOT NULL,
    address        TEXT    NOT NULL DEFAULT '',
    lat            REAL    NOT NULL,
    lon            REAL    NOT NULL,
    arrival_at     INTEGER,
    -- JSON array of stops: [{"label", "address", "lat", "lon"}, ...] (at most 9).
    stops          TEXT    NOT NULL DEFAULT '[]',
    resend_of      INTEGER REFERENCES shared_destinations (id) ON DELETE SET NULL,
    status         TEXT    NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'delivered', 'failed')),
    failure        TEXT    CHECK (failure IN ('unreachable', 'rejected')),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
-- The history (per vehicle and sender, newest first) and the vehicle's
-- pending commands (oldest first).
CREATE INDEX shared_destinations_history ON shared_destinations (vehicle_id, user_id, id);
CREATE INDEX shared_destinations_pending ON shared_destinations (vehicle_id, status, id);
