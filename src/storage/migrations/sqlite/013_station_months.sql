-- Check-ins and ratings per station and station-local month ("YYYY-MM"), kept in the same
-- transaction as each check-in and rating, so that figures over a year (star grading, reports)
-- read one row per station and month instead of every check-in (ADR 0017). Filled here from what
-- is already stored, in China's time (+08:00).
CREATE TABLE station_months (
  station_code TEXT NOT NULL,
  month TEXT NOT NULL,
  checkins BIGINT NOT NULL DEFAULT 0,
  ratings BIGINT NOT NULL DEFAULT 0,
  stars_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (station_code, month)
);
CREATE INDEX station_months_by_month ON station_months(month);

INSERT INTO station_months (station_code, month, checkins)
  SELECT station_code, strftime('%Y-%m', at_ms / 1000 + 28800, 'unixepoch'), count(*)
  FROM checkins GROUP BY 1, 2;
INSERT INTO station_months (station_code, month, ratings, stars_sum)
  SELECT station_code, strftime('%Y-%m', at_ms / 1000 + 28800, 'unixepoch'), count(*), sum(stars)
  FROM ratings GROUP BY 1, 2
  ON CONFLICT (station_code, month) DO UPDATE SET ratings = excluded.ratings,
                                                  stars_sum = excluded.stars_sum;
