#include "domain/volunteers/duty_template.h"

#include <fmt/format.h>

#include "core/text.h"

namespace yz {
namespace {

constexpr const char* kDayNames[7] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

std::string Clock(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

}  // namespace

Result<void> ValidateDutyTemplate(const DutyTemplate& t) {
  if ((t.weekdays & 0x7F) == 0 || (t.weekdays & 0x80) != 0)
    return Error::InvalidArgument("请至少选择一天 (weekdays: at least one day)");
  if (t.start_minute < 0 || t.start_minute >= 1440 || t.end_minute < 0 || t.end_minute >= 1440)
    return Error::InvalidArgument("时间应在 00:00 到 23:59 之间 (times must be 00:00..23:59)");
  if (t.end_minute == t.start_minute)
    return Error::InvalidArgument("结束时间不能等于开始时间 (the end must differ from the start)");
  const std::string role(Trim(t.role));
  if (role.empty() || CountCodePoints(role) > 20)
    return Error::InvalidArgument("岗位须为 1 到 20 个字符 (role must be 1 to 20 characters)");
  if (t.needed < 1 || t.needed > 20)
    return Error::InvalidArgument("人数须为 1 到 20 (needed must be 1 to 20)");
  if (!t.valid_from.ok() ||
      (t.valid_until && (!t.valid_until->ok() || *t.valid_until < t.valid_from)))
    return Error::InvalidArgument(
        "起止日期无效，结束日期不能早于开始日期 (valid_until must not be before valid_from)");
  return Ok();
}

std::vector<Shift> ShiftsOfTemplate(const DutyTemplate& t, Date first, Date last,
                                    const TimeZone& zone) {
  std::vector<Shift> out;
  for (auto day = std::chrono::sys_days{first}; day <= std::chrono::sys_days{last};
       day += std::chrono::days{1}) {
    if (auto s = ShiftOfTemplateOn(t, Date{day}, zone)) out.push_back(std::move(*s));
  }
  return out;
}

std::optional<Shift> ShiftOfTemplateOn(const DutyTemplate& t, Date day, const TimeZone& zone) {
  using namespace std::chrono;
  if (day < t.valid_from || (t.valid_until && *t.valid_until < day)) return std::nullopt;
  const sys_days d{day};
  const int weekday = static_cast<int>(std::chrono::weekday{d}.iso_encoding()) - 1;  // Mon 0
  if ((t.weekdays & (1u << weekday)) == 0) return std::nullopt;
  const auto local_midnight = time_point_cast<milliseconds>(d) - minutes{zone.offset_minutes()};
  Shift s;
  s.station_code = t.station_code;
  s.starts_at = local_midnight + minutes{t.start_minute};
  s.ends_at = local_midnight + minutes{t.end_minute + (t.end_minute <= t.start_minute ? 1440 : 0)};
  s.role = t.role;
  s.needed = t.needed;
  return s;
}

std::string DescribeDutyTemplate(const DutyTemplate& t) {
  std::string days;
  const uint8_t mask = t.weekdays & 0x7F;
  if (mask == 0x1F) {
    days = "周一至周五";
  } else if (mask == 0x7F) {
    days = "每天";
  } else {
    for (int d = 0; d < 7; ++d) {
      if ((mask & (1u << d)) == 0) continue;
      if (!days.empty()) days += "、";
      days += kDayNames[d];
    }
  }
  const std::string end =
      t.end_minute <= t.start_minute ? "次日" + Clock(t.end_minute) : Clock(t.end_minute);
  return fmt::format("{} {}–{} {} {} 人", days, Clock(t.start_minute), end, t.role, t.needed);
}

}  // namespace yz
