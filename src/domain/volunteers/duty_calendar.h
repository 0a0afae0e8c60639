// A volunteer's private calendar feed (contract section 10): an RFC 5545 iCalendar that a phone's
// calendar subscribes to. One VEVENT per shift the volunteer holds or held: UID stable per shift
// and volunteer, DTSTART/DTEND in UTC, SUMMARY with the role and station in Chinese, LOCATION
// the station's name and address, GEO its WGS-84 position, an alarm an hour before; a hold given
// up or missed is STATUS:CANCELLED so that subscribed calendars drop it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/geo.h"
#include "domain/volunteers/volunteer.h"

namespace yz {

struct CalendarShift {
  HeldShift held;
  std::string station_name;  // "" when the station is gone: the code is shown instead
  std::string station_address;
  std::optional<GeoPoint> location;
};

// The whole feed, CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character.
// `now` is DTSTAMP.
std::string RenderDutyCalendar(std::span<const CalendarShift> shifts, UtcTime now);

// TEXT escaping of RFC 5545 §3.3.11 (backslash, semicolon, comma, line breaks).
std::string EscapeCalendarText(std::string_view text);
// Folds one content line (without its CRLF) into lines of at most 75 octets, each ending CRLF.
std::string FoldCalendarLine(std::string_view line);

}  // namespace yz
