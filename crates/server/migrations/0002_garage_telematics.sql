-- Mijn Lexus: garage, telematics and HomeCharge (features C1-C5; feeds D1-D2, E1-E4).
--
-- Times are INTEGER seconds since the Unix epoch (UTC); dates are ISO TEXT.
-- Secrets (ingest keys, activation codes, PINs, invitation tokens) are
-- stored as SHA-256 hex only.

-- Connected vehicles known to the telematics side (provisioned by its backend).
CREATE TABLE vehicles (
    id                    INTEGER PRIMARY KEY,
    vin                   TEXT    NOT NULL UNIQUE,
    model                 TEXT    NOT NULL,
    model_family          TEXT    NOT NULL,
    model_year            INTEGER NOT NULL,
    powertrain            TEXT    NOT NULL CHECK (powertrain IN ('hybrid', 'plug_in_hybrid', 'electric')),
    ingest_key_hash       TEXT    NOT NULL UNIQUE,
    activation_code_hash  TEXT    NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);

-- Who may see a vehicle: one main user, any number of secondary users.
-- `since`: trips before it are not shown (a new owner does not see the
-- previous owner's driving).
CREATE TABLE vehicle_users (
    vehicle_id     INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role           TEXT    NOT NULL CHECK (role IN ('main', 'secondary')),
    licence_plate  TEXT    NOT NULL,
    nickname       TEXT    NOT NULL DEFAULT '',
    since          INTEGER NOT NULL,
    invited_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (vehicle_id, user_id)
);
CREATE UNIQUE INDEX vehicle_users_one_main ON vehicle_users (vehicle_id) WHERE role = 'main';
CREATE INDEX vehicle_users_user ON vehicle_users (user_id);

-- Failed proofs of access (odometer, activation code, charger PIN) per user
-- and subject ('vin:<VIN>' or 'charger:<serial>'); 5 in a row lock 15 min.
CREATE TABLE access_attempts (
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject       TEXT    NOT NULL,
    failures      INTEGER NOT NULL,
    locked_until  INTEGER,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, subject)
);

-- Invitations to become a secondary user (token mailed, single use, 7 days).
CREATE TABLE vehicle_invitations (
    id           INTEGER PRIMARY KEY,
    vehicle_id   INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    invited_by   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email        TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    accepted_at  INTEGER,
    accepted_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    revoked_at   INTEGER
);
CREATE INDEX vehicle_invitations_vehicle ON vehicle_invitations (vehicle_id);

-- Every ingested message once (idempotency): same (vehicle, message_id)
-- is not stored again and is answered with the first received_at.
CREATE TABLE telemetry_messages (
    vehicle_id    INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    message_id    TEXT    NOT NULL,
    body_sha256   TEXT    NOT NULL,
    recorded_at   INTEGER NOT NULL,
    received_at   INTEGER NOT NULL,
    PRIMARY KEY (vehicle_id, message_id)
);
CREATE INDEX telemetry_messages_time ON telemetry_messages (vehicle_id, recorded_at);

-- Latest value of each measurement with the time it was measured (status page).
-- Updated only by newer measurements, so late messages cannot roll it back.
CREATE TABLE vehicle_state (
    vehicle_id            INTEGER PRIMARY KEY REFERENCES vehicles (id) ON DELETE CASCADE,
    odometer_km           REAL,    odometer_at           INTEGER,
    fuel_percent          REAL,    fuel_at               INTEGER,
    range_km              REAL,    range_at              INTEGER,
    battery_percent       REAL,    battery_at            INTEGER,
    electric_range_km     REAL,    electric_range_at     INTEGER,
    privacy_mode          INTEGER, privacy_at            INTEGER,
    service_due_km        INTEGER, service_due_date      TEXT,   service_at  INTEGER,
    warnings_at           INTEGER
);

-- History of the measurements (charts, retention).
CREATE TABLE vehicle_readings (
    id                 INTEGER PRIMARY KEY,
    vehicle_id         INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    recorded_at        INTEGER NOT NULL,
    odometer_km        REAL,
    fuel_percent       REAL,
    range_km           REAL,
    battery_percent    REAL,
    electric_range_km  REAL,
    privacy_mode       INTEGER
);
CREATE INDEX vehicle_readings_time ON vehicle_readings (vehicle_id, recorded_at);

-- Warning lights: one row per period a light was on.
CREATE TABLE vehicle_warnings (
    id            INTEGER PRIMARY KEY,
    vehicle_id    INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    code          TEXT    NOT NULL,
    since         INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    cleared_at    INTEGER
);
CREATE INDEX vehicle_warnings_open ON vehicle_warnings (vehicle_id, cleared_at);

-- Parked positions (engine stopped) with the navigation's final destination.
CREATE TABLE vehicle_positions (
    id                 INTEGER PRIMARY KEY,
    vehicle_id         INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    recorded_at        INTEGER NOT NULL,
    lat                REAL    NOT NULL,
    lon                REAL    NOT NULL,
    label              TEXT,
    destination_lat    REAL,
    destination_lon    REAL,
    destination_label  TEXT
);
CREATE INDEX vehicle_positions_time ON vehicle_positions (vehicle_id, recorded_at);

-- Finished trips with driving analysis and hybrid coaching.
CREATE TABLE trips (
    id                    INTEGER PRIMARY KEY,
    vehicle_id            INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    started_at            INTEGER NOT NULL,
    ended_at              INTEGER NOT NULL,
    start_lat             REAL    NOT NULL,
    start_lon             REAL    NOT NULL,
    start_label           TEXT,
    end_lat               REAL    NOT NULL,
    end_lon               REAL    NOT NULL,
    end_label             TEXT,
    distance_km           REAL    NOT NULL,
    duration_s            INTEGER NOT NULL,
    fuel_used_l           REAL    NOT NULL,
    ev_distance_km        REAL    NOT NULL,
    ev_time_s             INTEGER NOT NULL,
    eco_distance_km       REAL    NOT NULL,
    power_distance_km     REAL    NOT NULL,
    odometer_start_km     REAL,
    odometer_end_km       REAL,
    hybrid_score          INTEGER,
    score_acceleration    INTEGER,
    score_braking         INTEGER,
    score_constant_speed  INTEGER,
    purpose               TEXT CHECK (purpose IN ('business', 'private')),
    UNIQUE (vehicle_id, started_at)
);

-- The route of a trip as JSON [[unix, lat, lon, speed_kmh|null], ...].
CREATE TABLE trip_routes (
    trip_id  INTEGER PRIMARY KEY REFERENCES trips (id) ON DELETE CASCADE,
    points   TEXT    NOT NULL
);

-- Harsh braking / acceleration / cornering, with time and place.
CREATE TABLE trip_events (
    id          INTEGER PRIMARY KEY,
    trip_id     INTEGER NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
    vehicle_id  INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('harsh_braking', 'harsh_acceleration', 'harsh_cornering')),
    lat         REAL    NOT NULL,
    lon         REAL    NOT NULL
);
CREATE INDEX trip_events_trip ON trip_events (trip_id);
CREATE INDEX trip_events_time ON trip_events (vehicle_id, at);

-- Requests for a service appointment (dealer: none until the directory, B2).
CREATE TABLE service_requests (
    id              INTEGER PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    dealer_id       INTEGER,
    preferred_date  TEXT    NOT NULL,
    note            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'requested',
    created_at      INTEGER NOT NULL
);
CREATE INDEX service_requests_vehicle ON service_requests (vehicle_id, created_at);

-- HomeCharge chargers known to the backend; owner once added with its PIN.
CREATE TABLE chargers (
    id                  INTEGER PRIMARY KEY,
    serial              TEXT    NOT NULL UNIQUE,
    model               TEXT    NOT NULL,
    pin_hash            TEXT    NOT NULL,
    owner_user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    nickname            TEXT    NOT NULL DEFAULT '',
    added_at            INTEGER,
    state               TEXT CHECK (state IN ('idle', 'charging', 'error')),
    power_kw            REAL,
    session_energy_kwh  REAL,
    last_seen_at        INTEGER,
    created_at          INTEGER NOT NULL
);
CREATE INDEX chargers_owner ON chargers (owner_user_id);
