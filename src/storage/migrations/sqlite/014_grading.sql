-- Star grading (domain/grading/grading.h). Rules are versioned: a run keeps the version it used,
-- so its explanations can be read again after the rules change. Version 1 is
-- DefaultGradingRules(). Instants are milliseconds since the Unix epoch (UTC); months YYYY-MM.
CREATE TABLE grading_rule_sets (
  version INTEGER PRIMARY KEY,
  created_by TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE TABLE grading_criteria (
  version INTEGER NOT NULL REFERENCES grading_rule_sets(version),
  position INTEGER NOT NULL,
  measure TEXT NOT NULL,
  points INTEGER NOT NULL,
  zero_at DOUBLE PRECISION NOT NULL,
  full_at DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (version, position)
);
CREATE TABLE grading_levels (
  version INTEGER NOT NULL REFERENCES grading_rule_sets(version),
  stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  min_points DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (version, stars)
);
CREATE TABLE grading_requirements (
  version INTEGER NOT NULL,
  stars INTEGER NOT NULL,
  position INTEGER NOT NULL,
  measure TEXT NOT NULL,
  comparison TEXT NOT NULL CHECK (comparison IN ('at_least', 'at_most')),
  threshold DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (version, stars, position),
  FOREIGN KEY (version, stars) REFERENCES grading_levels(version, stars)
);

INSERT INTO grading_rule_sets (version, created_by, created_at_ms) VALUES (1, 'system', 0);
INSERT INTO grading_criteria (version, position, measure, points, zero_at, full_at) VALUES
  (1, 0, 'standard_amenities', 20, 5, 10),
  (1, 1, 'area_m2', 10, 10, 30),
  (1, 2, 'capacity', 5, 5, 20),
  (1, 3, 'hours_kept', 15, 50, 100),
  (1, 4, 'inspection_score', 15, 60, 95),
  (1, 5, 'satisfaction', 15, 3.0, 4.8),
  (1, 6, 'checkins_per_day', 10, 1, 20),
  (1, 7, 'on_time_rate', 10, 50, 100);
INSERT INTO grading_levels (version, stars, min_points) VALUES
  (1, 1, 30), (1, 2, 45), (1, 3, 60), (1, 4, 75), (1, 5, 85);
INSERT INTO grading_requirements (version, stars, position, measure, comparison, threshold) VALUES
  (1, 1, 0, 'overdue_tickets', 'at_most', 3),
  (1, 2, 0, 'overdue_tickets', 'at_most', 2),
  (1, 2, 1, 'expired_medicine', 'at_most', 0),
  (1, 3, 0, 'overdue_tickets', 'at_most', 1),
  (1, 3, 1, 'expired_medicine', 'at_most', 0),
  (1, 3, 2, 'standard_amenities', 'at_least', 8),
  (1, 4, 0, 'overdue_tickets', 'at_most', 0),
  (1, 4, 1, 'expired_medicine', 'at_most', 0),
  (1, 4, 2, 'standard_amenities', 'at_least', 10),
  (1, 4, 3, 'area_m2', 'at_least', 20),
  (1, 4, 4, 'hours_kept', 'at_least', 90),
  (1, 4, 5, 'satisfaction', 'at_least', 4.0),
  (1, 5, 0, 'overdue_tickets', 'at_most', 0),
  (1, 5, 1, 'expired_medicine', 'at_most', 0),
  (1, 5, 2, 'standard_amenities', 'at_least', 10),
  (1, 5, 3, 'area_m2', 'at_least', 30),
  (1, 5, 4, 'capacity', 'at_least', 20),
  (1, 5, 5, 'aed', 'at_least', 1),
  (1, 5, 6, 'hours_kept', 'at_least', 95),
  (1, 5, 7, 'satisfaction', 'at_least', 4.5),
  (1, 5, 8, 'ratings', 'at_least', 20);

-- What a station declares for grading (申报).
CREATE TABLE grading_facts (
  station_code TEXT NOT NULL PRIMARY KEY REFERENCES stations(code),
  area_m2 DOUBLE PRECISION,
  capacity INTEGER,
  updated_by TEXT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE grading_runs (
  id INTEGER PRIMARY KEY,
  rules_version INTEGER NOT NULL REFERENCES grading_rule_sets(version),
  first_month TEXT NOT NULL,
  last_month TEXT NOT NULL,
  region TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
  reviewed_by TEXT NOT NULL DEFAULT '',
  reviewed_at_ms BIGINT,
  review_note TEXT NOT NULL DEFAULT '',
  stations BIGINT NOT NULL,
  by_stars TEXT NOT NULL  -- proposals per star count 0..5, "n0,n1,…,n5"
);

-- Evidence: the measures in enum order joined by ';' (EncodeEvidence), so the explanation can
-- be computed again from the run's rules.
CREATE TABLE grading_proposals (
  run_id BIGINT NOT NULL REFERENCES grading_runs(id),
  station_code TEXT NOT NULL,
  stars INTEGER NOT NULL CHECK (stars BETWEEN 0 AND 5),
  previous_stars INTEGER,
  points DOUBLE PRECISION NOT NULL,
  evidence TEXT NOT NULL,
  override_stars INTEGER CHECK (override_stars BETWEEN 0 AND 5),
  override_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, station_code)
);
CREATE INDEX grading_proposals_by_station ON grading_proposals(station_code, run_id);

-- The approved grade of each station (the latest approved run that graded it).
CREATE TABLE station_grades (
  station_code TEXT NOT NULL PRIMARY KEY,
  stars INTEGER NOT NULL CHECK (stars BETWEEN 0 AND 5),
  run_id BIGINT NOT NULL REFERENCES grading_runs(id),
  approved_at_ms BIGINT NOT NULL
);
