-- Mijn Lexus: trips, logbook and coaching (E1-E4).

-- A note per trip (purpose, customer); `purpose` exists since 0002.
ALTER TABLE trips ADD COLUMN note TEXT;

-- The purpose new trips of the vehicle take, chosen by its main user (a
-- company car: 'business'). On the link, so a new owner starts without one.
ALTER TABLE vehicle_users ADD COLUMN default_trip_purpose TEXT
    CHECK (default_trip_purpose IN ('business', 'private'));

-- No new index on trips: the unique (vehicle_id, started_at) serves paging,
-- date ranges, the purpose filter within them and the weekly / monthly
-- aggregates (a vehicle has a few thousand trips a year).

-- What stays of a tagged trip once its telemetry and coaching are purged
-- (E4): what a tax authority asks of a logbook, nothing more.
CREATE TABLE logbook_entries (
    id                 INTEGER PRIMARY KEY,  -- the trip's id
    vehicle_id         INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    started_at         INTEGER NOT NULL,
    ended_at           INTEGER NOT NULL,
    start_label        TEXT,
    end_label          TEXT,
    odometer_start_km  REAL,
    odometer_end_km    REAL,
    distance_km        REAL    NOT NULL,
    duration_s         INTEGER NOT NULL,
    purpose            TEXT    NOT NULL CHECK (purpose IN ('business', 'private')),
    note               TEXT,
    UNIQUE (vehicle_id, started_at)
);

-- The logbook: trips with their details and the rows kept after the purge.
CREATE VIEW logbook AS
    SELECT id, vehicle_id, started_at, ended_at, start_label, end_label, odometer_start_km,
           odometer_end_km, distance_km, duration_s, purpose, note
    FROM trips
    UNION ALL
    SELECT id, vehicle_id, started_at, ended_at, start_label, end_label, odometer_start_km,
           odometer_end_km, distance_km, duration_s, purpose, note
    FROM logbook_entries;
