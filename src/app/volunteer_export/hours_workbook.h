// The volunteers' hours and 人次 as an Excel workbook for union staff: Chinese headers and
// labels, one row per volunteer, station, region or month, a totals row (issue 16 item 7).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/volunteers/volunteer_service.h"

namespace yz {

// The workbook's bytes. `period` is printed in the title row ("2026-01-01 至 2026-12-07").
Result<std::string> WriteHoursWorkbook(const std::vector<HoursLine>& lines, HoursGrouping by,
                                       const std::string& period);

}  // namespace yz
