-- Public charge points (D4) in the OCPI 2.2.1 Locations model, filled by the
-- OCPI importer (`import-charge-points`, and the demo file with --demo).
-- A re-import of a location replaces it with its EVSEs and connectors.
CREATE TABLE charge_locations (
    id               INTEGER PRIMARY KEY,
    -- OCPI: country_code + party_id (the CPO) + id identify a location.
    country_code     TEXT    NOT NULL,
    party_id         TEXT    NOT NULL,
    ocpi_id          TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    address          TEXT    NOT NULL,
    city             TEXT    NOT NULL,
    postal_code      TEXT    NOT NULL DEFAULT '',
    -- ISO 3166-1 alpha-3.
    country          TEXT    NOT NULL,
    lat              REAL    NOT NULL,
    lon              REAL    NOT NULL,
    operator         TEXT,
    time_zone        TEXT    NOT NULL,
    twentyfourseven  INTEGER NOT NULL DEFAULT 0,
    last_updated     INTEGER NOT NULL,
    imported_at      INTEGER NOT NULL,
    UNIQUE (country_code, party_id, ocpi_id)
);
-- The near search first narrows to a latitude band (then longitude and the
-- exact distance in Rust).
CREATE INDEX charge_locations_position ON charge_locations (lat, lon);

CREATE TABLE charge_evses (
    id            INTEGER PRIMARY KEY,
    location_id   INTEGER NOT NULL REFERENCES charge_locations (id) ON DELETE CASCADE,
    uid           TEXT    NOT NULL,
    evse_id       TEXT,
    -- OCPI Status: AVAILABLE, BLOCKED, CHARGING, INOPERATIVE, OUTOFORDER,
    -- PLANNED, REMOVED, RESERVED, UNKNOWN.
    status        TEXT    NOT NULL,
    last_updated  INTEGER NOT NULL,
    UNIQUE (location_id, uid)
);

CREATE TABLE charge_connectors (
    id                  INTEGER PRIMARY KEY,
    evse_id             INTEGER NOT NULL REFERENCES charge_evses (id) ON DELETE CASCADE,
    connector_id        TEXT    NOT NULL,
    standard            TEXT    NOT NULL,
    format              TEXT    NOT NULL,
    power_type          TEXT    NOT NULL,
    max_voltage         INTEGER NOT NULL,
    max_amperage        INTEGER NOT NULL,
    max_electric_power  INTEGER,
    -- By the OCPI rule (contract::charging::max_power_kw), for the filter.
    max_power_kw        REAL    NOT NULL,
    UNIQUE (evse_id, connector_id)
);
