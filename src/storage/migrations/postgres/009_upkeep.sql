-- Upkeep: the tables and meaning of sqlite/009_upkeep.sql (docs/decisions/0016-tickets-are-reports.md).
-- A worker's report is the first state of its
-- maintenance ticket, so `reports` gains the ticket's columns and every ticket (from a worker, an
-- inspection or the supplies ledger) is one row of it. Instants are milliseconds since the Unix
-- epoch (UTC). `region` is the station's region when the ticket was opened (for the overdue board
-- per region without a join); `due_at_ms` comes from the city's service level at that moment.
ALTER TABLE reports ADD COLUMN device_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN source TEXT NOT NULL DEFAULT 'worker';
ALTER TABLE reports ADD COLUMN region TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN due_at_ms BIGINT;
ALTER TABLE reports ADD COLUMN updated_at_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN assignee TEXT;
ALTER TABLE reports ADD COLUMN team_id BIGINT;
ALTER TABLE reports ADD COLUMN merged_into TEXT COLLATE "C";
ALTER TABLE reports ADD COLUMN resolved_at_ms BIGINT;
ALTER TABLE reports ADD COLUMN closed_at_ms BIGINT;
ALTER TABLE reports ADD COLUMN status_note TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN worker_verdict TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- When the service-level sweep first found the ticket overdue (and told the station).
ALTER TABLE reports ADD COLUMN escalated_at_ms BIGINT;

UPDATE reports SET status = 'new' WHERE status = 'open';
UPDATE reports SET status = 'rejected', closed_at_ms = at_ms WHERE status = 'dismissed';
UPDATE reports SET resolved_at_ms = at_ms, closed_at_ms = at_ms WHERE status = 'resolved';
UPDATE reports SET updated_at_ms = at_ms,
                   region = COALESCE((SELECT region FROM stations WHERE code = station_code), '');

-- Open tickets by region and due time: the overdue board and the service-level sweep.
CREATE INDEX reports_open_by_region ON reports(region, due_at_ms)
  WHERE status IN ('new', 'assigned', 'in_progress', 'waiting_parts');
CREATE INDEX reports_open_by_due ON reports(due_at_ms)
  WHERE status IN ('new', 'assigned', 'in_progress', 'waiting_parts');
CREATE INDEX reports_by_region_time ON reports(region, at_ms);
CREATE INDEX reports_by_time ON reports(at_ms);
-- The sweep's work: open tickets not yet found overdue, by due time.
CREATE INDEX reports_to_escalate ON reports(due_at_ms)
  WHERE escalated_at_ms IS NULL AND status IN ('new', 'assigned', 'in_progress', 'waiting_parts');
CREATE INDEX reports_by_resolved ON reports(region, resolved_at_ms) WHERE resolved_at_ms IS NOT NULL;
CREATE INDEX reports_by_device ON reports(station_code, device_hash, at_ms);
CREATE INDEX reports_by_assignee ON reports(assignee) WHERE assignee IS NOT NULL;
CREATE INDEX reports_by_team ON reports(team_id) WHERE team_id IS NOT NULL;

-- What happened to a ticket, in order: who (an account's username, "worker" or "system"), what
-- and the status it left the ticket in.
CREATE TABLE ticket_events (
  ticket_id TEXT COLLATE "C" NOT NULL REFERENCES reports(id),
  seq INTEGER NOT NULL,
  at_ms BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (ticket_id, seq)
);

-- Maintenance teams (管理维护工作队): a name, the region they serve, their members (console
-- accounts, normally maintainers).
CREATE TABLE maintenance_teams (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE TABLE maintenance_team_members (
  team_id BIGINT NOT NULL REFERENCES maintenance_teams(id),
  username TEXT NOT NULL,
  PRIMARY KEY (team_id, username)
);

-- The city's service levels: hours to fix, per report category and optionally per amenity and
-- months (a bit mask, bit 0 = January; 0 = all year). The most specific row applies: an amenity
-- row before a category row, a seasonal row before an all-year one.
CREATE TABLE service_levels (
  category TEXT NOT NULL,
  amenity TEXT NOT NULL DEFAULT '',
  months INTEGER NOT NULL DEFAULT 0,
  hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 8760),
  PRIMARY KEY (category, amenity, months)
);
INSERT INTO service_levels (category, amenity, months, hours) VALUES
  ('facility', '', 0, 72),
  ('facility', 'cooling_heating', 0, 72),
  ('facility', 'cooling_heating', 480, 48),
  ('facility', 'drinking_water', 0, 48),
  ('facility', 'toilet', 0, 48),
  ('supplies', '', 0, 48),
  ('supplies', 'first_aid', 0, 24),
  ('supplies', 'drinking_water', 0, 24),
  ('cleanliness', '', 0, 24),
  ('safety', '', 0, 12),
  ('other', '', 0, 168);
