#include "domain/volunteers/volunteer_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "core/region_code.h"
#include "core/text.h"
#include "domain/people/phone_number.h"
#include "domain/stations/codes.h"
#include "domain/stations/table_file.h"

namespace yz {
namespace {

// The '|'-separated parts of `text`, trimmed; views into `text`, which must outlive them.
std::vector<std::string_view> SplitBars(std::string_view text) {
  std::vector<std::string_view> out;
  if (Trim(text).empty()) return out;
  while (true) {
    const auto bar = text.find('|');
    out.push_back(Trim(text.substr(0, bar)));
    if (bar == std::string_view::npos) break;
    text = text.substr(bar + 1);
  }
  return out;
}

void SortByLine(std::vector<RowError>& errors) {
  std::stable_sort(errors.begin(), errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
}

std::optional<int> ParseSmallInt(std::string_view text) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

bool Digits(std::string_view s, std::size_t from, std::size_t n, int& out) {
  if (from + n > s.size()) return false;
  out = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<UtcTime> ParseShiftTime(std::string_view text, const TimeZone& zone) {
  text = Trim(text);
  if (text.find('T') != std::string_view::npos || text.find('t') != std::string_view::npos)
    return ParseRfc3339(text);
  // YYYY-MM-DD HH:MM[:SS], station-local.
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!(text.size() == 16 || text.size() == 19) || !Digits(text, 0, 4, y) || text[4] != '-' ||
      !Digits(text, 5, 2, mo) || text[7] != '-' || !Digits(text, 8, 2, d) || text[10] != ' ' ||
      !Digits(text, 11, 2, h) || text[13] != ':' || !Digits(text, 14, 2, mi))
    return std::nullopt;
  if (text.size() == 19 && (text[16] != ':' || !Digits(text, 17, 2, s))) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  const auto local = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
  return time_point_cast<milliseconds>(local - minutes{zone.offset_minutes()});
}

ParsedVolunteerFile ParseVolunteerFile(std::string_view bytes, SpreadsheetFormat format) {
  static constexpr std::array<std::string_view, 5> kKnown{"phone", "name", "region", "skills",
                                                          "note"};
  static constexpr std::array<std::string_view, 2> kRequired{"phone", "name"};
  TableFile table = ReadTableFile(bytes, format, kKnown, kRequired);
  ParsedVolunteerFile out;
  out.errors = std::move(table.errors);
  std::map<std::string, int> seen;
  for (const CsvRecord& rec : table.rows) {
    const std::size_t before = out.errors.size();
    const auto fail = [&](std::string message) {
      out.errors.push_back({rec.line, std::move(message)});
    };
    VolunteerRow row;
    row.line = rec.line;
    const std::string phone_text = table.Value(rec, "phone");
    const auto phone = NormalizeMainlandMobile(phone_text);
    if (!phone) {
      fail(
          fmt::format("手机号 phone '{0}' 不是 11 位大陆手机号 (phone '{0}' is not a mainland "
                      "mobile number of 11 digits)",
                      phone_text));
    } else if (const auto [it, inserted] = seen.emplace(*phone, rec.line); !inserted) {
      fail(fmt::format("手机号 phone 与第 {0} 行重复 (phone already appears on line {0})",
                       it->second));
    } else {
      row.phone = *phone;
    }
    row.name = table.Value(rec, "name");
    if (row.name.empty() || CountCodePoints(row.name) > 50)
      fail("姓名 name 须为 1 到 50 个字符 (name must be 1 to 50 characters)");
    row.region = table.Value(rec, "region");
    if (!row.region.empty() && !IsValidRegionCode(row.region)) {
      fail(
          fmt::format("行政区划代码 region '{0}' 不是区划代码 (region '{0}' is not a division "
                      "code of 2, 4, 6, 9 or 12 digits)",
                      row.region));
    }
    const std::string skills_text = table.Value(rec, "skills");
    for (std::string_view code : SplitBars(skills_text)) {
      const auto skill = ParseVolunteerSkill(code);
      if (!skill) {
        fail(
            fmt::format("技能 skills 中的 '{0}' 不是已知技能（first_aid, legal, medical, "
                        "model_worker, party_member, community_cadre, other） (unknown skill "
                        "'{0}')",
                        code));
      } else if (std::find(row.skills.begin(), row.skills.end(), *skill) != row.skills.end()) {
        fail(fmt::format("技能 '{0}' 写了两次 (skill '{0}' is listed twice)", code));
      } else {
        row.skills.push_back(*skill);
      }
    }
    std::sort(row.skills.begin(), row.skills.end());
    row.note = table.Value(rec, "note");
    if (CountCodePoints(row.note) > 200)
      fail("备注 note 最多 200 个字符 (note must be at most 200 characters)");
    if (out.errors.size() == before) out.rows.push_back(std::move(row));
  }
  SortByLine(out.errors);
  return out;
}

ParsedRosterFile ParseRosterFile(std::string_view bytes, SpreadsheetFormat format,
                                 const TimeZone& zone) {
  static constexpr std::array<std::string_view, 6> kKnown{"station", "starts_at", "ends_at",
                                                          "role",    "needed",    "volunteers"};
  static constexpr std::array<std::string_view, 3> kRequired{"station", "starts_at", "ends_at"};
  TableFile table = ReadTableFile(bytes, format, kKnown, kRequired);
  ParsedRosterFile out;
  out.errors = std::move(table.errors);
  std::map<std::tuple<std::string, int64_t, std::string>, int> seen;
  for (const CsvRecord& rec : table.rows) {
    const std::size_t before = out.errors.size();
    const auto fail = [&](std::string message) {
      out.errors.push_back({rec.line, std::move(message)});
    };
    RosterRow row;
    row.line = rec.line;
    row.station_code = table.Value(rec, "station");
    if (!IsValidStationCode(row.station_code)) {
      fail(fmt::format("站点编码 station '{0}' 无效 (station '{0}' is not a station code)",
                       row.station_code));
    }
    const std::string starts_text = table.Value(rec, "starts_at");
    const std::string ends_text = table.Value(rec, "ends_at");
    const auto starts = ParseShiftTime(starts_text, zone);
    const auto ends = ParseShiftTime(ends_text, zone);
    const auto bad_time = [&](std::string_view column, std::string_view text) {
      fail(
          fmt::format("{0} '{1}' 不是时间，应写成 2026-07-01 08:30 或 2026-07-01T08:30:00+08:00 "
                      "({0} '{1}' is not a time: write YYYY-MM-DD HH:MM in station-local time, "
                      "or RFC 3339 with an offset)",
                      column, text));
    };
    if (!starts) bad_time("starts_at", starts_text);
    if (!ends) bad_time("ends_at", ends_text);
    if (starts && ends) {
      row.starts_at = *starts;
      row.ends_at = *ends;
      if (*ends <= *starts) {
        fail("结束时间 ends_at 须晚于开始时间 starts_at (ends_at must be after starts_at)");
      } else if (*ends - *starts > std::chrono::hours(24)) {
        fail("一个班次最长 24 小时 (ends_at must be at most 24 hours after starts_at)");
      }
    }
    row.role = table.Value(rec, "role");
    if (row.role.empty()) row.role = "值班";
    if (CountCodePoints(row.role) > 20)
      fail("岗位 role 最多 20 个字符 (role must be at most 20 characters)");
    const std::string needed_text = table.Value(rec, "needed");
    if (!needed_text.empty()) {
      const auto needed = ParseSmallInt(needed_text);
      if (!needed || *needed < 1 || *needed > 20) {
        fail(
            fmt::format("人数 needed '{0}' 须为 1 到 20 的整数 (needed '{0}' must be a whole "
                        "number from 1 to 20)",
                        needed_text));
      } else {
        row.needed = *needed;
      }
    }
    const std::string volunteers_text = table.Value(rec, "volunteers");
    for (std::string_view text : SplitBars(volunteers_text)) {
      const auto phone = NormalizeMainlandMobile(text);
      if (!phone) {
        fail(
            fmt::format("志愿者 volunteers 中的 '{0}' 不是手机号 ('{0}' in volunteers is not a "
                        "mainland mobile number)",
                        text));
      } else if (std::find(row.phones.begin(), row.phones.end(), *phone) != row.phones.end()) {
        fail(fmt::format("志愿者 '{0}' 写了两次 (volunteer '{0}' is listed twice)", text));
      } else {
        row.phones.push_back(*phone);
      }
    }
    if (static_cast<int>(row.phones.size()) > row.needed) {
      fail(
          fmt::format("志愿者 {0} 人，多于所需人数 needed {1} ({0} volunteers listed, more than "
                      "needed {1})",
                      row.phones.size(), row.needed));
    }
    if (out.errors.size() == before) {
      const auto key =
          std::make_tuple(row.station_code, row.starts_at.time_since_epoch().count(), row.role);
      if (const auto [it, inserted] = seen.emplace(key, rec.line); !inserted) {
        fail(
            fmt::format("与第 {0} 行是同一站点、同一开始时间、同一岗位的班次 (the same station, "
                        "starts_at and role as line {0})",
                        it->second));
      } else {
        out.rows.push_back(std::move(row));
      }
    }
  }
  SortByLine(out.errors);
  return out;
}

}  // namespace yz
