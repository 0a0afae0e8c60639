-- Volunteers on duty (issue 16, contract section 10; docs/decisions/0019-volunteers-and-shifts.md).
-- A volunteer is a person who signs in by phone (the phone stays sealed in `people`); skills are
-- '|'-separated codes. A shift is unique by station, start and role (the roster import's key);
-- `held` counts its live holds and is kept with every change of a hold, so "shifts with a free
-- place" is an index range, never a count per shift. Instants are milliseconds since the epoch.
CREATE TABLE volunteers (
  id BIGSERIAL PRIMARY KEY,
  person_id BIGINT NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  region TEXT COLLATE "C" NOT NULL DEFAULT '',
  skills TEXT NOT NULL DEFAULT '',
  approved_skills TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  paused_until_ms BIGINT,
  -- The keyed hash of the private calendar token; the token itself is never stored.
  calendar_key TEXT UNIQUE,
  calendar_generation INTEGER NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX volunteers_by_region ON volunteers(region);

CREATE TABLE shifts (
  id BIGSERIAL PRIMARY KEY,
  station_code TEXT COLLATE "C" NOT NULL,
  region TEXT COLLATE "C" NOT NULL DEFAULT '',
  starts_at_ms BIGINT NOT NULL,
  ends_at_ms BIGINT NOT NULL,
  role TEXT NOT NULL,
  needed INTEGER NOT NULL,
  held INTEGER NOT NULL DEFAULT 0,
  -- The duty template that made it (NULL: imported or added by hand).
  template_id BIGINT,
  created_at_ms BIGINT NOT NULL,
  UNIQUE (station_code, starts_at_ms, role)
);
-- Shifts with a free place, by start: "near me with open shifts" and the coordinator's gaps.
CREATE INDEX shifts_open_by_start ON shifts(starts_at_ms) WHERE held < needed;
CREATE INDEX shifts_by_region_start ON shifts(region, starts_at_ms);
-- Every shift by start: reminders and the no-show sweep read a window of starts.
CREATE INDEX shifts_by_start ON shifts(starts_at_ms);

CREATE TABLE shift_holds (
  shift_id BIGINT NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
  volunteer_id BIGINT NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  taken_at_ms BIGINT NOT NULL,
  cancelled_at_ms BIGINT,
  arrived_at_ms BIGINT,
  departed_at_ms BIGINT,
  arrival_by TEXT NOT NULL DEFAULT '',
  -- Which reminders went out (1: the day before, 2: the hour before), so each goes once.
  reminded INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (shift_id, volunteer_id)
);
CREATE INDEX shift_holds_by_volunteer ON shift_holds(volunteer_id, state);

-- Recurring duty at a station (domain/volunteers/duty_template.h): weekdays as a bit mask
-- (1 = Monday … 64 = Sunday), local minutes of the day, dates as YYYY-MM-DD.
CREATE TABLE duty_templates (
  id BIGSERIAL PRIMARY KEY,
  station_code TEXT COLLATE "C" NOT NULL,
  region TEXT COLLATE "C" NOT NULL DEFAULT '',
  weekdays INTEGER NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  role TEXT NOT NULL,
  needed INTEGER NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX duty_templates_by_station ON duty_templates(station_code);

-- The city's rules of duty: one row.
CREATE TABLE duty_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  signup_days_ahead INTEGER NOT NULL,
  cancel_until_hours INTEGER NOT NULL,
  late_cancel_hours INTEGER NOT NULL,
  no_show_after_minutes INTEGER NOT NULL,
  pause_after_no_shows INTEGER NOT NULL,
  no_show_window_days INTEGER NOT NULL,
  pause_days INTEGER NOT NULL
);
INSERT INTO duty_rules VALUES (1, 30, 2, 24, 30, 3, 90, 30);
