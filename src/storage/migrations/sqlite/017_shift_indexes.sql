-- Two indexes of 015 that no query needed, and that every generated shift paid for (a year of
-- duty for every station is ten million rows): the region prefix of RegionShifts is a
-- substr() that (region, starts_at_ms) cannot serve, and shifts_by_start serves the open
-- places of the coming week as well as a partial index of nearly every row would.
DROP INDEX IF EXISTS shifts_open_by_start;
DROP INDEX IF EXISTS shifts_by_region_start;
