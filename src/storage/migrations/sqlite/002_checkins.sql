-- Check-ins, ratings and reports. Instants are milliseconds since the Unix epoch (UTC).
-- Devices and rating tokens are stored only as keyed hashes (the key is in `secrets`).
CREATE TABLE checkins (
  id TEXT PRIMARY KEY,
  station_code TEXT NOT NULL REFERENCES stations(code),
  category TEXT NOT NULL,
  device_hash TEXT NOT NULL DEFAULT '',
  rating_token_hash TEXT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX checkins_by_device ON checkins(station_code, device_hash, at_ms);
CREATE INDEX checkins_by_time ON checkins(at_ms);

CREATE TABLE ratings (
  checkin_id TEXT PRIMARY KEY REFERENCES checkins(id),
  station_code TEXT NOT NULL,
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  at_ms BIGINT NOT NULL
);
CREATE INDEX ratings_by_station ON ratings(station_code);

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  station_code TEXT NOT NULL REFERENCES stations(code),
  category TEXT NOT NULL,
  amenity TEXT,
  description TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  at_ms BIGINT NOT NULL
);
CREATE INDEX reports_by_station ON reports(station_code, at_ms);

CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
