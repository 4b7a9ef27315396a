-- Remote functions (F4): commands to a car with the Remote service.
CREATE TABLE remote_commands (
    id            INTEGER PRIMARY KEY,
    vehicle_id    INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- 'climate' | 'charge_now'; the full action as JSON (RemoteAction).
    kind          TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('queued', 'delivered', 'done', 'failed')),
    failure       TEXT,
    created_at    INTEGER NOT NULL,
    delivered_at  INTEGER,
    finished_at   INTEGER
);
CREATE INDEX remote_commands_vehicle ON remote_commands (vehicle_id, id);
CREATE INDEX remote_commands_open ON remote_commands (status, created_at);

-- Weekly climate and charging schedules: the vehicle's current list of each
-- kind (RemoteAction JSON list), set by the user who last saved it.
CREATE TABLE remote_schedules (
    vehicle_id  INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('climate', 'charging')),
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    schedules   TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (vehicle_id, kind)
);
