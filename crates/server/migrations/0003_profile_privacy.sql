-- Mijn Lexus: profile, dealers, emergency contact, e-mail change, privacy
-- rights and retention (features B1-B5, A4 re-acceptance, A5).

-- B1: personal data beyond registration. Address fields are '' when unknown
-- (all four of street, house number, postcode and city, or none).
ALTER TABLE users ADD COLUMN birth_date TEXT;            -- ISO date
ALTER TABLE users ADD COLUMN street TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN house_number TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN box TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN city TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN landline_phone TEXT;
-- A5: when the inactivity warning was mailed (NULL after every sign-in).
ALTER TABLE users ADD COLUMN inactivity_warned_at INTEGER;

-- E-mail links get a third purpose: confirming a new address (B1). The
-- CHECK cannot be altered in SQLite, so the table is rebuilt.
CREATE TABLE email_tokens_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL CHECK (purpose IN ('confirm_email', 'password_reset', 'change_email')),
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    new_email   TEXT    -- change_email only
);
INSERT INTO email_tokens_new (id, user_id, purpose, token_hash, created_at, expires_at, used_at)
    SELECT id, user_id, purpose, token_hash, created_at, expires_at, used_at FROM email_tokens;
DROP TABLE email_tokens;
ALTER TABLE email_tokens_new RENAME TO email_tokens;
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

-- B2: the dealer directory (fictional dealers in real towns).
-- opening_hours: JSON [{"day":"mon","opens":"08:00","closes":"18:00"}, ...].
CREATE TABLE dealers (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    street         TEXT    NOT NULL,
    postcode       TEXT    NOT NULL,
    city           TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    lat            REAL    NOT NULL,
    lon            REAL    NOT NULL,
    phone          TEXT    NOT NULL,
    email          TEXT    NOT NULL,
    opening_hours  TEXT    NOT NULL
);

-- B2: the dealer the user chose (NULL: the nearest one is assigned).
ALTER TABLE users ADD COLUMN preferred_dealer_id INTEGER REFERENCES dealers (id) ON DELETE SET NULL;

-- B3: one optional emergency contact per user.
CREATE TABLE emergency_contacts (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    relation    TEXT    NOT NULL,
    phone       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- B5/A5: an anonymous record that an account was erased (no identifier,
-- no address): how many, when and why, for accountability.
CREATE TABLE account_deletions (
    id           INTEGER PRIMARY KEY,
    deleted_at   INTEGER NOT NULL,
    reason       TEXT    NOT NULL CHECK (reason IN ('user_request', 'inactivity')),
    had_vehicle  INTEGER NOT NULL CHECK (had_vehicle IN (0, 1))
);

-- Weekday hours used by most dealers below.
INSERT INTO dealers (name, street, postcode, city, country, lat, lon, phone, email, opening_hours) VALUES
('Lexus Antwerpen Zuid', 'Boomsesteenweg 690', '2610', 'Wilrijk', 'BE', 51.1707, 4.3843, '+3238251010', 'antwerpen.zuid@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"17:00"}]'),
('Lexus Brasschaat', 'Bredabaan 420', '2930', 'Brasschaat', 'BE', 51.2912, 4.4918, '+3236510020', 'brasschaat@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Brussel Noord', 'Haachtsesteenweg 1450', '1130', 'Brussel', 'BE', 50.8790, 4.4180, '+3222450030', 'brussel.noord@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:30"},{"day":"tue","opens":"08:00","closes":"18:30"},{"day":"wed","opens":"08:00","closes":"18:30"},{"day":"thu","opens":"08:00","closes":"18:30"},{"day":"fri","opens":"08:00","closes":"18:30"},{"day":"sat","opens":"09:30","closes":"17:00"}]'),
('Lexus Waterloo', 'Chaussée de Bruxelles 255', '1410', 'Waterloo', 'BE', 50.7262, 4.3972, '+3223540040', 'waterloo@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"17:00"}]'),
('Lexus Gent', 'Kortrijksesteenweg 1010', '9051', 'Sint-Denijs-Westrem', 'BE', 51.0215, 3.6845, '+3292220050', 'gent@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:30"}]'),
('Lexus Brugge', 'Kortrijksesteenweg 21', '8200', 'Brugge', 'BE', 51.1878, 3.2063, '+3250390060', 'brugge@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"12:00"},{"day":"mon","opens":"13:00","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Kortrijk', 'Kortrijkstraat 300', '8520', 'Kuurne', 'BE', 50.8440, 3.2850, '+3256350070', 'kortrijk@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Mechelen', 'Liersesteenweg 200', '2800', 'Mechelen', 'BE', 51.0340, 4.4990, '+3215290080', 'mechelen@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Leuven', 'Tervuursesteenweg 150', '3001', 'Heverlee', 'BE', 50.8670, 4.6810, '+3216400090', 'leuven@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Hasselt', 'Kempische Steenweg 560', '3500', 'Hasselt', 'BE', 50.9520, 5.3330, '+3211280100', 'hasselt@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"17:00"}]'),
('Lexus Liège', 'Boulevard de l''Automobile 12', '4000', 'Liège', 'BE', 50.6130, 5.5670, '+3242520110', 'liege@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Namur', 'Chaussée de Marche 600', '5101', 'Erpent', 'BE', 50.4480, 4.9000, '+3281300120', 'namur@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Charleroi', 'Chaussée de Bruxelles 180', '6041', 'Gosselies', 'BE', 50.4650, 4.4330, '+3271350130', 'charleroi@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Mons', 'Avenue du Roi Albert 800', '7000', 'Mons', 'BE', 50.4420, 3.9280, '+3265310140', 'mons@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"16:00"}]'),
('Lexus Arlon', 'Route de Bastogne 300', '6700', 'Arlon', 'BE', 49.6960, 5.8050, '+3263220150', 'arlon@lexus-dealer.test',
 '[{"day":"mon","opens":"08:30","closes":"18:00"},{"day":"tue","opens":"08:30","closes":"18:00"},{"day":"wed","opens":"08:30","closes":"18:00"},{"day":"thu","opens":"08:30","closes":"18:00"},{"day":"fri","opens":"08:30","closes":"18:00"},{"day":"sat","opens":"10:00","closes":"15:00"}]'),
('Lexus Amsterdam', 'Klaprozenweg 75', '1033 NN', 'Amsterdam', 'NL', 52.3990, 4.9170, '+31204350160', 'amsterdam@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"17:00"}]'),
('Lexus Rotterdam', 'Kleinpolderplein 5', '3045 AA', 'Rotterdam', 'NL', 51.9350, 4.4470, '+31102380170', 'rotterdam@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"17:00"}]'),
('Lexus Den Haag', 'Binckhorstlaan 300', '2516 BL', 'Den Haag', 'NL', 52.0720, 4.3390, '+31703810180', 'denhaag@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"17:00"}]'),
('Lexus Utrecht', 'Franciscusdreef 40', '3565 AC', 'Utrecht', 'NL', 52.1150, 5.1090, '+31302620190', 'utrecht@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"17:00"}]'),
('Lexus Eindhoven', 'Noord Brabantlaan 300', '5657 GB', 'Eindhoven', 'NL', 51.4560, 5.4230, '+31402500200', 'eindhoven@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"17:00"}]'),
('Lexus Breda', 'Minervum 7100', '4817 ZN', 'Breda', 'NL', 51.6070, 4.7440, '+31765720210', 'breda@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"17:00"}]'),
('Lexus Zwolle', 'Ceintuurbaan 70', '8022 AW', 'Zwolle', 'NL', 52.5240, 6.1130, '+31384210220', 'zwolle@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"16:00"}]'),
('Lexus Groningen', 'Bornholmstraat 30', '9723 AZ', 'Groningen', 'NL', 53.2050, 6.6040, '+31505420230', 'groningen@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"16:00"}]'),
('Lexus Maastricht', 'Fregatweg 40', '6222 NZ', 'Maastricht', 'NL', 50.8680, 5.7150, '+31433520240', 'maastricht@lexus-dealer.test',
 '[{"day":"mon","opens":"08:00","closes":"18:00"},{"day":"tue","opens":"08:00","closes":"18:00"},{"day":"wed","opens":"08:00","closes":"18:00"},{"day":"thu","opens":"08:00","closes":"18:00"},{"day":"fri","opens":"08:00","closes":"18:00"},{"day":"sat","opens":"09:00","closes":"16:00"}]');
