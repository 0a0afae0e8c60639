// The two files of contract section 10, read as section 8 says (CSV or the first sheet of an
// .xlsx): the volunteer register (志愿者名册) and the duty roster (排班表). Parsing checks each row
// on its own; what needs the store (stations that exist, phones of imported volunteers) is
// checked by VolunteerImporter (volunteer_import.h), which reports by line in the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/local_time.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/stations/station_file.h"
#include "domain/volunteers/volunteer_repository.h"

namespace yz {

struct ParsedVolunteerFile {
  std::vector<VolunteerRow> rows;
  std::vector<RowError> errors;  // in line order; non-empty: nothing may be written
};

// Columns phone (required; a mainland mobile number), name (required, 1..50 characters), region
// (a division code or empty), skills ('|'-separated codes of VolunteerSkill, any order, each
// once), note (up to 200 characters). A phone on two lines is an error of the second.
ParsedVolunteerFile ParseVolunteerFile(std::string_view bytes, SpreadsheetFormat format);

// A roster row before its volunteers are found.
struct RosterRow {
  int line = 0;
  std::string station_code;
  UtcTime starts_at;
  UtcTime ends_at;
  std::string role;  // default 值班
  int needed = 1;
  std::vector<std::string> phones;  // normalised, each once
};

struct ParsedRosterFile {
  std::vector<RosterRow> rows;
  std::vector<RowError> errors;
};

// Columns station (required), starts_at and ends_at (required; RFC 3339 with an offset, or
// "YYYY-MM-DD HH:MM" — seconds allowed — in `zone`), role (1..20 characters, default 值班), needed
// (1..20, default 1), volunteers (phones, '|'-separated, at most `needed`). ends_at after
// starts_at and at most 24 hours later; a (station, starts_at, role) on two lines is an error.
ParsedRosterFile ParseRosterFile(std::string_view bytes, SpreadsheetFormat format,
                                 const TimeZone& zone);

// "2026-07-01 08:30" (or with ":SS") in `zone`, or an RFC 3339 date-time with offset.
std::optional<UtcTime> ParseShiftTime(std::string_view text, const TimeZone& zone);

}  // namespace yz
