-- Issue 9: proofs of access that a former user or a guesser cannot abuse.

-- Everyone who ever had access to a vehicle (main or secondary). Rows stay
-- when the access ends, so the odometer never brings a vehicle back to an
-- account that had it before (only the activation code from the car does).
CREATE TABLE vehicle_access_history (
    vehicle_id  INTEGER NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (vehicle_id, user_id)
);
INSERT OR IGNORE INTO vehicle_access_history (vehicle_id, user_id)
    SELECT vehicle_id, user_id FROM vehicle_users;
-- Every way in (add, takeover, accepted invitation, demo data) inserts here.
CREATE TRIGGER vehicle_users_history AFTER INSERT ON vehicle_users
BEGIN
    INSERT OR IGNORE INTO vehicle_access_history (vehicle_id, user_id)
        VALUES (NEW.vehicle_id, NEW.user_id);
END;

-- Wrong proofs per VIN across all accounts (VINs we do not know included,
-- so they answer and count like known ones). `failures` since
-- `window_start`; the limit locks the odometer proof until `locked_until`.
CREATE TABLE vin_proof_failures (
    vin           TEXT    PRIMARY KEY,
    failures      INTEGER NOT NULL,
    window_start  INTEGER NOT NULL,
    locked_until  INTEGER
);

-- The daily invitation limits count per inviter and per vehicle.
CREATE INDEX vehicle_invitations_inviter ON vehicle_invitations (invited_by, created_at);
