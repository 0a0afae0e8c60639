// Recurring duty (issue 16 item 2): "weekdays 07:00–09:00, two people, role 值班" at a station,
// from a first day until an optional last day. A timed job turns templates into shifts for the
// sign-up horizon, so the shifts exist before anyone may take them and no further; a shift that
// already exists (same station, start and role) is left alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/local_time.h"
#include "core/result.h"
#include "domain/volunteers/volunteer.h"

namespace yz {

struct DutyTemplate {
  int64_t id = 0;
  std::string station_code;
  uint8_t weekdays = 0;  // bit 0 = Monday … bit 6 = Sunday
  int start_minute = 0;  // station-local, 0..1439
  int end_minute = 0;    // 0..1439; at or before the start: the next day
  std::string role = "值班";
  int needed = 1;
  Date valid_from{};
  std::optional<Date> valid_until;
  friend bool operator==(const DutyTemplate&, const DutyTemplate&) = default;
};

// Ok, or invalid_argument naming the first bad field (Chinese first).
Result<void> ValidateDutyTemplate(const DutyTemplate& t);

// The shifts of `t` on the local days first..last (inclusive) that its weekdays and validity
// allow, in day order; ids 0, held 0.
std::vector<Shift> ShiftsOfTemplate(const DutyTemplate& t, Date first, Date last,
                                    const TimeZone& zone);

// The shift of `t` on local day `day`, if its weekdays and validity allow one.
std::optional<Shift> ShiftOfTemplateOn(const DutyTemplate& t, Date day, const TimeZone& zone);

// "周一至周五 07:00–09:00 值班 2 人", "周六、周日 22:00–次日06:00 夜班 1 人".
std::string DescribeDutyTemplate(const DutyTemplate& t);

}  // namespace yz
